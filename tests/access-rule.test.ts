import { and, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db, sql } from '../server/db/client';
import { type Conversation, conversations } from '../server/db/schema';
import { agentAccessFilter, canAccess } from '../server/services/conversations/access';
import {
  CHANNELS,
  CONVERSATION_STATUSES,
  ROLE_RANK,
  ROLES,
  WHATSAPP_CHANNELS,
} from '../shared/enums';
import { actorFor, inboxWorkspace, visitor } from './helpers/inbox';

/**
 * Rules that exist in TypeScript and in SQL, held equal over every case: the agent access rule
 * (canAccess and agentAccessFilter; agent_may_access, which accept_message uses) and the WhatsApp
 * channels (WHATSAPP_CHANNELS; is_whatsapp_channel, which write_message uses).
 */
describe('rules written both in TypeScript and in SQL', () => {
  it('agent access: canAccess, agentAccessFilter, agent_may_access and accept_message agree', async () => {
    const { workspace, bot: chatbot, member } = await inboxWorkspace({ aiEnabled: false });
    const [bot] = await sql<{ id: number }[]>`select id from chatbots where uuid = ${chatbot.id}`;
    if (!bot) throw new Error('no chatbot');
    const callers = await Promise.all(ROLES.map((role) => member(role)));
    const colleague = await member('agent');
    const [agent] = callers;
    if (!agent) throw new Error('no agent');

    // Every assignment an agent can meet, in each status an accept may write to.
    const shapes = (['none', 'self', 'colleague'] as const).flatMap((user) =>
      [null, bot.id].flatMap((botId) =>
        CONVERSATION_STATUSES.filter((s) => s !== 'ended').map((status) => ({
          user,
          botId,
          status,
        })),
      ),
    );
    const assignee = { none: null, self: agent.user.id, colleague: colleague.user.id };
    const rows: Conversation[] = await db
      .insert(conversations)
      .values(
        shapes.map((s) => ({
          workspaceId: workspace.id,
          chatbotId: bot.id,
          channel: 'WIDGET' as const,
          externalUserId: visitor(),
          status: s.status,
          assignedUserId: assignee[s.user],
          assignedBotId: s.botId,
        })),
      )
      .returning();

    const seen = new Set<string>();
    for (const caller of callers) {
      const actor = actorFor(caller.user);
      const limited = ROLE_RANK[actor.role] < ROLE_RANK.supervisor ? actor.userId : null;
      const filtered = new Set(
        (
          await db
            .select({ id: conversations.id })
            .from(conversations)
            .where(
              and(
                inArray(
                  conversations.id,
                  rows.map((r) => r.id),
                ),
                limited === null ? undefined : agentAccessFilter(limited),
              ),
            )
        ).map((r) => r.id),
      );
      for (const c of rows) {
        const label = `${actor.role} on user=${c.assignedUserId} bot=${c.assignedBotId} ${c.status}`;
        const ts = canAccess(actor, c);
        const [fn] = await sql<{ ok: boolean }[]>`
          select agent_may_access(${limited}::integer, ${c.assignedUserId}::integer,
            ${c.assignedBotId}::integer) as ok`;
        const accepted = await sql`
          select 1 from accept_message(${workspace.id}, ${bot.id}, null, ${c.id}, null,
            ${c.externalUserId}, 'WIDGET', null, ${limited}::integer,
            ${JSON.stringify({ text: 'hello' })}::jsonb, '{}'::jsonb)`;
        expect(
          { fn: fn?.ok, filter: filtered.has(c.id), accepted: accepted.length === 1 },
          label,
        ).toEqual({
          fn: ts,
          filter: ts,
          accepted: ts,
        });
        seen.add(`${actor.role}:${ts}`);
      }
    }
    // The table reaches both answers for agents and only "yes" for the others.
    expect([...seen].sort()).toEqual([
      'admin:true',
      'agent:false',
      'agent:true',
      'supervisor:true',
    ]);
  });

  it('WhatsApp channels: WHATSAPP_CHANNELS and is_whatsapp_channel agree on every channel', async () => {
    for (const channel of CHANNELS) {
      const [row] = await sql<
        { ok: boolean }[]
      >`select is_whatsapp_channel(${channel}::channel) as ok`;
      expect(row?.ok, channel).toBe(WHATSAPP_CHANNELS.includes(channel));
    }
  });
});
