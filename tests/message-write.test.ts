import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { sendCustomerMessage } from '../server/contracts/chatbot-platform/messages';
import { db } from '../server/db/client';
import { conversations, messages } from '../server/db/schema';
import { writeMessage } from '../server/services/messages/create';
import { makeChatbot } from './factories/chatbot';
import { makeWorkspace } from './factories/workspace';
import { visitor } from './helpers/inbox';

/** A workspace admin calling the messaging services as an agent, and a chatbot with AI off. */
async function agentWithBot() {
  const { admin } = await makeWorkspace();
  const bot = await makeChatbot(admin, { aiEnabled: false });
  const caller = {
    kind: 'agent' as const,
    workspaceId: admin.workspaceId,
    actor: { userId: admin.id, workspaceId: admin.workspaceId, role: admin.role },
  };
  return { admin, bot, caller };
}

describe('writing a message (write_message, one statement)', () => {
  it('reports the failure of any part of it, and keeps nothing', async () => {
    const { admin, bot, caller } = await agentWithBot();
    const externalUserId = visitor();
    const send = (content: string) =>
      sendCustomerMessage(caller, { chatbotId: bot.id, externalUserId, content });
    await send('first');
    // The outbox refuses this workspace's events: the event's insert fails inside write_message,
    // after the message's insert, and the transaction keeps neither.
    await db.execute(
      sql.raw(`
      create function refuse_event() returns trigger language plpgsql as $$
      begin
        if new.workspace_id = ${admin.workspaceId} then raise exception 'outbox refused'; end if;
        return new;
      end $$;
      create trigger refuse_event before insert on events
        for each row execute function refuse_event();`),
    );
    try {
      const err = (await send('second').catch((e: unknown) => e)) as Error & { cause?: Error };
      // drizzle wraps the database's error as the cause of its own.
      expect(err.cause?.message ?? err.message).toMatch(/outbox refused/);
    } finally {
      await db.execute(
        sql.raw('drop trigger refuse_event on events; drop function refuse_event();'),
      );
    }
    const rows = (await db.execute(sql`
      select m.content->>'text' as text, c.message_count
      from messages m join conversations c on c.id = m.conversation_id
      where m.workspace_id = ${admin.workspaceId}`)) as unknown as {
      text: string;
      message_count: number;
    }[];
    expect(rows).toEqual([{ text: 'first', message_count: 1 }]);
  });

  it('answers the message and the conversation exactly as drizzle reads them back', async () => {
    const { admin, bot, caller } = await agentWithBot();
    const sent = await sendCustomerMessage(caller, {
      chatbotId: bot.id,
      externalUserId: visitor(),
      content: 'Oi',
      channel: 'WHATSAPP_CLOUD',
    });
    const uuid = (sent.body as { data: { conversation: { id: string } } }).data.conversation.id;
    const [before] = await db.select().from(conversations).where(eq(conversations.uuid, uuid));
    const written = await db.transaction((tx) =>
      writeMessage(tx, before!, {
        direction: 'outbound',
        origin: 'operator',
        type: 'interactive',
        content: { type: 'button', body: { text: 'Pick' }, action: { buttons: [] } },
        metadata: { via: 'test' },
        senderUserId: admin.id,
      }),
    );
    const [message] = await db.select().from(messages).where(eq(messages.id, written.message.id));
    const [after] = await db.select().from(conversations).where(eq(conversations.uuid, uuid));
    expect(written.message).toEqual(message);
    expect(written.conversation).toEqual(after);
    expect(after).toMatchObject({
      messageCount: 2,
      lastMessageId: message!.id,
      lastMessagePreview: 'Pick',
      cswExpiresAt: new Date(before!.cswStartedAt!.getTime() + 24 * 60 * 60 * 1000),
    });
    expect(message!.createdAt).toBeInstanceOf(Date);
  });
});
