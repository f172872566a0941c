import { fuzzRoutes } from './fuzz-rest';
import { crmRoutes } from './routes-crm';

fuzzRoutes('CRM routes', crmRoutes);
