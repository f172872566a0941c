import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { decryptSecret } from '../server/auth/secrets';
import { db } from '../server/db/client';
import { chatbotTools } from '../server/db/schema';
import { makeChatbot } from './factories/chatbot';
import { makeUser } from './factories/user';
import { makeWorkspace } from './factories/workspace';
import { callerFor } from './helpers/auth';

const SECRET = 'sk-live-7f3a9c1e-never-shown';

const orderTool = (chatbotId: string, overrides: Record<string, unknown> = {}) => ({
  chatbotId,
  name: 'order_status',
  description: 'The status of an order by its number.',
  parameters: {
    type: 'object',
    properties: { orderId: { type: 'string' } },
    required: ['orderId'],
  },
  urlTemplate: 'https://api.example.com/orders/{orderId}',
  headers: [{ name: 'Authorization', value: `Bearer ${SECRET}` }],
  responseFields: ['status'],
  ...overrides,
});

async function workspaceWithBot() {
  const { workspace, admin } = await makeWorkspace();
  const bot = await makeChatbot(admin);
  const agent = await makeUser(workspace.id, { role: 'agent' });
  const supervisor = await makeUser(workspace.id, { role: 'supervisor' });
  return { admin, bot, agent, supervisor };
}

const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: { code?: string }) => e.code,
  );

describe('custom tools: definitions', () => {
  it('stores header values sealed and shows only their names, to every role', async () => {
    const { admin, bot, agent, supervisor } = await workspaceWithBot();
    const created = await callerFor(admin).botTools.create(orderTool(bot.id));
    expect(created).toMatchObject({
      name: 'order_status',
      method: 'GET',
      timeoutMs: 5000,
      headerNames: ['Authorization'],
      enabled: true,
      chatbotId: bot.id,
    });
    const answers = [
      created,
      await callerFor(admin).botTools.get({ id: created.id }),
      await callerFor(agent).botTools.list({ chatbotId: bot.id }),
      await callerFor(supervisor).botTools.get({ id: created.uuid }),
      await callerFor(admin).botTools.update({ id: created.id, patch: { timeoutMs: 800 } }),
    ];
    for (const answer of answers) expect(JSON.stringify(answer)).not.toContain(SECRET);
    const [row] = await db.select().from(chatbotTools).where(eq(chatbotTools.id, created.id));
    expect(JSON.stringify(row)).not.toContain(SECRET);
    expect(decryptSecret(row!.headers[0]!.sealed)).toBe(`Bearer ${SECRET}`);
  });

  it('keeps a header value an edit leaves out, and refuses a new header without one', async () => {
    const { admin, bot } = await workspaceWithBot();
    const admin$ = callerFor(admin);
    const tool = await admin$.botTools.create(orderTool(bot.id));
    await admin$.botTools.update({
      id: tool.id,
      patch: { headers: [{ name: 'authorization' }, { name: 'X-Tenant', value: 'acme' }] },
    });
    const [row] = await db.select().from(chatbotTools).where(eq(chatbotTools.id, tool.id));
    expect(row!.headers.map((h) => [h.name, decryptSecret(h.sealed)])).toEqual([
      ['authorization', `Bearer ${SECRET}`],
      ['X-Tenant', 'acme'],
    ]);
    expect(
      await codeOf(
        admin$.botTools.update({ id: tool.id, patch: { headers: [{ name: 'X-New' }] } }),
      ),
    ).toBe('BAD_REQUEST');
  });

  it('lets admins write and the other roles only read', async () => {
    const { admin, bot, agent, supervisor } = await workspaceWithBot();
    const tool = await callerFor(admin).botTools.create(orderTool(bot.id));
    for (const user of [agent, supervisor]) {
      expect(await codeOf(callerFor(user).botTools.create(orderTool(bot.id, { name: 'x' })))).toBe(
        'FORBIDDEN',
      );
      expect(await codeOf(callerFor(user).botTools.delete({ id: tool.id }))).toBe('FORBIDDEN');
    }
    await callerFor(admin).botTools.delete({ id: tool.id });
    expect(await callerFor(agent).botTools.list({ chatbotId: bot.id })).toEqual([]);
  });

  it("answers another workspace's tool and chatbot as not found", async () => {
    const mine = await workspaceWithBot();
    const theirs = await workspaceWithBot();
    const tool = await callerFor(mine.admin).botTools.create(orderTool(mine.bot.id));
    const other = callerFor(theirs.admin);
    expect(await codeOf(other.botTools.get({ id: tool.id }))).toBe('NOT_FOUND');
    expect(await codeOf(other.botTools.update({ id: tool.uuid, patch: { enabled: false } }))).toBe(
      'NOT_FOUND',
    );
    expect(await codeOf(other.botTools.delete({ id: tool.id }))).toBe('NOT_FOUND');
    expect(await codeOf(other.botTools.list({ chatbotId: mine.bot.id }))).toBe('NOT_FOUND');
    expect(await codeOf(other.botTools.create(orderTool(mine.bot.id)))).toBe('NOT_FOUND');
    expect((await callerFor(mine.admin).botTools.get({ id: tool.id })).enabled).toBe(true);
  });

  it('refuses a bad definition with a 400 naming the field, and a taken name with a 409', async () => {
    const { admin, bot } = await workspaceWithBot();
    const admin$ = callerFor(admin);
    await admin$.botTools.create(orderTool(bot.id));
    const bad: [string, Record<string, unknown>][] = [
      ['name', { name: 'Order-Status' }],
      ['name', { name: 'handoff_to_human' }],
      ['name', { name: 'set_variable' }],
      ['parameters', { parameters: { type: 'string' } }],
      ['parameters', { parameters: { type: 'object', properties: { a: { $ref: 'http://x' } } } }],
      ['urlTemplate', { urlTemplate: 'ftp://api.example.com/{orderId}' }],
      ['urlTemplate', { urlTemplate: 'https://{orderId}.example.com/' }],
      ['urlTemplate', { urlTemplate: 'https://api.example.com/{missing}' }],
      ['urlTemplate', { urlTemplate: 'https://user:pw@api.example.com/{orderId}' }],
      ['timeoutMs', { timeoutMs: 99 }],
      ['timeoutMs', { timeoutMs: 15_001 }],
      ['headers', { headers: [{ name: 'Host', value: 'x' }] }],
      ['headers', { headers: [{ name: 'X-A', value: 'a\r\nX-B: b' }] }],
      ['responseFields', { responseFields: ['a..b'] }],
      ['allowedHosts', { allowedHosts: ['not a host'] }],
    ];
    for (const [field, overrides] of bad) {
      const err = await admin$.botTools
        .create(orderTool(bot.id, { name: 'other_tool', ...overrides }))
        .then(
          () => null,
          (e) => e,
        );
      expect(err?.code, field).toBe('BAD_REQUEST');
      expect(JSON.stringify(err.shape?.data?.zodIssues ?? err.cause?.issues), field).toContain(
        field,
      );
    }
    expect(await codeOf(admin$.botTools.create(orderTool(bot.id)))).toBe('CONFLICT');
  });
});
