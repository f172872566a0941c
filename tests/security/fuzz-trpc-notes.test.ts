import { fuzzProcedures } from './fuzz-trpc';
import { notesProcedures } from './procedures-notes';

fuzzProcedures('notes procedures', notesProcedures);
