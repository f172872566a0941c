import { fuzzProcedures } from './fuzz-trpc';
import { inboxProcedures } from './procedures-inbox';

fuzzProcedures('inbox procedures', inboxProcedures);
