import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '../server/db/client';
import { botTurns } from '../server/db/schema';
import type { WorkerHandle } from '../server/jobs/worker';
import { loadTurnContext } from '../server/services/bot-turns/context';
import { runFlowStep } from '../server/services/flows/run';
import {
  botMessages,
  conversationRow,
  graphOf,
  publishFlow,
  flowWorkspace as workspaceWith,
} from './factories/flow-run';
import { api, serverForThisFile } from './helpers/server';
import { runWorker } from './helpers/worker';

// A flow's steps through the real pipeline (issue 21): the customer's message over seed 001,
// the bot turn run by the worker in this process, the results read over seed 002's REST.
const srv = serverForThisFile();
let worker: WorkerHandle;
beforeAll(async () => {
  worker = await runWorker();
});
afterAll(() => worker.stop());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const flowWorkspace = (graph = pizzeria, options: { aiEnabled?: boolean; channel?: string } = {}) =>
  workspaceWith(srv.url, graph, options);

/** seed 002-style: menu buttons → ask the name → condition → handoff for payment, or end. */
const pizzeria = graphOf([
  {
    id: 'menu',
    kind: 'ask',
    prompt: 'Olá! Como posso ajudar?',
    variable: 'opcao',
    input: 'choice',
    choices: [
      { id: 'cardapio', title: 'Cardápio' },
      { id: 'horarios', title: 'Horários' },
    ],
    next: 'name',
  },
  {
    id: 'name',
    kind: 'ask',
    prompt: 'Qual é o seu nome?',
    variable: 'nome',
    input: 'text',
    next: 'check',
  },
  {
    id: 'check',
    kind: 'condition',
    branches: [
      { when: { on: 'variable', variable: 'opcao', op: 'equals', value: 'cardapio' }, next: 'pay' },
    ],
    otherwise: 'bye',
  },
  {
    id: 'pay',
    kind: 'handoff',
    reason: 'Pagamento',
    message: 'Obrigado, {{nome}}! Um atendente vai cuidar do pagamento.',
  },
  { id: 'bye', kind: 'end', message: 'Até logo, {{nome}}.' },
]);

