import { fuzzRoutes } from './fuzz-rest';
import { knowledgeRoutes } from './routes-knowledge';

fuzzRoutes('knowledge routes', knowledgeRoutes);
