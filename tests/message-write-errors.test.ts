import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '../server/db/client';
import { sendCustomerMessage } from '../server/services/messages/send';
import { makeWorkspace } from './helpers/factories';
import { makeChatbot, visitor } from './helpers/inbox';

describe('writing a message when a statement fails', () => {
  it('reports the statement that failed, not the ones refused after it, and keeps nothing', async () => {
    const { admin } = await makeWorkspace();
    const bot = await makeChatbot(admin, { aiEnabled: false });
    const caller = {
      kind: 'agent' as const,
      workspaceId: admin.workspaceId,
      actor: { userId: admin.id, workspaceId: admin.workspaceId, role: admin.role },
    };
    const externalUserId = visitor();
    const send = (content: string) =>
      sendCustomerMessage(caller, { chatbotId: bot.id, externalUserId, content });
    await send('first');
    // The outbox refuses this workspace's events: the event's insert fails among the statements
    // sent together after the message's insert, and the job's add_job after it is refused.
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
});
