import { fuzzRoutes } from './fuzz-rest';
import { platformRoutes } from './routes-platform';

fuzzRoutes('platform routes', platformRoutes);
