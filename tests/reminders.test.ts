import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '../server/db/client';
import { accountReminders, chatbots, messages } from '../server/db/schema';
import { findOrCreateConversation } from '../server/services/conversations/find-or-create';
import { sendExpiryReminders } from '../server/services/reminders';
import { makeChatbot } from './factories/chatbot';
import { makeWorkspace } from './factories/workspace';
import { callerFor } from './helpers/auth';
import { jobsFor } from './helpers/inbox';

async function accountFor(
  admin: Awaited<ReturnType<typeof makeWorkspace>>['admin'],
  externalId: string,
  daysLeft: number,
) {
  const caller = callerFor(admin);
  const contact = await caller.contacts.create({ external_id: externalId, name: 'Rita' });
  const server = await caller.catalog.create({ kind: 'server', name: `srv-${externalId}` });
  return caller.accounts.create({
    contact_id: contact.id,
    username_final: `rita-${externalId}`,
    password_final: 's3cret',
    server_id: server.id,
    date_exp: new Date(Date.now() + daysLeft * 86_400_000).toISOString(),
  });
}

async function openConversationFor(
  admin: Awaited<ReturnType<typeof makeWorkspace>>['admin'],
  externalId: string,
  channel: 'WIDGET' | 'WHATSAPP_CLOUD',
  integrationId?: number,
) {
  const bot = await makeChatbot(admin, { aiEnabled: false });
  const [chatbot] = await db.select().from(chatbots).where(eq(chatbots.uuid, bot.id));
  return db.transaction((tx) =>
    findOrCreateConversation(tx, {
      workspaceId: admin.workspaceId,
      chatbot: chatbot!,
      externalUserId: externalId,
      channel,
      integrationId,
    }),
  );
}

describe('account expiry reminders', () => {
  it('reminds once per account and expiry date, with a template on WhatsApp outside the window', async () => {
    const { admin } = await makeWorkspace();
    const integration = await callerFor(admin).integrations.create({
      channel: 'WHATSAPP_CLOUD',
      name: 'WA',
      config: {
        phoneNumberId: '1',
        reminderTemplate: { name: 'account_expiry', language: 'pt_BR' },
      },
    });
    const account = await accountFor(admin, '5511988887777', 2);
    await openConversationFor(admin, '5511988887777', 'WHATSAPP_CLOUD', integration.id);
    expect(await sendExpiryReminders(3)).toEqual({ sent: 1, skipped: 0 });
    expect(await sendExpiryReminders(3)).toEqual({ sent: 0, skipped: 0 });
    const [reminder] = await db
      .select()
      .from(accountReminders)
      .where(eq(accountReminders.accountId, account.id));
    const [message] = await db.select().from(messages).where(eq(messages.id, reminder!.messageId!));
    expect(message).toMatchObject({
      type: 'template',
      origin: 'system',
      content: { name: 'account_expiry', language: 'pt_BR' },
    });
    expect(
      (message!.content as { components: { parameters: { text: string }[] }[] }).components[0]!
        .parameters[0]!.text,
    ).toBe(account.username_final);
    expect((await jobsFor('outgoing-message')).map((j) => j.payload.messageId)).toContain(
      message!.id,
    );

    // A renewed account (new expiry date) is reminded again when its time comes.
    await callerFor(admin).accounts.update({
      id: account.id,
      patch: { date_exp: new Date(Date.now() + 86_400_000).toISOString() },
    });
    expect(await sendExpiryReminders(3)).toEqual({ sent: 1, skipped: 0 });
  });

  it('writes in an open widget conversation, skips (once) a contact with nowhere to write, and ignores later expiries', async () => {
    const { admin } = await makeWorkspace();
    await accountFor(admin, 'web-visitor-1', 1);
    const conv = await openConversationFor(admin, 'web-visitor-1', 'WIDGET');
    await accountFor(admin, 'nobody-1', 1);
    await accountFor(admin, 'web-later', 30);
    expect(await sendExpiryReminders(3)).toEqual({ sent: 1, skipped: 1 });
    expect(await sendExpiryReminders(3)).toEqual({ sent: 0, skipped: 0 });
    const texts = await db
      .select()
      .from(messages)
      .where(eq(messages.conversationId, conv.conversation.id));
    expect((texts[0]!.content as { text: string }).text).toMatch(
      /^Hi Rita, your account rita-web-visitor-1 expires on /,
    );
    const skipped = await db
      .select()
      .from(accountReminders)
      .where(eq(accountReminders.outcome, 'no_conversation'));
    expect(skipped).toHaveLength(1);
  });
});
