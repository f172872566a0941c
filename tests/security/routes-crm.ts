import { randomUUID } from 'node:crypto';
import type { RestCase } from './cases';

/** Seed 003's CRM: servers, devices, applications, tags, contacts, contact-user accounts. */
const unique = () => randomUUID().slice(0, 8);

const catalog = (
  [
    ['/servers', 'server'],
    ['/devices', 'device'],
    ['/applications', 'application'],
    ['/tags', 'tag'],
  ] as const
).flatMap(([base, kind]): RestCase[] => [
  {
    method: 'GET',
    path: base,
    caller: 'user',
    role: 'agent',
    owns: [],
    request: () => ({ path: `${base}?page=1&limit=5` }),
  },
  {
    method: 'GET',
    path: `${base}/:id`,
    caller: 'user',
    role: 'agent',
    owns: [kind],
    request: (_w, ids) => ({ path: `${base}/${ids[kind]}` }),
  },
  {
    method: 'POST',
    path: base,
    caller: 'user',
    role: 'agent',
    owns: [],
    request: () => ({ path: base, body: { name: `${kind} ${unique()}` } }),
  },
  {
    method: 'PATCH',
    path: `${base}/:id`,
    caller: 'user',
    role: 'agent',
    owns: [kind],
    request: (_w, ids) => ({ path: `${base}/${ids[kind]}`, body: { name: `${kind} ${unique()}` } }),
  },
  {
    method: 'DELETE',
    path: `${base}/:id`,
    caller: 'user',
    role: 'agent',
    owns: [kind],
    request: (_w, ids) => ({ path: `${base}/${ids[kind]}` }),
  },
]);

const contacts: RestCase[] = [
  {
    method: 'GET',
    path: '/contacts',
    caller: 'user',
    role: 'agent',
    owns: [],
    request: () => ({ path: '/contacts?page=1&limit=5&search=a' }),
  },
  {
    method: 'POST',
    path: '/contacts',
    caller: 'user',
    role: 'agent',
    owns: ['tag'],
    request: (_w, ids) => ({
      path: '/contacts',
      body: { external_id: `ext-${unique()}`, name: 'Ana', tag_ids: [ids.tag] },
    }),
  },
  {
    method: 'GET',
    path: '/contacts/external-id/:external_id',
    caller: 'user',
    role: 'agent',
    owns: ['contactExternalId'],
    request: (_w, ids) => ({
      path: `/contacts/external-id/${encodeURIComponent(ids.contactExternalId)}`,
    }),
  },
  {
    method: 'GET',
    path: '/contacts/by-tag/:tagId',
    caller: 'user',
    role: 'agent',
    owns: ['tag'],
    request: (_w, ids) => ({ path: `/contacts/by-tag/${ids.tag}` }),
  },
  {
    method: 'GET',
    path: '/contacts/:id',
    caller: 'user',
    role: 'agent',
    owns: ['contact'],
    request: (_w, ids) => ({ path: `/contacts/${ids.contact}` }),
  },
  {
    method: 'PATCH',
    path: '/contacts/:id',
    caller: 'user',
    role: 'agent',
    owns: ['contact'],
    request: (_w, ids) => ({
      path: `/contacts/${ids.contact}`,
      body: { name: 'Ana Lima', notes: 'vip' },
    }),
  },

  {
    method: 'GET',
    path: '/contacts/:id/tags',
    caller: 'user',
    role: 'agent',
    owns: ['contact'],
    request: (_w, ids) => ({ path: `/contacts/${ids.contact}/tags` }),
  },
  {
    method: 'POST',
    path: '/contacts/:id/tags',
    caller: 'user',
    role: 'agent',
    owns: ['contact', 'tag'],
    request: (_w, ids) => ({ path: `/contacts/${ids.contact}/tags`, body: { tag_ids: [ids.tag] } }),
  },
  {
    method: 'DELETE',
    path: '/contacts/:id/tags',
    ignores: ['tag'],
    caller: 'user',
    role: 'agent',
    owns: ['contact', 'tag'],
    request: (_w, ids) => ({ path: `/contacts/${ids.contact}/tags`, body: { tag_ids: [ids.tag] } }),
  },
  {
    method: 'DELETE',
    path: '/contacts/:id',
    caller: 'user',
    role: 'agent',
    owns: ['contact'],
    request: (_w, ids) => ({ path: `/contacts/${ids.contact}` }),
  },
];

const ACCOUNTS = '/contact-user-accounts';
const accounts: RestCase[] = [
  {
    method: 'GET',
    path: ACCOUNTS,
    caller: 'user',
    role: 'agent',
    owns: [],
    request: () => ({ path: `${ACCOUNTS}?page=1&limit=5` }),
  },
  {
    method: 'GET',
    path: `${ACCOUNTS}/contact/:contactId`,
    caller: 'user',
    role: 'agent',
    owns: ['contact'],
    request: (_w, ids) => ({ path: `${ACCOUNTS}/contact/${ids.contact}` }),
  },
  {
    method: 'GET',
    path: `${ACCOUNTS}/:id`,
    caller: 'user',
    role: 'agent',
    owns: ['account'],
    request: (_w, ids) => ({ path: `${ACCOUNTS}/${ids.account}` }),
  },
  {
    method: 'POST',
    path: ACCOUNTS,
    caller: 'user',
    role: 'agent',
    owns: ['contact', 'server', 'application', 'device'],
    request: (_w, ids) => ({
      path: ACCOUNTS,
      body: {
        contact_id: ids.contact,
        server_id: ids.server,
        application_id: ids.application,
        device_id: ids.device,
        username_final: `user-${unique()}`,
        password_final: 'pw-1',
        date_exp: '2030-01-31',
      },
    }),
  },
  {
    method: 'PATCH',
    path: `${ACCOUNTS}/:id`,
    caller: 'user',
    role: 'agent',
    owns: ['account'],
    request: (_w, ids) => ({
      path: `${ACCOUNTS}/${ids.account}`,
      body: { username_final: `user-${unique()}` },
    }),
  },
  {
    method: 'DELETE',
    path: `${ACCOUNTS}/:id`,
    caller: 'user',
    role: 'agent',
    owns: ['account'],
    request: (_w, ids) => ({ path: `${ACCOUNTS}/${ids.account}` }),
  },
];

export const crmRoutes: RestCase[] = [...catalog, ...contacts, ...accounts];
