import { fuzzProcedures } from './fuzz-trpc';
import { searchProcedures } from './procedures-search';

fuzzProcedures('search procedures', searchProcedures);
