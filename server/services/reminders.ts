import { and, desc, eq, gte, isNull, lte, sql } from 'drizzle-orm';
import { db, type Tx } from '../db/client';
import {
  accountReminders,
  contacts,
  contactUserAccounts,
  conversations,
  integrations,
} from '../db/schema';
import { conversationQueue, enqueueJob } from '../queue/enqueue';
import { tasks } from '../queue/tasks';
import { insertMessage, type NewMessage } from './messages/create';

const DATE = new Intl.DateTimeFormat('en-GB', {
  day: '2-digit',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});

type Due = { account: typeof contactUserAccounts.$inferSelect; contactName: string | null };

/** The latest customer conversation of the contact, with its integration. */
async function latestConversation(tx: Tx, contactId: number) {
  const [row] = await tx
    .select({ c: conversations, integration: integrations })
    .from(conversations)
    .leftJoin(integrations, eq(integrations.id, conversations.integrationId))
    .where(and(eq(conversations.contactId, contactId), eq(conversations.kind, 'customer')))
    .orderBy(desc(conversations.lastActivityAt))
    .limit(1);
  return row;
}

/**
 * What the channel allows: on WhatsApp Cloud a template (configured on the integration as
 * `reminderTemplate: {name, language}`, with the username and date as body parameters) or, inside
 * the 24-hour window, text; on the QR bridge text; on the widget text in an open conversation.
 */
function reminderFor(
  due: Due,
  target: NonNullable<Awaited<ReturnType<typeof latestConversation>>>,
): NewMessage | string {
  const date = DATE.format(due.account.dateExp!);
  const text = `Hi${due.contactName ? ` ${due.contactName}` : ''}, your account ${due.account.usernameFinal} expires on ${date}. Reply here to renew it.`;
  const base = { direction: 'outbound' as const, origin: 'system' as const };
  const { c, integration } = target;
  if (c.channel === 'WHATSAPP_CLOUD') {
    const template = integration?.config.reminderTemplate as
      | { name?: string; language?: string }
      | undefined;
    if (template?.name) {
      return {
        ...base,
        type: 'template',
        content: {
          name: template.name,
          language: template.language ?? 'en_US',
          components: [
            {
              type: 'body',
              parameters: [
                { type: 'text', text: due.account.usernameFinal },
                { type: 'text', text: date },
              ],
            },
          ],
          text,
        },
      };
    }
    return c.cswExpiresAt && c.cswExpiresAt > new Date()
      ? { ...base, content: { text } }
      : 'no_template';
  }
  if (c.channel === 'WIDGET' && c.status === 'ended') return 'no_open_conversation';
  return { ...base, content: { text } };
}

/**
 * Reminds customers whose account expires within `days`, once per account and expiry date:
 * the reminder row is claimed first (ON CONFLICT DO NOTHING), in the transaction that writes
 * the message and enqueues its sending.
 */
export async function sendExpiryReminders(
  days: number,
): Promise<{ sent: number; skipped: number }> {
  const due = await db
    .select({ account: contactUserAccounts, contactName: contacts.name })
    .from(contactUserAccounts)
    .innerJoin(contacts, eq(contacts.id, contactUserAccounts.contactId))
    .leftJoin(
      accountReminders,
      and(
        eq(accountReminders.accountId, contactUserAccounts.id),
        eq(accountReminders.dateExp, contactUserAccounts.dateExp),
      ),
    )
    .where(
      and(
        isNull(accountReminders.id),
        gte(contactUserAccounts.dateExp, sql`now()`),
        lte(contactUserAccounts.dateExp, sql`now() + make_interval(days => ${days})`),
      ),
    );
  const tally = { sent: 0, skipped: 0 };
  for (const item of due) {
    await db.transaction(async (tx) => {
      const target = await latestConversation(tx, item.account.contactId);
      const plan = target ? reminderFor(item, target) : 'no_conversation';
      let messageId: number | null = null;
      const claim = await tx
        .insert(accountReminders)
        .values({
          workspaceId: item.account.workspaceId,
          accountId: item.account.id,
          dateExp: item.account.dateExp!,
          outcome: typeof plan === 'string' ? plan : 'sent',
        })
        .onConflictDoNothing()
        .returning({ id: accountReminders.id });
      if (claim.length === 0) return;
      if (typeof plan === 'string' || !target) {
        tally.skipped++;
        return;
      }
      const message = await insertMessage(tx, target.c, plan);
      messageId = message.id;
      await enqueueJob(
        tx,
        tasks.outgoingMessage.name,
        { messageId },
        { queueName: conversationQueue(target.c.id) },
      );
      await tx
        .update(accountReminders)
        .set({ messageId })
        .where(eq(accountReminders.id, claim[0]!.id));
      tally.sent++;
    });
  }
  return tally;
}
