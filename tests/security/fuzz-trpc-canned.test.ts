import { fuzzProcedures } from './fuzz-trpc';
import { cannedProcedures } from './procedures-canned';

fuzzProcedures('canned responses procedures', cannedProcedures);
