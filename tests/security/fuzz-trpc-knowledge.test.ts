import { fuzzProcedures } from './fuzz-trpc';
import { knowledgeProcedures } from './procedures-knowledge';

fuzzProcedures('knowledge procedures', knowledgeProcedures);
