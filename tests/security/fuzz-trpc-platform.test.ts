import { fuzzProcedures } from './fuzz-trpc';
import { attentionProcedures } from './procedures-attention';
import { platformProcedures } from './procedures-platform';

fuzzProcedures('platform procedures', platformProcedures);
fuzzProcedures('attention procedures', attentionProcedures);
