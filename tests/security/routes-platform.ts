import { randomUUID } from 'node:crypto';
import { PASSWORD } from '../factories/user';
import { sign } from '../mocks/whatsapp-cloud';
import type { RestCase } from './cases';

/** Health, the widget, auth, users, chatbots and the providers' webhooks. */
const unique = () => randomUUID().slice(0, 8);
const open = { caller: 'public', role: null, owns: [] } as const;
const admin = { caller: 'user', role: 'admin' } as const;

const site: RestCase[] = [
  { method: 'GET', path: '/healthz', ...open, request: () => ({ path: '/healthz' }) },
  { method: 'GET', path: '/widget.js', ...open, request: () => ({ path: '/widget.js' }) },
  {
    method: 'GET',
    path: '/widget-demo',
    ...open,
    request: (w) => ({ path: `/widget-demo?publicKey=${w.publicBotKey}` }),
  },
  {
    method: 'GET',
    path: '/widget/config',
    ...open,
    request: (w) => ({ path: `/widget/config?publicKey=${w.publicBotKey}` }),
  },
  {
    method: 'POST',
    path: '/widget/session',
    ...open,
    request: (w) => ({
      path: '/widget/session',
      body: { publicKey: w.publicBotKey },
    }),
  },
];

const auth: RestCase[] = [
  {
    method: 'POST',
    path: '/auth/register',
    ...open,
    request: () => ({
      path: '/auth/register',
      body: {
        workspaceName: `Shop ${unique()}`,
        name: 'Owner',
        email: `owner-${unique()}@example.test`,
        password: PASSWORD,
      },
    }),
  },
  {
    method: 'POST',
    path: '/auth/login',
    ...open,
    request: (w) => ({ path: '/auth/login', body: { email: w.admin.email, password: PASSWORD } }),
  },
  // A refresh token is spent by its first use: a later valid-looking one is refused (401).
  {
    method: 'POST',
    path: '/auth/refresh',
    ...open,
    okStatus: [200, 401],
    request: (w) => ({ path: '/auth/refresh', body: { refreshToken: w.refreshToken } }),
  },
  {
    method: 'POST',
    path: '/auth/logout',
    ...open,
    okStatus: [200, 401],
    request: (w) => ({ path: '/auth/logout', body: { refreshToken: w.refreshToken } }),
  },
  {
    method: 'GET',
    path: '/auth/me',
    caller: 'user',
    role: 'agent',
    owns: [],
    request: () => ({ path: '/auth/me' }),
  },
];

const users: RestCase[] = [
  { method: 'GET', path: '/users', ...admin, owns: [], request: () => ({ path: '/users' }) },
  {
    method: 'GET',
    path: '/users/:id',
    ...admin,
    owns: ['user'],
    request: (_w, ids) => ({ path: `/users/${ids.user}` }),
  },
  {
    method: 'POST',
    path: '/users',
    ...admin,
    owns: [],
    request: () => ({
      path: '/users',
      body: {
        name: 'New agent',
        email: `agent-${unique()}@example.test`,
        password: PASSWORD,
        role: 'agent',
        capacity: 3,
      },
    }),
  },
  {
    method: 'PATCH',
    path: '/users/:id',
    ...admin,
    owns: ['user'],
    request: (_w, ids) => ({
      path: `/users/${ids.user}`,
      body: { name: 'Renamed agent', capacity: 5 },
    }),
  },
];

const chatbots: RestCase[] = [
  { method: 'GET', path: '/chatbots', ...admin, owns: [], request: () => ({ path: '/chatbots' }) },
  {
    method: 'POST',
    path: '/chatbots',
    ...admin,
    owns: [],
    request: () => ({ path: '/chatbots', body: { name: `Bot ${unique()}`, aiEnabled: false } }),
  },
  {
    method: 'GET',
    path: '/chatbots/:id',
    ...admin,
    owns: ['chatbot'],
    request: (_w, ids) => ({ path: `/chatbots/${ids.chatbot}` }),
  },
  {
    method: 'PATCH',
    path: '/chatbots/:id',
    ...admin,
    owns: ['chatbot'],
    request: (_w, ids) => ({ path: `/chatbots/${ids.chatbot}`, body: { name: `Bot ${unique()}` } }),
  },
  {
    method: 'DELETE',
    path: '/chatbots/:id',
    ...admin,
    owns: ['chatbot'],
    request: (_w, ids) => ({ path: `/chatbots/${ids.chatbot}` }),
  },
];

/** A provider signs with its own workspace's secret, so another's integration refuses it. */
const webhooks: RestCase[] = [
  {
    method: 'GET',
    path: '/webhooks/whatsapp-cloud/:integrationId',
    caller: 'webhook',
    role: null,
    owns: ['cloudIntegration'],
    crossStatus: 403,
    request: (w, ids) => ({
      path: `/webhooks/whatsapp-cloud/${ids.cloudIntegration}?hub.mode=subscribe&hub.verify_token=${w.secrets.verify}&hub.challenge=4242`,
    }),
  },
  {
    method: 'POST',
    path: '/webhooks/whatsapp-cloud/:integrationId',
    caller: 'webhook',
    role: null,
    owns: ['cloudIntegration'],
    crossStatus: 401,
    request: (w, ids) => ({
      path: `/webhooks/whatsapp-cloud/${ids.cloudIntegration}`,
      body: { object: 'whatsapp_business_account', entry: [] },
      sign: (raw) => ({ 'x-hub-signature-256': sign(raw, w.secrets.cloud) }),
    }),
  },
  {
    method: 'POST',
    path: '/webhooks/whatsapp-qr/:integrationId',
    caller: 'webhook',
    role: null,
    owns: ['qrIntegration'],
    crossStatus: 401,
    request: (w, ids) => ({
      path: `/webhooks/whatsapp-qr/${ids.qrIntegration}`,
      body: { event: 'session.status', session: 'default', payload: { status: 'WORKING' } },
      headers: { 'x-webhook-secret': w.secrets.qr },
    }),
  },
];

export const platformRoutes: RestCase[] = [...site, ...auth, ...users, ...chatbots, ...webhooks];
