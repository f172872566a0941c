import type { Duplex } from 'node:stream';
import type { Page } from 'playwright-core';
import { afterEach, expect } from 'vitest';
import WebSocket from 'ws';
import type { User } from '../../server/db/schema';
import { makeUser } from '../factories/user';
import { makeWorkspace } from '../factories/workspace';
import { callerFor } from '../helpers/auth';
import { api, type TestServer } from '../helpers/server';
import { eventually } from '../helpers/worker';
import { type E2E, screenshot, startE2E } from './console';

export const FAQ_ANSWER = 'Plans start at $9.90 a month, and the first week is free.';

export interface InboxWorld {
  admin: User;
  agent: User;
  teammate: User;
  bot: { id: string; publicKey: string };
}

/** A workspace with two agents and a chatbot whose FAQ the built-in responder answers from. */
export async function inboxWorld(): Promise<InboxWorld> {
  const { workspace, admin } = await makeWorkspace();
  const agent = await makeUser(workspace.id, { role: 'agent', name: 'Ana Lima' });
  const teammate = await makeUser(workspace.id, { role: 'agent', name: 'Bruno Costa' });
  const bot = await callerFor(admin).chatbots.create({
    name: 'Support bot',
    faq: [{ keywords: ['price', 'cost'], answer: FAQ_ANSWER }],
  });
  return { admin, agent, teammate, bot };
}

/** A visitor of the web widget: a widget session token for one external user. */
export async function widgetVisitor(url: string, publicKey: string) {
  const session = await api<{ token: string; externalUserId: string }>(
    url,
    'POST',
    '/widget/session',
    { body: { publicKey } },
  );
  expect(session.status).toBe(201);
  return session.body;
}

/** The visitor is already in the CRM: a name, a phone, a VIP tag and an account expiring soon. */
export async function knownCustomer(admin: User, externalUserId: string) {
  const crm = callerFor(admin);
  const vip = await crm.tags.create({ name: 'VIP', color: '#7A5AF8' });
  const server = await crm.catalog.create({ kind: 'server', name: 'BR-1' });
  const contact = await crm.contacts.create({
    external_id: externalUserId,
    name: 'Maria Silva',
    phone_number: '+5511987654321',
    tag_ids: [vip.id],
  });
  await crm.accounts.create({
    contact_id: contact.id,
    username_final: 'maria.silva',
    password_final: 'not-shown-anywhere',
    server_id: server.id,
    date_exp: new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10),
  });
}

/** A customer's message through seed 001's POST /messages/send; returns the conversation uuid. */
export async function customerSays(
  url: string,
  token: string,
  body: { chatbotId: string; externalUserId: string; content: string; channel?: string },
): Promise<string> {
  const sent = await api(url, 'POST', '/messages/send', { token, body });
  expect(sent.status).toBe(202);
  return sent.body.data.conversation.id;
}

/** A widget client on the /messages gateway, following one conversation. */
export async function gatewayClient(url: string, token: string, conversationId: string) {
  const ws = new WebSocket(`${url.replace('http', 'ws')}/messages?token=${token}`);
  const frames: { event: string; data: Record<string, unknown> }[] = [];
  ws.on('message', (raw) => frames.push(JSON.parse(raw.toString())));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  ws.send(JSON.stringify({ event: 'subscribe', data: { conversationId } }));
  const next = (event: string, where: (d: Record<string, unknown>) => boolean = () => true) =>
    eventually(async () => frames.find((f) => f.event === event && where(f.data)));
  await next('subscribed');
  return { ws, next };
}

/**
 * Tracks every /trpc socket the browser opens, so a test can cut them all; while `down` is
 * set, new ones are refused (the console keeps retrying, as after a real outage).
 */
export function trpcSockets(server: TestServer) {
  const state = { down: false, sockets: new Set<Duplex>() };
  server.server.prependListener('upgrade', (req, socket: Duplex) => {
    if (!req.url?.startsWith('/trpc')) return;
    if (state.down) socket.destroy();
    else state.sockets.add(socket);
  });
  return {
    cut() {
      state.down = true;
      for (const socket of state.sockets) socket.destroy();
      state.sockets.clear();
    },
    restore() {
      state.down = false;
    },
  };
}

/** What the browser showed when a test failed, saved beside the other screenshots. */
export function screenshotFailures(page: () => Page | undefined) {
  afterEach(async ({ task }) => {
    const current = page();
    if (task.result?.state === 'fail' && current) {
      await screenshot(current, `failed-${task.name.replace(/\W+/g, '-').slice(0, 60)}`);
    }
  });
}

/** The console with a known customer (Maria Silva) on the widget: what an inbox test starts from. */
export interface ConsoleWithCustomer {
  e2e: E2E;
  page: Page;
  world: InboxWorld;
  visitor: { token: string; externalUserId: string };
}

export async function openConsoleWithCustomer(): Promise<ConsoleWithCustomer> {
  const e2e = await startE2E();
  const world = await inboxWorld();
  const visitor = await widgetVisitor(e2e.url, world.bot.publicKey);
  await knownCustomer(world.admin, visitor.externalUserId);
  return { e2e, world, visitor, page: await e2e.newPage() };
}
