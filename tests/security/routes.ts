import type { ProcedureCase, RestCase } from './cases';
import { attentionProcedures } from './procedures-attention';
import { botToolsProcedures } from './procedures-bot-tools';
import { cannedProcedures } from './procedures-canned';
import { copilotProcedures } from './procedures-copilot';
import { crmProcedures } from './procedures-crm';
import { flowsProcedures } from './procedures-flows';
import { inboxProcedures } from './procedures-inbox';
import { knowledgeProcedures } from './procedures-knowledge';
import { notesProcedures } from './procedures-notes';
import { platformProcedures } from './procedures-platform';
import { searchProcedures } from './procedures-search';
import { timelineProcedures } from './procedures-timeline';
import { crmRoutes } from './routes-crm';
import { inboxRoutes } from './routes-inbox';
import { knowledgeRoutes } from './routes-knowledge';
import { platformRoutes } from './routes-platform';

/**
 * The coverage list: every REST route and tRPC procedure the security suite exercises.
 * tests/security/coverage.test.ts holds it equal to what the routers declare.
 */
export const REST_CASES: RestCase[] = [
  ...platformRoutes,
  ...crmRoutes,
  ...inboxRoutes,
  ...knowledgeRoutes,
];
export const PROCEDURE_CASES: ProcedureCase[] = [
  ...platformProcedures,
  ...crmProcedures,
  ...inboxProcedures,
  ...knowledgeProcedures,
  ...botToolsProcedures,
  ...copilotProcedures,
  ...flowsProcedures,
  ...cannedProcedures,
  ...notesProcedures,
  ...searchProcedures,
  ...timelineProcedures,
  ...attentionProcedures,
];
