import { fuzzProcedures } from './fuzz-trpc';
import { platformProcedures } from './procedures-platform';

fuzzProcedures('platform procedures', platformProcedures);
