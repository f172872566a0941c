import { randomUUID } from 'node:crypto';
import type { ProcedureCase } from './cases';

/** The console's CRM procedures: tags, the catalog, contacts and contact-user accounts. */
const unique = () => randomUUID().slice(0, 8);
const agent = { role: 'agent' } as const;

const tags: ProcedureCase[] = [
  { name: 'tags.list', ...agent, owns: [], input: () => ({ page: 1, limit: 5 }) },
  { name: 'tags.get', ...agent, owns: ['tag'], input: (_w, ids) => ({ id: ids.tag }) },
  {
    name: 'tags.create',
    ...agent,
    owns: [],
    input: () => ({ name: `Tag ${unique()}`, color: '#ff0000' }),
  },
  {
    name: 'tags.update',
    ...agent,
    owns: ['tag'],
    input: (_w, ids) => ({ id: ids.tag, patch: { name: `Tag ${unique()}` } }),
  },
  { name: 'tags.delete', ...agent, owns: ['tag'], input: (_w, ids) => ({ id: ids.tag }) },
];

const catalog: ProcedureCase[] = [
  { name: 'catalog.list', ...agent, owns: [], input: () => ({ kind: 'server', search: 's' }) },
  {
    name: 'catalog.get',
    ...agent,
    owns: ['server'],
    input: (_w, ids) => ({ kind: 'server', id: ids.server }),
  },
  {
    name: 'catalog.create',
    ...agent,
    owns: [],
    input: () => ({ kind: 'device', name: `Device ${unique()}` }),
  },
  {
    name: 'catalog.update',
    ...agent,
    owns: ['application'],
    input: (_w, ids) => ({
      kind: 'application',
      id: ids.application,
      patch: { name: `App ${unique()}` },
    }),
  },
  {
    name: 'catalog.delete',
    ...agent,
    owns: ['device'],
    input: (_w, ids) => ({ kind: 'device', id: ids.device }),
  },
];

const contacts: ProcedureCase[] = [
  { name: 'contacts.list', ...agent, owns: [], input: () => ({ page: 1, limit: 5 }) },
  { name: 'contacts.get', ...agent, owns: ['contact'], input: (_w, ids) => ({ id: ids.contact }) },
  {
    name: 'contacts.create',
    ...agent,
    owns: ['tag'],
    input: (_w, ids) => ({ external_id: `ext-${unique()}`, tag_ids: [ids.tag] }),
  },
  {
    name: 'contacts.update',
    ...agent,
    owns: ['contact'],
    input: (_w, ids) => ({ id: ids.contact, patch: { name: 'Ana' } }),
  },
  {
    name: 'contacts.delete',
    ...agent,
    owns: ['contact'],
    input: (_w, ids) => ({ id: ids.contact }),
  },
  {
    name: 'contacts.addTags',
    ...agent,
    owns: ['contact', 'tag'],
    input: (_w, ids) => ({ id: ids.contact, tag_ids: [ids.tag] }),
  },
  {
    name: 'contacts.removeTags',
    ignores: ['tag'],
    ...agent,
    owns: ['contact', 'tag'],
    input: (_w, ids) => ({ id: ids.contact, tag_ids: [ids.tag] }),
  },
  { name: 'contacts.byTag', ...agent, owns: ['tag'], input: (_w, ids) => ({ tagId: ids.tag }) },
];

const accounts: ProcedureCase[] = [
  { name: 'accounts.list', ...agent, owns: [], input: () => ({ page: 1, limit: 5 }) },
  { name: 'accounts.get', ...agent, owns: ['account'], input: (_w, ids) => ({ id: ids.account }) },
  {
    name: 'accounts.ofContact',
    ...agent,
    owns: ['contact'],
    input: (_w, ids) => ({ contactId: ids.contact }),
  },
  {
    name: 'accounts.create',
    ...agent,
    owns: ['contact', 'server', 'application', 'device'],
    input: (_w, ids) => ({
      contact_id: ids.contact,
      server_id: ids.server,
      application_id: ids.application,
      device_id: ids.device,
      username_final: `user-${unique()}`,
      password_final: 'pw-1',
    }),
  },
  {
    name: 'accounts.update',
    ...agent,
    owns: ['account'],
    input: (_w, ids) => ({ id: ids.account, patch: { username_final: `user-${unique()}` } }),
  },
  {
    name: 'accounts.delete',
    ...agent,
    owns: ['account'],
    input: (_w, ids) => ({ id: ids.account }),
  },
  {
    name: 'accounts.revealPassword',
    role: 'supervisor',
    owns: ['account'],
    input: (_w, ids) => ({ id: ids.account }),
  },
  {
    name: 'accounts.revealHistory',
    role: 'supervisor',
    owns: ['account'],
    input: (_w, ids) => ({ id: ids.account }),
  },
  { name: 'accounts.expiring', ...agent, owns: [], input: () => ({ withinDays: 30 }) },
];

export const crmProcedures: ProcedureCase[] = [...tags, ...catalog, ...contacts, ...accounts];