describe('flows through the bot-turn pipeline', () => {
  it('walks a widget conversation through buttons, a question, a condition and a handoff', async () => {
    const f = await flowWorkspace();
    const uuid = await f.say('Oi');
    const [menu] = await f.botSent(uuid, 1);
    expect(menu).toMatchObject({
      type: 'interactive',
      status: 'sent',
      content: {
        type: 'button',
        body: { text: 'Olá! Como posso ajudar?' },
        action: {
          buttons: [
            { id: 'cardapio', title: 'Cardápio' },
            { id: 'horarios', title: 'Horários' },
          ],
        },
      },
    });
    let detail = await f.get(`/api/conversations/${uuid}`);
    expect(detail.body).toMatchObject({ currentNodeId: 'menu', status: 'active' });

    await f.say('Cardápio', { choiceId: 'cardapio' });
    const afterMenu = await f.botSent(uuid, 2);
    expect(afterMenu[1]).toMatchObject({ type: 'text', content: { text: 'Qual é o seu nome?' } });
    detail = await f.get(`/api/conversations/${uuid}`);
    expect(detail.body).toMatchObject({ currentNodeId: 'name', variables: { opcao: 'cardapio' } });

    await f.say('Ana');
    const all = await f.botSent(uuid, 3);
    expect(all[2]!.content).toEqual({
      text: 'Obrigado, Ana! Um atendente vai cuidar do pagamento.',
    });
    const c = await conversationRow(uuid);
    expect(c).toMatchObject({
      assignedBotId: null,
      handoffReason: 'Pagamento',
      currentNodeId: 'pay',
    });
    expect(c.handoffAt).not.toBeNull();
    expect(c.flowVersionId).toBe(f.versionId);
    const vars = await f.get(`/api/conversations/${uuid}/variables`);
    expect(vars.status).toBe(200);
    expect(vars.body.variables).toEqual([
      { key: 'opcao', value: 'cardapio', collectedAt: expect.any(String) },
      { key: 'nome', value: 'Ana', collectedAt: expect.any(String) },
    ]);
    for (const v of vars.body.variables) expect(Date.parse(v.collectedAt)).toBeGreaterThan(0);
    // Handed to humans: the next message opens no turn.
    await f.say('Alô?');
    await sleep(300);
    expect(await botMessages(c.id)).toHaveLength(3);
  });

  it('finishes a conversation on the version it started on', async () => {
    const ask = {
      id: 'q',
      kind: 'ask',
      prompt: 'Nome?',
      variable: 'nome',
      input: 'text',
      next: 'e',
    };
    const f = await flowWorkspace(graphOf([ask, { id: 'e', kind: 'end', message: 'v1 {{nome}}' }]));
    const uuid = await f.say('Oi');
    await f.botSent(uuid, 1);
    const v2 = await publishFlow(f.bot.id, graphOf([ask, { id: 'e', kind: 'end', message: 'v2' }]));
    expect(v2.versionId).not.toBe(f.versionId);
    await f.say('Bia');
    const sent = await f.botSent(uuid, 2);
    expect(sent[1]!.content).toEqual({ text: 'v1 Bia' });
    const c = await conversationRow(uuid);
    expect(c).toMatchObject({ status: 'ended', flowVersionId: f.versionId });
  });

  it('matches typed text to a choice when unambiguous, and asks an ambiguous one again', async () => {
    const f = await flowWorkspace(
      graphOf([
        {
          id: 'size',
          kind: 'ask',
          prompt: 'Tamanho?',
          variable: 'tamanho',
          input: 'choice',
          choices: [
            { id: 'big', title: 'Pizza grande' },
            { id: 'small', title: 'Pizza pequena' },
          ],
          retryMessage: 'Não entendi.',
          next: 'e',
        },
        { id: 'e', kind: 'end', message: 'Tamanho {{tamanho}}' },
      ]),
    );
    const uuid = await f.say('Oi');
    await f.botSent(uuid, 1);
    await f.say('pizza');
    const again = await f.botSent(uuid, 3);
    expect(again[1]!.content).toEqual({ text: 'Não entendi.' });
    expect(again[2]).toMatchObject({
      type: 'interactive',
      content: { body: { text: 'Tamanho?' } },
    });
    expect((await conversationRow(uuid)).currentNodeId).toBe('size');
    await f.say('PIZZA pequena');
    const done = await f.botSent(uuid, 4);
    expect(done[3]!.content).toEqual({ text: 'Tamanho small' });
  });

  it('pauses on a takeover and resumes at the node on release', async () => {
    const f = await flowWorkspace();
    const uuid = await f.say('Oi');
    await f.botSent(uuid, 1);
    await f.say('2'); // the second button, typed
    await f.botSent(uuid, 2);
    const taken = await api(srv.url, 'POST', `/api/conversations/${uuid}/takeover`, {
      token: f.token,
      body: {},
    });
    expect(taken.status).toBeLessThan(300);
    await f.say('Ana, falando com a pessoa');
    await sleep(300);
    const c = await conversationRow(uuid);
    expect(await botMessages(c.id)).toHaveLength(2);
    expect(c.currentNodeId).toBe('name');
    const released = await api(srv.url, 'POST', `/api/conversations/${uuid}/release`, {
      token: f.token,
    });
    expect(released.status).toBeLessThan(300);
    await f.say('Bruno');
    const sent = await f.botSent(uuid, 3);
    expect(sent[2]!.content).toEqual({ text: 'Até logo, Bruno.' });
    const vars = await f.get(`/api/conversations/${uuid}/variables`);
    expect(vars.body.variables).toMatchObject([
      { key: 'opcao', value: 'horarios' },
      { key: 'nome', value: 'Bruno' },
    ]);
  });

  it('never saves a step twice: a stale generation and a retried step write nothing', async () => {
    const f = await flowWorkspace();
    const uuid = await f.say('Oi');
    await f.botSent(uuid, 1);
    const c = await conversationRow(uuid);
    // The customer's answer, written without waking the worker, and a turn this test runs.
    const [written] = (await db.execute(sql`select (w.message->>'id')::int as id from
      write_message(${c.id}::int, true, 'inbound', 'client', 'text', '{"text":"Cardápio"}'::jsonb,
      '{}'::jsonb, null, null, null, null, null, null) w`)) as unknown as { id: number }[];
    await db.insert(botTurns).values({
      conversationId: c.id,
      workspaceId: c.workspaceId,
      chatbotId: c.chatbotId!,
      messageId: written!.id,
      generation: 3,
      state: 'running',
      owner: 'flow-test',
      startedAt: new Date(),
    });
    const turn = { conversationId: c.id, messageId: written!.id };
    const ctx = (await loadTurnContext(turn))!;
    expect(ctx.flow).toMatchObject({ nodeId: 'menu', versionId: f.versionId });
    // The step was computed for generation 2; a message joined since.
    const stale = await runFlowStep({ ...turn, generation: 2 }, 'flow-test', ctx);
    expect(stale.kind).toBe('stale');
    expect(await botMessages(c.id)).toHaveLength(1);
    expect((await conversationRow(uuid)).currentNodeId).toBe('menu');
    const saved = await runFlowStep({ ...turn, generation: 3 }, 'flow-test', ctx);
    expect(saved.kind).toBe('saved');
    // The same step again (a retry after a crash past the save): the turn is gone.
    const retried = await runFlowStep({ ...turn, generation: 3 }, 'flow-test', ctx);
    expect(retried.kind).toBe('lost');
    const rows = await botMessages(c.id);
    expect(rows.map((m) => m.content)).toEqual([
      expect.objectContaining({ type: 'button' }),
      { text: 'Qual é o seu nome?' },
    ]);
    expect(await conversationRow(uuid)).toMatchObject({
      currentNodeId: 'name',
      flowState: { waiting: true, retries: 0, lastMessageId: written!.id },
    });
  });

  it('lets the model answer at an ai node, with its instructions, in the same turn', async () => {
    const f = await flowWorkspace(
      graphOf([
        { id: 'hi', kind: 'message', content: { type: 'text', text: 'Bem-vindo!' }, next: 'ai' },
        {
          id: 'ai',
          kind: 'ai',
          instructions: 'Answer about the menu.',
          until: { on: 'variable', variable: 'pedido', op: 'exists' },
          next: 'e',
        },
        { id: 'e', kind: 'end', message: 'Pedido {{pedido}} anotado.' },
      ]),
      { aiEnabled: true },
    );
    const uuid = await f.say('Oi');
    const sent = await f.botSent(uuid, 2);
    expect(sent[0]).toMatchObject({ content: { text: 'Bem-vindo!' }, replyToMessageId: null });
    expect(sent[1]!.metadata).toMatchObject({ responder: 'builtin' });
    expect(sent[1]!.replyToMessageId).not.toBeNull();
    expect((await conversationRow(uuid)).currentNodeId).toBe('ai');
    await api(srv.url, 'PUT', `/api/conversations/${uuid}/variables`, {
      token: f.token,
      body: { key: 'pedido', value: 'margherita' },
    });
    await f.say('Pode ser');
    const after = await f.botSent(uuid, 3);
    expect(after[2]!.content).toEqual({ text: 'Pedido margherita anotado.' });
    expect(await conversationRow(uuid)).toMatchObject({ status: 'ended', currentNodeId: 'e' });
  });

  it("gives a WhatsApp conversation's messages their outgoing-message job", async () => {
    const f = await flowWorkspace(pizzeria, { channel: 'WHATSAPP_CLOUD' });
    const uuid = await f.say('Oi');
    const [menu] = await f.botSent(uuid, 1);
    expect(menu!.type).toBe('interactive');
    expect(menu!.status).not.toBe('sent'); // pending until the channel takes it
    const [job] =
      (await db.execute(sql`select count(*)::int as n from graphile_worker._private_jobs j
      join graphile_worker._private_tasks t on t.id = j.task_id
      where t.identifier = 'outgoing-message' and (j.payload->>'messageId')::int = ${menu!.id}`)) as unknown as {
        n: number;
      }[];
    const failedOrQueued =
      job!.n > 0 || (await botMessages(menu!.conversationId))[0]!.status === 'failed';
    expect(failedOrQueued).toBe(true);
  });
});
