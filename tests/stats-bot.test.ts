import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../server/auth/actor';
import { db } from '../server/db/client';
import { type Conversation, chatbots, conversations, events, messages } from '../server/db/schema';
import * as stats from '../server/services/stats';
import { makeChatbot } from './factories/chatbot';
import { makeUser } from './factories/user';
import { makeWorkspace } from './factories/workspace';
import { callerFor } from './helpers/auth';

const DAY = 86_400_000;
const today = new Date(Math.floor(Date.now() / DAY) * DAY);
const at = (days: number, seconds = 0) => new Date(today.getTime() + days * DAY + seconds * 1000);
const dayKey = (d: Date) => d.toISOString().slice(0, 10);

let seq = 0;
async function botConversation(
  workspaceId: number,
  chatbotId: number | null,
  values: Partial<typeof conversations.$inferInsert> = {},
): Promise<Conversation> {
  const [row] = await db
    .insert(conversations)
    .values({
      workspaceId,
      chatbotId,
      channel: 'WIDGET',
      externalUserId: `bot-stats-${++seq}`,
      status: 'ended',
      endedAt: at(0, 60),
      ...values,
    })
    .returning();
  return row!;
}

const handoff = (c: Conversation, reason: string | null, createdAt = at(0, 30)) =>
  db.insert(events).values({
    workspaceId: c.workspaceId,
    conversationId: c.id,
    type: 'conversation:handoff',
    payload: reason === null ? {} : { reason },
    createdAt,
  });

async function setUp() {
  const { workspace, admin } = await makeWorkspace();
  const supervisor = await makeUser(workspace.id, { role: 'supervisor' });
  const made = await makeChatbot(admin);
  const [bot] = await db.select().from(chatbots).where(eq(chatbots.uuid, made.id));
  const actor: Actor = { userId: supervisor.id, workspaceId: workspace.id, role: 'supervisor' };
  return { workspace, admin, supervisor, bot: bot!, actor };
}

describe("stats: the bot's resolution and handoff rates", () => {
  it('counts resolved, handed off and operator-answered conversations per day of their end', async () => {
    const { workspace, bot, actor } = await setUp();
    // Resolved by the bot: ended with no handoff and no operator message (two today).
    await botConversation(workspace.id, bot.id);
    const answered = await botConversation(workspace.id, bot.id);
    await db.insert(messages).values({
      workspaceId: workspace.id,
      conversationId: answered.id,
      direction: 'outbound',
      origin: 'bot',
      content: { text: 'Here you are' },
    });
    // Handed off, released and ended: the handoff's event remembers it.
    await handoff(await botConversation(workspace.id, bot.id), 'customer asked for a person');
    // An operator wrote, with no handoff: not the bot's resolution either.
    const operator = await botConversation(workspace.id, bot.id, { endedAt: at(-1, 60) });
    await db.insert(messages).values({
      workspaceId: workspace.id,
      conversationId: operator.id,
      direction: 'outbound',
      origin: 'operator',
      content: { text: 'Hi, Ana here' },
    });
    // Not counted: no chatbot, still open, ended before the window, another workspace's.
    await botConversation(workspace.id, null);
    await botConversation(workspace.id, bot.id, { status: 'active', endedAt: null });
    await botConversation(workspace.id, bot.id, { endedAt: at(-20) });
    const other = await setUp();
    await handoff(await botConversation(other.workspace.id, other.bot.id), 'elsewhere');

    const outcomes = (await stats.dashboard(actor, { days: 7 })).bot;
    expect(outcomes).toMatchObject({ handled: 4, resolved: 2, handedOff: 1 });
    expect(outcomes.resolutionRate).toBeCloseTo(0.5);
    expect(outcomes.handoffRate).toBeCloseTo(0.25);
    const byDay = Object.fromEntries(outcomes.perDay.map((d) => [d.day, d]));
    expect(byDay[dayKey(new Date())]).toMatchObject({
      handled: 3,
      resolved: 2,
      handedOff: 1,
      handoffs: 1,
    });
    expect(byDay[dayKey(new Date())]!.resolutionRate).toBeCloseTo(2 / 3);
    expect(byDay[dayKey(at(-1))]).toMatchObject({ handled: 1, resolved: 0, resolutionRate: 0 });
    expect(byDay[dayKey(at(-2))]).toMatchObject({ handled: 0, resolutionRate: null });
  });

  it('lists the handoffs of the window by reason, most frequent first', async () => {
    const { workspace, bot, actor } = await setUp();
    for (const reason of ['The AI could not answer', 'payment', 'payment', null]) {
      await handoff(await botConversation(workspace.id, bot.id, { status: 'active' }), reason);
    }
    // Before the window: not listed.
    await handoff(await botConversation(workspace.id, bot.id), 'old', at(-30));
    const { handoffReasons } = (await stats.dashboard(actor, { days: 7 })).bot;
    expect(handoffReasons).toEqual([
      { reason: 'payment', count: 2 },
      { reason: 'no reason given', count: 1 },
      { reason: 'The AI could not answer', count: 1 },
    ]);
  });

  it('is the dashboard figure supervisors get, and agents are refused', async () => {
    const { workspace, admin } = await setUp();
    const agent = await makeUser(workspace.id);
    const answer = await callerFor(admin).stats.dashboard({ days: 3 });
    expect(answer.bot.perDay).toHaveLength(3);
    await expect(callerFor(agent).stats.dashboard({ days: 3 })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});
