import { fuzzProcedures } from './fuzz-trpc';
import { crmProcedures } from './procedures-crm';

fuzzProcedures('CRM procedures', crmProcedures);
