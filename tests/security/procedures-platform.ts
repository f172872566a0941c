import { randomUUID } from 'node:crypto';
import { PASSWORD } from '../factories/user';
import type { ProcedureCase } from './cases';

/** Auth, users, chatbots, integrations, API keys and the dashboard. */
const unique = () => randomUUID().slice(0, 8);
const open = { role: null, owns: [] } as const;
const admin = { role: 'admin' } as const;

const auth: ProcedureCase[] = [
  { name: 'auth.config', ...open, input: () => undefined },
  {
    name: 'auth.register',
    ...open,
    input: () => ({
      workspaceName: `Shop ${unique()}`,
      name: 'Owner',
      email: `owner-${unique()}@example.test`,
      password: PASSWORD,
    }),
  },
  { name: 'auth.login', ...open, input: (w) => ({ email: w.admin.email, password: PASSWORD }) },
  { name: 'auth.refresh', ...open, input: (w) => ({ refreshToken: w.refreshToken }) },
  { name: 'auth.logout', ...open, input: (w) => ({ refreshToken: w.refreshToken }) },
  { name: 'auth.me', role: 'agent', owns: [], input: () => undefined },
  { name: 'auth.setLocale', role: 'agent', owns: [], input: () => ({ locale: 'es' }) },
  {
    name: 'auth.socketToken',
    role: null,
    owns: [],
    httpRefusal: 'BAD_REQUEST',
    input: (w) => ({ token: w.tokens.agent }),
  },
];

const users: ProcedureCase[] = [
  { name: 'users.list', role: 'agent', owns: [], input: () => undefined },
  { name: 'users.get', role: 'agent', owns: ['user'], input: (_w, ids) => ({ id: ids.user }) },
  {
    name: 'users.create',
    ...admin,
    owns: [],
    input: () => ({
      name: 'New agent',
      email: `agent-${unique()}@example.test`,
      password: PASSWORD,
    }),
  },
  {
    name: 'users.update',
    ...admin,
    owns: ['user'],
    input: (_w, ids) => ({ id: ids.user, patch: { name: 'Renamed' } }),
  },
  {
    name: 'users.setAvailability',
    role: 'agent',
    owns: [],
    input: () => ({ availability: 'online' }),
  },
];

const chatbots: ProcedureCase[] = [
  { name: 'chatbots.list', role: 'agent', owns: [], input: () => undefined },
  {
    name: 'chatbots.get',
    role: 'agent',
    owns: ['chatbot'],
    input: (_w, ids) => ({ id: ids.chatbot }),
  },
  {
    name: 'chatbots.responder',
    role: 'agent',
    owns: ['chatbot'],
    input: (_w, ids) => ({ id: ids.chatbot }),
  },
  { name: 'chatbots.create', ...admin, owns: [], input: () => ({ name: `Bot ${unique()}` }) },
  {
    name: 'chatbots.update',
    ...admin,
    owns: ['chatbot'],
    input: (_w, ids) => ({ id: ids.chatbot, patch: { greeting: 'Hello!' } }),
  },
  {
    name: 'chatbots.delete',
    ...admin,
    owns: ['chatbot'],
    input: (_w, ids) => ({ id: ids.chatbot }),
  },
];

const integrations: ProcedureCase[] = [
  { name: 'integrations.list', ...admin, owns: [], input: () => undefined },
  {
    name: 'integrations.get',
    ...admin,
    owns: ['integrationId'],
    input: (_w, ids) => ({ id: ids.integrationId }),
  },
  {
    name: 'integrations.create',
    ...admin,
    owns: ['chatbot'],
    input: (_w, ids) => ({
      channel: 'WIDGET',
      name: `Site ${unique()}`,
      defaultChatbotId: ids.chatbot,
    }),
  },
  {
    name: 'integrations.update',
    ...admin,
    owns: ['integrationId'],
    input: (_w, ids) => ({ id: ids.integrationId, patch: { name: `Line ${unique()}` } }),
  },
  {
    name: 'integrations.delete',
    ...admin,
    owns: ['integrationId'],
    input: (_w, ids) => ({ id: ids.integrationId }),
  },
];

const apiKeys: ProcedureCase[] = [
  { name: 'apiKeys.list', ...admin, owns: [], input: () => undefined },
  { name: 'apiKeys.create', ...admin, owns: [], input: () => ({ name: `Key ${unique()}` }) },
  { name: 'apiKeys.revoke', ...admin, owns: ['apiKey'], input: (_w, ids) => ({ id: ids.apiKey }) },
];

const stats: ProcedureCase[] = [
  {
    name: 'stats.dashboard',
    role: 'supervisor',
    owns: [],
    input: () => ({ days: 7, timeZone: 'America/Sao_Paulo' }),
  },
];

const widgetIdentity: ProcedureCase[] = [
  { name: 'widgetIdentity.reveal', ...admin, owns: [], input: () => undefined },
  { name: 'widgetIdentity.rotate', ...admin, owns: [], input: () => undefined },
];

/** The admin's first-start checklist (server/services/checklist.ts). */
const checklist: ProcedureCase[] = [
  { name: 'checklist.get', ...admin, owns: [], input: () => undefined },
  { name: 'checklist.dismiss', ...admin, owns: [], input: () => undefined },
];

export const platformProcedures: ProcedureCase[] = [
  ...auth,
  ...users,
  ...chatbots,
  ...integrations,
  ...apiKeys,
  ...stats,
  ...widgetIdentity,
  ...checklist,
];
