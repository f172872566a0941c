import { fuzzProcedures } from './fuzz-trpc';
import { flowsProcedures } from './procedures-flows';

fuzzProcedures('flows and bot test procedures', flowsProcedures);
