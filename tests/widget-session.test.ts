import { createHmac, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { AUTH_INVALIDATE_CHANNEL } from '../server/auth/identity-cache';
import { db, sql as pg } from '../server/db/client';
import { chatbots, widgetVisitors, workspaces } from '../server/db/schema';
import { makeChatbot } from './factories/chatbot';
import { makeUser } from './factories/user';
import { makeWorkspace } from './factories/workspace';
import { callerFor, tokenFor } from './helpers/auth';
import { captureLogLines } from './helpers/logs';
import { api, serverForThisFile } from './helpers/server';
import { eventually } from './helpers/worker';

const srv = serverForThisFile();
const logLines = captureLogLines();

const session = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  api(srv.url, 'POST', '/widget/session', { body, headers });
const sign = (secret: string, id: string) => createHmac('sha256', secret).update(id).digest('hex');
const history = (token: string, conversationId: string) =>
  api(srv.url, 'GET', `/messages/conversation/${conversationId}`, { token });

async function say(token: string, chatbotId: string, externalUserId: string, content = 'hi') {
  const sent = await api(srv.url, 'POST', '/messages/send', {
    token,
    body: { chatbotId, externalUserId, content },
  });
  expect(sent.status).toBe(202);
  return sent.body.data.conversation.id as string;
}

describe('POST /widget/session: who the visitor is', () => {
  it('issues a new visitor a secret, which alone names that visitor again', async () => {
    const { admin } = await makeWorkspace();
    const bot = await makeChatbot(admin, { aiEnabled: false });
    const first = await session({ publicKey: bot.publicKey });
    expect(first.status).toBe(201);
    const { visitorSecret, externalUserId, token } = first.body;
    // 32 random bytes, base64url: far beyond guessing; only its hash is stored.
    expect(visitorSecret).toMatch(/^[\w-]{43}$/);
    expect(externalUserId).toMatch(/^web-[0-9a-f-]{36}$/);
    const [row] = await db
      .select()
      .from(widgetVisitors)
      .where(eq(widgetVisitors.externalUserId, externalUserId));
    expect(row!.secretHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(visitorSecret);
    const conversationId = await say(token, bot.id, externalUserId);

    const again = await session({ publicKey: bot.publicKey, visitorSecret });
    expect(again.status).toBe(201);
    expect(again.body.externalUserId).toBe(externalUserId);
    expect(again.body.visitorSecret).toBeUndefined();
    expect((await history(again.body.token, conversationId)).status).toBe(200);

    const wrong = await session({ publicKey: bot.publicKey, visitorSecret: `${visitorSecret}x` });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual({
      statusCode: 401,
      message: 'Unknown visitor secret',
      error: 'Unauthorized',
    });
    // A secret belongs to one chatbot's visitor.
    const otherBot = await makeChatbot(admin, { aiEnabled: false });
    expect((await session({ publicKey: otherBot.publicKey, visitorSecret })).status).toBe(401);
    expect(logLines.some((l) => l.includes(visitorSecret))).toBe(false);
  });

  it('refuses a bare externalUserId: an id or a phone number is no credential', async () => {
    const { admin } = await makeWorkspace();
    const bot = await makeChatbot(admin, { aiEnabled: false });
    const claimed = await session({ publicKey: bot.publicKey, externalUserId: '+5511987654321' });
    expect(claimed.status).toBe(401);
    expect(claimed.body).toEqual({
      statusCode: 401,
      message: "externalUserId needs a userHash signed with the workspace's identity secret",
      error: 'Unauthorized',
    });
    const both = await session({
      publicKey: bot.publicKey,
      visitorSecret: 'x',
      externalUserId: 'y',
    });
    expect(both.status).toBe(400);
    expect(both.body.message).toEqual(['Send visitorSecret or externalUserId, not both']);
    const badHash = await session({
      publicKey: bot.publicKey,
      externalUserId: 'u',
      userHash: 'zz',
    });
    expect(badHash.status).toBe(400);
  });

  it("accepts a site's user signed with the workspace secret, which an admin reveals and rotates", async () => {
    const { workspace, admin } = await makeWorkspace();
    const bot = await makeChatbot(admin, { aiEnabled: false });
    const userId = `crm-${randomUUID().slice(0, 8)}`;
    // No secret yet: nothing verifies.
    expect((await callerFor(admin).widgetIdentity.reveal()).secret).toBeNull();
    const unset = await session({
      publicKey: bot.publicKey,
      externalUserId: userId,
      userHash: sign('guess', userId),
    });
    expect(unset.status).toBe(401);

    for (const role of ['agent', 'supervisor'] as const) {
      const user = await makeUser(workspace.id, { role });
      await expect(callerFor(user).widgetIdentity.reveal()).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
      await expect(callerFor(user).widgetIdentity.rotate()).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
    }
    const { secret } = await callerFor(admin).widgetIdentity.rotate();
    expect((await callerFor(admin).widgetIdentity.reveal()).secret).toBe(secret);
    const [stored] = await db
      .select({ sealed: workspaces.widgetIdentitySecretEncrypted })
      .from(workspaces)
      .where(eq(workspaces.id, workspace.id));
    expect(stored!.sealed).toMatch(/^v1:/);
    expect(stored!.sealed).not.toContain(secret);

    const signed = await session({
      publicKey: bot.publicKey,
      externalUserId: userId,
      userHash: sign(secret, userId).toUpperCase(),
    });
    expect(signed.status).toBe(201);
    expect(signed.body.externalUserId).toBe(userId);
    expect(signed.body.visitorSecret).toBeUndefined();
    const wrong = await session({
      publicKey: bot.publicKey,
      externalUserId: `${userId}-x`,
      userHash: sign(secret, userId),
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body.message).toBe('userHash does not match externalUserId');
    // Another workspace's secret signs nothing here.
    const other = await makeWorkspace();
    const { secret: theirs } = await callerFor(other.admin).widgetIdentity.rotate();
    const foreign = { publicKey: bot.publicKey, externalUserId: userId };
    expect((await session({ ...foreign, userHash: sign(theirs, userId) })).status).toBe(401);

    // Rotation: the old signature stops working and the sessions opened with it end.
    const conversationId = await say(signed.body.token, bot.id, userId);
    await new Promise((r) => setTimeout(r, 1000)); // iat has whole seconds
    await callerFor(admin).widgetIdentity.rotate();
    expect((await session({ ...foreign, userHash: sign(secret, userId) })).status).toBe(401);
    const ended = await history(signed.body.token, conversationId);
    expect(ended.status).toBe(401);
    expect(ended.body.message).toBe('Widget session ended: open a new one');
    for (const s of [secret, theirs]) expect(logLines.some((l) => l.includes(s))).toBe(false);
  });
});

describe('widgets from before visitor secrets (migration 0014)', () => {
  const migration = readFileSync('drizzle/0014_visitor_identity.sql', 'utf8').split(
    '--> statement-breakpoint',
  );
  const statement = (start: string) =>
    migration
      .map((s) => s.replace(/^(\s*--[^\n]*\n)+/, '').trim())
      .find((s) => s.startsWith(start))!;

  it('lets a legacy web-<uuid> id claim a secret until one is used, then only the secret', async () => {
    const { admin } = await makeWorkspace();
    const bot = await makeChatbot(admin, { aiEnabled: false });
    const [row] = await db.select().from(chatbots).where(eq(chatbots.uuid, bot.id));
    const legacyId = `web-${randomUUID()}`;
    const agent = await tokenFor(admin);
    const conversationId = await say(agent, bot.id, legacyId, 'from an old widget');
    await say(agent, bot.id, 'chosen-by-a-caller', 'not issued by us');
    await db.execute(sql.raw(statement('INSERT INTO "widget_visitors"')));
    const registered = await db
      .select({ id: widgetVisitors.externalUserId, legacy: widgetVisitors.legacy })
      .from(widgetVisitors)
      .where(eq(widgetVisitors.chatbotId, row!.id));
    expect(registered).toEqual([{ id: legacyId, legacy: true }]);

    // An old page's widget names its id (and drops the secret): claiming again still works.
    const first = await session({ publicKey: bot.publicKey, externalUserId: legacyId });
    expect(first.status).toBe(201);
    const claim = await session({ publicKey: bot.publicKey, externalUserId: legacyId });
    expect(claim.status).toBe(201);
    expect(claim.body.externalUserId).toBe(legacyId);
    expect((await history(claim.body.token, conversationId)).body.data[0].content).toBe(
      'from an old widget',
    );
    // The first claim's secret was replaced; the second one, used, ends claims by the bare id.
    const stale = { publicKey: bot.publicKey, visitorSecret: first.body.visitorSecret };
    expect((await session(stale)).status).toBe(401);
    const used = await session({
      publicKey: bot.publicKey,
      visitorSecret: claim.body.visitorSecret,
    });
    expect(used.body.externalUserId).toBe(legacyId);
    expect((await session({ publicKey: bot.publicKey, externalUserId: legacyId })).status).toBe(
      401,
    );
    expect(
      (await session({ publicKey: bot.publicKey, externalUserId: 'chosen-by-a-caller' })).status,
    ).toBe(401);
  });

  it('ends widget tokens issued before the cut, with a message the widget answers with a new session', async () => {
    const { admin } = await makeWorkspace();
    const bot = await makeChatbot(admin, { aiEnabled: false });
    const s = await session({ publicKey: bot.publicKey });
    const conversationId = await say(s.body.token, bot.id, s.body.externalUserId);
    const notices: string[] = [];
    const listening = await pg.listen(AUTH_INVALIDATE_CHANNEL, (key) => notices.push(key));
    // As the migration's default does for every chatbot: tokens from before now are refused.
    await db
      .update(chatbots)
      .set({ widgetSessionsAfter: new Date(Date.now() + 2000) })
      .where(eq(chatbots.uuid, bot.id));
    // The trigger evicts the cached chatbot in every process (not only this one).
    const [row] = await db.select().from(chatbots).where(eq(chatbots.uuid, bot.id));
    await eventually(async () => notices.includes(`chatbot:${row!.id}`));
    await listening.unlisten();
    await eventually(async () => (await history(s.body.token, conversationId)).status === 401);
    const refused = await history(s.body.token, conversationId);
    expect(refused.body).toEqual({
      statusCode: 401,
      message: 'Widget session ended: open a new one',
      error: 'Unauthorized',
    });
    expect(statement('ALTER TABLE "chatbots"')).toContain('DEFAULT now() NOT NULL');
    await db
      .update(chatbots)
      .set({ widgetSessionsAfter: new Date(Date.now() - 1000) })
      .where(eq(chatbots.uuid, bot.id));
    const renewed = await session({
      publicKey: bot.publicKey,
      visitorSecret: s.body.visitorSecret,
    });
    await eventually(
      async () => (await history(renewed.body.token, conversationId)).status === 200,
    );
  });
});

describe('CORS preflight on every path a widget token may call', () => {
  it.each([
    '/widget/session',
    '/conversations',
    '/messages/send',
    `/messages/conversation/${randomUUID()}`,
    `/messages/${randomUUID()}`,
  ])('OPTIONS %s', async (path) => {
    const res = await fetch(srv.url + path, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://shop.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type, idempotency-key',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    expect(res.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
    expect(res.headers.get('access-control-allow-methods')).toMatch(/POST/);
  });
});
