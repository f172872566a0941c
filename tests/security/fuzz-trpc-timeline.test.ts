import { fuzzProcedures } from './fuzz-trpc';
import { timelineProcedures } from './procedures-timeline';

fuzzProcedures('timeline procedures', timelineProcedures);
