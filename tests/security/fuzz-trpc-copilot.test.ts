import { fuzzProcedures } from './fuzz-trpc';
import { copilotProcedures } from './procedures-copilot';

fuzzProcedures('copilot procedures', copilotProcedures);
