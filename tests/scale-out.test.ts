import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { makeChatbot } from './factories/chatbot';
import { makeWorkspace } from './factories/workspace';
import { tokenFor } from './helpers/auth';
import { visitor } from './helpers/inbox';
import { type ServerProcess, spawnServer } from './helpers/process';
import { api } from './helpers/server';
import { eventually } from './helpers/worker';
import { databaseUrl } from './setup/per-file';

const processes: ServerProcess[] = [];
afterAll(async () => {
  await Promise.all(processes.map((p) => p.stop()));
});

describe('two server processes on one database', () => {
  it('delivers a message accepted by one process to a subscriber of the other', async () => {
    const env = { DATABASE_URL: databaseUrl, SEED_DEMO: 'false' };
    const [a, b] = await Promise.all([
      spawnServer(env, ['--role=api']),
      spawnServer(env, ['--role=api']),
    ]);
    processes.push(a!, b!);
    const { admin } = await makeWorkspace();
    const bot = await makeChatbot(admin, { aiEnabled: false });
    const token = await tokenFor(admin);
    const externalUserId = visitor();
    const first = await api(a!.url, 'POST', '/messages/send', {
      token,
      body: { chatbotId: bot.id, externalUserId, content: 'one' },
    });
    const conversationId = first.body.data.conversation.id;

    const ws = new WebSocket(`${b!.url.replace('http', 'ws')}/messages?token=${token}`);
    const frames: { event: string; data: { content?: string } }[] = [];
    ws.on('message', (raw) => frames.push(JSON.parse(raw.toString())));
    await new Promise((resolve) => ws.once('open', resolve));
    ws.send(JSON.stringify({ event: 'subscribe', data: { conversationId } }));
    await eventually(async () => frames.some((f) => f.event === 'subscribed'));

    await api(a!.url, 'POST', '/messages/send', {
      token,
      body: { chatbotId: bot.id, externalUserId, content: 'via process A' },
    });
    const frame = await eventually(async () => frames.find((f) => f.event === 'message'));
    expect(frame.data.content).toBe('via process A');
    ws.close();
    expect(await a!.stop()).toBe(0);
    expect(await b!.stop()).toBe(0);
  });
});
