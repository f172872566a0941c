import { fuzzProcedures } from './fuzz-trpc';
import { botToolsProcedures } from './procedures-bot-tools';

fuzzProcedures('bot tools procedures', botToolsProcedures);
