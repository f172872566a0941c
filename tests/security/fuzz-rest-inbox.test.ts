import { fuzzRoutes } from './fuzz-rest';
import { inboxRoutes } from './routes-inbox';

fuzzRoutes('inbox routes', inboxRoutes);
