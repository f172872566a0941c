import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '../server/db/client';
import { makeChatbot } from './factories/chatbot';
import { makeWorkspace } from './factories/workspace';
import { callerFor } from './helpers/auth';
import { sendAsCustomer, visitor } from './helpers/inbox';
import { captureLogLines } from './helpers/logs';
import { serverForThisFile } from './helpers/server';
import { eventually, runWorker, useOpenAI } from './helpers/worker';

const srv = serverForThisFile();
const lines = captureLogLines();

// The bot's reply fails to save: its insert, which carries the reply's text, is refused.
beforeAll(async () => {
  useOpenAI(false);
  await db.execute(
    sql.raw(`create function refuse_bot_message() returns trigger language plpgsql as $$
      begin raise exception 'bot messages refused by the test'; end $$;
      create trigger refuse_bot_message before insert on messages
      for each row when (new.origin = 'bot') execute function refuse_bot_message();`),
  );
});
afterAll(async () => {
  await db.execute(
    sql.raw('drop trigger refuse_bot_message on messages; drop function refuse_bot_message();'),
  );
});

describe('a bot turn failing on a query', () => {
  it('logs its error without the query’s values, and waits to try again', async () => {
    const secret = 'Your voucher code is QX-4471-ZETA';
    const { admin } = await makeWorkspace();
    const bot = await makeChatbot(admin);
    await callerFor(admin).chatbots.update({ id: bot.id, patch: { greeting: secret } });
    const res = await sendAsCustomer(srv.url, admin, {
      chatbotId: bot.id,
      externalUserId: visitor(),
      content: 'hi',
    });
    expect(res.status).toBe(202);
    const worker = await runWorker();
    let failed: string[];
    try {
      failed = await eventually(async () => {
        const found = lines.filter((l) => l.includes('bot turn failed'));
        return found.length ? found : null;
      }, 10_000);
      // The turn is not lost: it waits (with backoff) for another try.
      await eventually(async () => {
        const [turn] = (await db.execute(
          sql`select state, attempts from bot_turns where state = 'waiting' and attempts >= 1`,
        )) as unknown as { state: string }[];
        return turn;
      }, 10_000);
    } finally {
      await worker.stop();
    }
    // The failure is there, as the SQL that failed and why, with none of its parameters.
    expect(failed.join('\n')).toMatch(/Failed query: select outcome, message from save_bot_reply/);
    expect(failed.join('\n')).toContain('bot messages refused by the test');
    expect(lines.filter((l) => l.includes('QX-4471-ZETA'))).toEqual([]);
  });
});
