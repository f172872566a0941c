import { z } from 'zod';
import {
  presentAccount,
  presentAccountPage,
  presentContact,
  presentContactPage,
  presentContactWithTags,
  presentEntry,
  presentEntryPage,
  presentExpiringAccount,
  presentReveal,
  presentRevealRecord,
  presentTag,
  presentTagPage,
} from '../../contracts/crm/present';
import * as accounts from '../../services/accounts';
import * as catalog from '../../services/catalog';
import * as contacts from '../../services/contacts';
import { rowId } from '../../services/ids';
import * as tags from '../../services/tags';
import { authedProcedure, router, supervisorProcedure } from '../init';

const id = z.object({ id: rowId });
const kind = z.enum(catalog.CATALOG_KINDS as [catalog.CatalogKind, ...catalog.CatalogKind[]]);

export const tagsRouter = router({
  list: authedProcedure
    .input(catalog.ListQuery)
    .query(async ({ ctx, input }) => presentTagPage(await tags.listTags(ctx.actor, input))),
  get: authedProcedure
    .input(id)
    .query(async ({ ctx, input }) => presentTag(await tags.getTag(ctx.actor, input.id))),
  create: authedProcedure
    .input(tags.CreateTagInput)
    .mutation(async ({ ctx, input }) => presentTag(await tags.createTag(ctx.actor, input))),
  update: authedProcedure
    .input(id.extend({ patch: tags.UpdateTagInput }))
    .mutation(async ({ ctx, input }) =>
      presentTag(await tags.updateTag(ctx.actor, input.id, input.patch)),
    ),
  delete: authedProcedure.input(id).mutation(async ({ ctx, input }) => {
    await tags.deleteTag(ctx.actor, input.id);
    return { ok: true as const };
  }),
});

/** Servers, devices and applications: one router, the kind as input. */
export const catalogRouter = router({
  list: authedProcedure
    .input(catalog.ListQuery.extend({ kind }))
    .query(async ({ ctx, input }) =>
      presentEntryPage(await catalog.listEntries(input.kind, ctx.actor, input)),
    ),
  get: authedProcedure
    .input(id.extend({ kind }))
    .query(async ({ ctx, input }) =>
      presentEntry(await catalog.findEntry(input.kind, ctx.actor, input.id)),
    ),
  create: authedProcedure
    .input(catalog.NamedInput.extend({ kind }))
    .mutation(async ({ ctx, input }) =>
      presentEntry(await catalog.createEntry(input.kind, ctx.actor, input)),
    ),
  update: authedProcedure
    .input(id.extend({ kind, patch: catalog.UpdateNamedInput }))
    .mutation(async ({ ctx, input }) =>
      presentEntry(await catalog.updateEntry(input.kind, ctx.actor, input.id, input.patch)),
    ),
  delete: authedProcedure.input(id.extend({ kind })).mutation(async ({ ctx, input }) => {
    await catalog.deleteEntry(input.kind, ctx.actor, input.id);
    return { ok: true as const };
  }),
});

export const contactsRouter = router({
  list: authedProcedure
    .input(contacts.ContactListQuery)
    .query(async ({ ctx, input }) =>
      presentContactPage(await contacts.listContacts(ctx.actor, input)),
    ),
  get: authedProcedure
    .input(id)
    .query(async ({ ctx, input }) =>
      presentContactWithTags(await contacts.getContact(ctx.actor, input.id)),
    ),
  create: authedProcedure
    .input(contacts.CreateContactInput)
    .mutation(async ({ ctx, input }) =>
      presentContactWithTags(await contacts.createContact(ctx.actor, input)),
    ),
  update: authedProcedure
    .input(id.extend({ patch: contacts.UpdateContactInput }))
    .mutation(async ({ ctx, input }) =>
      presentContact(await contacts.updateContact(ctx.actor, input.id, input.patch)),
    ),
  delete: authedProcedure.input(id).mutation(async ({ ctx, input }) => {
    await contacts.deleteContact(ctx.actor, input.id);
    return { ok: true as const };
  }),
  addTags: authedProcedure
    .input(id.extend(contacts.TagIdsInput.shape))
    .mutation(async ({ ctx, input }) =>
      presentContactWithTags(await contacts.addContactTags(ctx.actor, input.id, input)),
    ),
  removeTags: authedProcedure
    .input(id.extend(contacts.TagIdsInput.shape))
    .mutation(async ({ ctx, input }) =>
      presentContactWithTags(await contacts.removeContactTags(ctx.actor, input.id, input)),
    ),
  byTag: authedProcedure
    .input(z.object({ tagId: rowId }))
    .query(async ({ ctx, input }) =>
      (await contacts.contactsByTag(ctx.actor, input.tagId)).map(presentContact),
    ),
});

export const accountsRouter = router({
  list: authedProcedure
    .input(accounts.AccountListQuery)
    .query(async ({ ctx, input }) =>
      presentAccountPage(await accounts.listAccounts(ctx.actor, input)),
    ),
  get: authedProcedure
    .input(id)
    .query(async ({ ctx, input }) =>
      presentAccount(await accounts.getAccount(ctx.actor, input.id)),
    ),
  ofContact: authedProcedure
    .input(z.object({ contactId: rowId }))
    .query(async ({ ctx, input }) =>
      (await accounts.accountsOfContact(ctx.actor, input.contactId)).map(presentAccount),
    ),
  create: authedProcedure
    .input(accounts.CreateAccountInput)
    .mutation(async ({ ctx, input }) =>
      presentAccount(await accounts.createAccount(ctx.actor, input)),
    ),
  update: authedProcedure
    .input(id.extend({ patch: accounts.UpdateAccountInput }))
    .mutation(async ({ ctx, input }) =>
      presentAccount(await accounts.updateAccount(ctx.actor, input.id, input.patch)),
    ),
  delete: authedProcedure.input(id).mutation(async ({ ctx, input }) => {
    await accounts.deleteAccount(ctx.actor, input.id);
    return { ok: true as const };
  }),
  revealPassword: supervisorProcedure
    .input(id)
    .mutation(async ({ ctx, input }) =>
      presentReveal(await accounts.revealPassword(ctx.actor, input.id)),
    ),
  revealHistory: supervisorProcedure
    .input(id)
    .query(async ({ ctx, input }) =>
      (await accounts.revealHistory(ctx.actor, input.id)).map(presentRevealRecord),
    ),
  expiring: authedProcedure
    .input(z.object({ withinDays: z.number().int().min(0).max(3650) }))
    .query(async ({ ctx, input }) =>
      (await accounts.expiringAccounts(ctx.actor, input.withinDays)).map(presentExpiringAccount),
    ),
});
