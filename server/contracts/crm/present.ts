import type { CatalogEntry, Contact, Conversation, Tag } from '../../db/schema';
import type {
  Account,
  ExpiringAccount,
  RevealedPassword,
  SecretReveal,
} from '../../services/accounts';
import type { ContactWithTags } from '../../services/contacts';
import type { ConversationSummary } from '../../services/conversations/summary-query';
import type { Page } from '../../services/pagination';
import type { JsonText } from '../../services/serialize';
import { iso, stamps } from '../common/json-fields';

/**
 * The CRM's conversation is the inbox summary as the service builds it: PostgreSQL writes it
 * as JSON text because the inbox list is hot (docs/performance.md), so this contract presents
 * it as it is. Should the contract's shape ever part from the summary, the mapping goes here.
 */
export type CrmConversation = ConversationSummary;

export const presentConversation = (summary: ConversationSummary): CrmConversation => summary;

/** A page of summaries, JSON text already (`Page<CrmConversation>`): sent as it is. */
export const presentConversationPage = (page: JsonText): JsonText => page;

/** PATCH /conversations/:id/assign. */
export const presentAssignment = (c: Conversation) => ({
  id: c.id,
  assigned_user: c.assignedUserId,
  assigned_bot: c.assignedBotId,
  unread_count: c.unreadCount,
  updated_at: c.updatedAt.toISOString(),
});

/** PATCH /conversations/:id/unassign. */
export const presentUnassignment = (c: Conversation) => ({
  id: c.id,
  assigned_user: c.assignedUserId,
  assigned_bot: c.assignedBotId,
  updated_at: c.updatedAt.toISOString(),
});

/** PATCH /conversations/:id/read and /unread. */
export const presentReadState = (c: Conversation) => ({
  id: c.id,
  read: c.read,
  unread_count: c.unreadCount,
  updated_at: c.updatedAt.toISOString(),
});

/** /tags, and a contact's tags. */
export const presentTag = (t: Tag) => ({ id: t.id, name: t.name, color: t.color, ...stamps(t) });
export type CrmTag = ReturnType<typeof presentTag>;

export const presentTagPage = (page: Page<Tag>): Page<CrmTag> => ({
  ...page,
  data: page.data.map(presentTag),
});

/** /contacts: a contact alone. */
export const presentContact = (c: Contact) => ({
  id: c.id,
  external_id: c.externalId,
  name: c.name,
  phone_number: c.phoneNumber,
  notes: c.notes,
  ...stamps(c),
});
export type CrmContact = ReturnType<typeof presentContact>;

/** A contact with its tags, `tags` last. */
export const presentContactWithTags = (c: ContactWithTags) => ({
  ...presentContact(c),
  tags: c.tags.map(presentTag),
});
export type CrmContactWithTags = ReturnType<typeof presentContactWithTags>;

/** GET /contacts: each contact carries its tags when the list was asked `include_tags`. */
export const presentContactPage = (
  page: Page<Contact | ContactWithTags>,
): Page<CrmContact | CrmContactWithTags> => ({
  ...page,
  data: page.data.map((c) => ('tags' in c ? presentContactWithTags(c) : presentContact(c))),
});

/** /servers, /devices and /applications: one shape. */
export const presentEntry = (e: CatalogEntry) => ({ id: e.id, name: e.name, ...stamps(e) });
export type CrmEntry = ReturnType<typeof presentEntry>;

export const presentEntryPage = (page: Page<CatalogEntry>): Page<CrmEntry> => ({
  ...page,
  data: page.data.map(presentEntry),
});

/** /contact-user-accounts: `password_final` is accepted, never shown here. */
export const presentAccount = (a: Account) => ({
  id: a.id,
  contact_id: a.contactId,
  username_final: a.usernameFinal,
  server_id: a.serverId,
  id_line_server: a.idLineServer,
  date_exp: iso(a.dateExp),
  application_id: a.applicationId,
  device_id: a.deviceId,
  ...stamps(a),
});
export type CrmAccount = ReturnType<typeof presentAccount>;

export const presentAccountPage = (page: Page<Account>): Page<CrmAccount> => ({
  ...page,
  data: page.data.map(presentAccount),
});

/** The console's accounts expiring soon, each with its contact's name. */
export const presentExpiringAccount = (e: ExpiringAccount) => ({
  ...presentAccount(e.account),
  contact_name: e.contactName,
});

/** The console's password reveal (supervisors only): the one place `password_final` shows. */
export const presentReveal = (r: RevealedPassword) => ({
  id: r.accountId,
  password_final: r.password,
  revealed_at: r.revealedAt.toISOString(),
});

/** One line of an account's reveal history: who, and when. */
export const presentRevealRecord = (r: SecretReveal) => ({
  user_id: r.userId,
  revealed_at: r.createdAt.toISOString(),
});
