import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '../server/db/client';
import { botTurns, messages } from '../server/db/schema';
import { startTurnDispatcher } from '../server/jobs/bot-turns/dispatcher';
import { withTurnClaimHere } from '../server/services/bot-turns/turns';
import { makeChatbot } from './factories/chatbot';
import { makeWorkspace } from './factories/workspace';
import { sendAsCustomer, visitor } from './helpers/inbox';
import { serverForThisFile } from './helpers/server';
import { eventually } from './helpers/worker';

const srv = serverForThisFile();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A customer's message whose turn is marked running by an owner that is not here. */
async function turnHeldElsewhere(chatbotId: string, admin: Parameters<typeof sendAsCustomer>[1]) {
  const res = await sendAsCustomer(srv.url, admin, { chatbotId, externalUserId: visitor() });
  const [inbound] = await db
    .select()
    .from(messages)
    .where(eq(messages.uuid, res.body.data.message.id));
  await db
    .update(botTurns)
    .set({ state: 'running', owner: 'elsewhere', startedAt: sql`now()` })
    .where(eq(botTurns.conversationId, inbound!.conversationId));
  return inbound!;
}

const ownerOf = async (conversationId: number) =>
  (await db.select().from(botTurns).where(eq(botTurns.conversationId, conversationId)))[0]?.owner;

/** Marks the turn as `owner`'s, started `secondsAgo` ago (as a claim would have). */
const takenBy = (conversationId: number, owner: string, secondsAgo: number) =>
  db
    .update(botTurns)
    .set({ owner, startedAt: sql`now() - make_interval(secs => ${secondsAgo}::float8)` })
    .where(eq(botTurns.conversationId, conversationId));

describe("a dispatcher's sweep of its own turns", () => {
  // The sweep runs on every heartbeat (recovery.ts). An accept that took a turn for this process,
  // or a claim pass, has committed the turn as this dispatcher's before the dispatcher hears of
  // it; a sweep in between that gave it back let a second worker call the model for the same
  // message (seen as overlapping model calls in the worker-kill runs).
  it('gives back turns it does not run, never one a claim still in flight may have taken', async () => {
    const { admin } = await makeWorkspace();
    const bot = await makeChatbot(admin);
    const stray = await turnHeldElsewhere(bot.id, admin);
    const justTaken = await turnHeldElsewhere(bot.id, admin);
    const dispatcher = await startTurnDispatcher();
    try {
      await withTurnClaimHere(async (claim) => {
        expect(claim?.owner).toBe(dispatcher.owner);
        await sleep(2_000);
        // Two seconds after the claim began: a turn started before it and one started after it.
        await takenBy(stray.conversationId, dispatcher.owner, 5);
        await takenBy(justTaken.conversationId, dispatcher.owner, 1.5);
        expect(await dispatcher.giveBackStray()).toBe(1);
        expect(await ownerOf(stray.conversationId)).not.toBe(dispatcher.owner);
        expect(await ownerOf(justTaken.conversationId)).toBe(dispatcher.owner);
      });
      // The claim has ended without handing that turn over: it is a stray now.
      expect(await dispatcher.giveBackStray()).toBe(1);
      // Both were announced as they went back; this dispatcher answers each once.
      for (const inbound of [stray, justTaken]) {
        const replies = await eventually(async () => {
          const rows = await db
            .select()
            .from(messages)
            .where(and(eq(messages.replyToMessageId, inbound.id), eq(messages.origin, 'bot')));
          return rows.length > 0 && rows;
        });
        expect(replies).toHaveLength(1);
      }
    } finally {
      await dispatcher.stop();
    }
  });
});
