import { describe, expect, it } from 'vitest';
import { PIZZERIA_FLOW } from '../server/demo/pizzeria-flow';
import { isOpen } from '../server/services/flows/business-hours';
import {
  type HttpRequestPlan,
  type StepInput,
  step,
  walkFlow,
} from '../server/services/flows/engine';
import { checkAnswer, matchChoice } from '../server/services/flows/inputs';
import { FlowGraph } from '../shared/flow';
import { graphOf } from './factories/flow-run';

const text = (t: string) => ({ text: t });
const pressed = (id: string, title = '') => ({
  type: 'button_reply',
  button_reply: { id, title },
  text: title,
});

/** A step from `nodeId` of `nodes` with the messages given (a new conversation by default). */
function run(nodes: unknown[], over: Partial<StepInput> = {}) {
  return step({
    graph: graphOf(nodes),
    nodeId: null,
    state: null,
    variables: {},
    channel: 'WIDGET',
    now: new Date('2026-12-02T15:00:00Z'), // a Wednesday
    timeZone: 'UTC',
    businessHours: [],
    messages: [text('hi')],
    ...over,
  });
}

const menu = [
  { id: 'm', title: 'Cardápio' },
  { id: 'h', title: 'Horários' },
  { id: 'p', title: 'Pedido rápido' },
];

describe('flow engine: message, set and placeholders', () => {
  it('sends text, buttons, a list and media, filling {{variables}}, and ends without next', () => {
    const rows = Array.from({ length: 5 }, (_, i) => ({ id: `r${i}`, title: `Row ${i}` }));
    const out = run(
      [
        { id: 'a', kind: 'set', variable: 'nome', value: 'Ana', next: 'b' },
        { id: 'b', kind: 'message', content: { type: 'text', text: 'Oi {{ nome }}!' }, next: 'c' },
        {
          id: 'c',
          kind: 'message',
          content: { type: 'buttons', text: 'Menu {{nome}}', buttons: menu.slice(0, 2) },
          next: 'd',
        },
        {
          id: 'd',
          kind: 'message',
          content: { type: 'list', text: 'Pick', button: 'See', rows },
          next: 'e',
        },
        {
          id: 'e',
          kind: 'message',
          content: {
            type: 'media',
            mediaType: 'image',
            url: 'https://x.test/a.png',
            caption: '{{nome}}',
          },
        },
      ],
      { variables: {} },
    );
    expect(out.variables).toEqual([{ key: 'nome', value: 'Ana' }]);
    expect(out.messages).toEqual([
      { type: 'text', content: { text: 'Oi Ana!' } },
      {
        type: 'interactive',
        content: {
          type: 'button',
          body: { text: 'Menu Ana' },
          action: {
            buttons: [
              { id: 'm', title: 'Cardápio' },
              { id: 'h', title: 'Horários' },
            ],
          },
        },
      },
      {
        type: 'interactive',
        content: {
          type: 'list',
          body: { text: 'Pick' },
          action: { button: 'See', sections: [{ rows }] },
        },
      },
      {
        type: 'media',
        content: { mediaType: 'image', url: 'https://x.test/a.png', caption: 'Ana' },
      },
    ]);
    expect(out.stop).toEqual({ kind: 'end' });
    expect(out.nodeId).toBe('e');
  });

  it('hands off when a node is missing or the graph loops without waiting', () => {
    const loop = run([{ id: 'a', kind: 'set', variable: 'x', value: '1', next: 'a' }]);
    expect(loop.stop).toMatchObject({ kind: 'handoff', reason: expect.stringMatching(/round/) });
    const broken = run([{ id: 'a', kind: 'set', variable: 'x', value: '1', next: 'zz' }]);
    expect(broken.stop).toMatchObject({ kind: 'handoff', reason: expect.stringMatching(/zz/) });
  });
});

const ask = (over: Record<string, unknown> = {}) => ({
  id: 'q',
  kind: 'ask',
  prompt: 'Your choice?',
  variable: 'choice',
  input: 'choice',
  choices: menu,
  retryMessage: 'Please pick one.',
  maxRetries: 1,
  next: 'done',
  ...over,
});
const done = { id: 'done', kind: 'end', message: 'Got {{choice}}' };

describe('flow engine: ask', () => {
  it('sends its prompt as buttons and waits; the next message is its answer', () => {
    const first = run([ask(), done]);
    expect(first.stop).toEqual({ kind: 'wait' });
    expect(first.nodeId).toBe('q');
    expect(first.state).toEqual({ waiting: true, retries: 0 });
    expect(first.messages[0]).toMatchObject({ type: 'interactive', content: { type: 'button' } });
    const answered = run([ask(), done], {
      nodeId: 'q',
      state: first.state,
      messages: [pressed('h', 'Horários')],
    });
    expect(answered.variables).toEqual([{ key: 'choice', value: 'h' }]);
    expect(answered.messages).toEqual([{ type: 'text', content: { text: 'Got h' } }]);
  });

  it('asks again on an ambiguous answer, then goes to onInvalid or hands off', () => {
    const at = { nodeId: 'q', state: { waiting: true, retries: 0 } };
    const again = run([ask(), done], { ...at, messages: [text('xyz')] });
    expect(again.stop).toEqual({ kind: 'wait' });
    expect(again.state).toEqual({ waiting: true, retries: 1 });
    expect(again.messages.map((m) => m.type)).toEqual(['text', 'interactive']);
    expect(again.messages[0]).toEqual({ type: 'text', content: { text: 'Please pick one.' } });
    const spent = run([ask(), done], { nodeId: 'q', state: again.state, messages: [text('x')] });
    expect(spent.stop).toMatchObject({ kind: 'handoff' });
    const elsewhere = run([ask({ onInvalid: 'other' }), done, { id: 'other', kind: 'end' }], {
      nodeId: 'q',
      state: again.state,
      messages: [text('x')],
    });
    expect(elsewhere.nodeId).toBe('other');
    expect(elsewhere.stop).toEqual({ kind: 'end' });
  });

  it('reads a burst as the answers to its questions in order', () => {
    const nodes = [
      { id: 'n', kind: 'ask', prompt: 'Name?', variable: 'nome', input: 'text', next: 'o' },
      { id: 'o', kind: 'ask', prompt: 'Order?', variable: 'pedido', input: 'text', next: 'e' },
      { id: 'e', kind: 'end', message: '{{nome}}: {{pedido}}' },
    ];
    const out = run(nodes, { messages: [text('hi'), text('Ana'), text('Pizza')] });
    expect(out.variables).toEqual([
      { key: 'nome', value: 'Ana' },
      { key: 'pedido', value: 'Pizza' },
    ]);
    expect(out.messages.map((m) => (m.content as { text: string }).text)).toEqual([
      'Name?',
      'Order?',
      'Ana: Pizza',
    ]);
  });

  it('matches typed text to a choice only when unambiguous', () => {
    expect(matchChoice(text('m'), menu)?.id).toBe('m');
    expect(matchChoice(text('CARDAPIO'), menu)?.id).toBe('m');
    expect(matchChoice(text('  horarios '), menu)?.id).toBe('h');
    expect(matchChoice(text('2'), menu)?.id).toBe('h');
    expect(matchChoice(text('ped'), menu)?.id).toBe('p');
    expect(matchChoice(text('4'), menu)).toBeNull();
    const similar = [
      { id: 'a', title: 'Pizza grande' },
      { id: 'b', title: 'Pizza pequena' },
    ];
    expect(matchChoice(text('pizza'), similar)).toBeNull();
    expect(matchChoice(pressed('b'), similar)?.id).toBe('b');
  });

  it('validates number, email, phone and date answers', () => {
    expect(checkAnswer('number', text('4,5'))).toEqual({ ok: true, value: '4.5' });
    expect(checkAnswer('number', text('four'))).toEqual({ ok: false });
    expect(checkAnswer('email', text('Ana@Example.com'))).toEqual({
      ok: true,
      value: 'ana@example.com',
    });
    expect(checkAnswer('email', text('ana@'))).toEqual({ ok: false });
    expect(checkAnswer('phone', text('+55 11 99999-8888'))).toEqual({
      ok: true,
      value: '+5511999998888',
    });
    expect(checkAnswer('phone', text('123'))).toEqual({ ok: false });
    expect(checkAnswer('date', text('31/12/2026'))).toEqual({ ok: true, value: '2026-12-31' });
    expect(checkAnswer('date', text('2026-02-30'))).toEqual({ ok: false });
    expect(checkAnswer('text', text('  '))).toEqual({ ok: false });
  });
});

describe('flow engine: condition', () => {
  const branchOn = (when: unknown, over: Partial<StepInput> = {}) =>
    run(
      [
        { id: 'c', kind: 'condition', branches: [{ when, next: 'yes' }], otherwise: 'no' },
        { id: 'yes', kind: 'end' },
        { id: 'no', kind: 'end' },
      ],
      over,
    ).nodeId;
  const v = (op: string, value?: string) => ({ on: 'variable', variable: 'n', op, value });

  it('compares variables, numbers as numbers', () => {
    const vars = { variables: { n: '10' } };
    expect(branchOn(v('gt', '9'), vars)).toBe('yes'); // as text '10' < '9'
    expect(branchOn(v('lt', '9'), vars)).toBe('no');
    expect(branchOn(v('equals', '10.0'), vars)).toBe('yes');
    expect(branchOn(v('not_equals', '10'), vars)).toBe('no');
    expect(branchOn(v('contains', 'rio'), { variables: { n: 'São Paulo' } })).toBe('no');
    expect(branchOn(v('contains', 'SAO'), { variables: { n: 'São Paulo' } })).toBe('yes');
    expect(branchOn(v('exists'), vars)).toBe('yes');
    expect(branchOn(v('not_exists'), {})).toBe('yes');
    expect(branchOn(v('equals', 'x'), {})).toBe('no');
  });

  it('tests the channel and the business hours in the workspace time zone', () => {
    expect(branchOn({ on: 'channel', channels: ['WHATSAPP_CLOUD'] })).toBe('no');
    expect(branchOn({ on: 'channel', channels: ['WIDGET'] })).toBe('yes');
    // 15:00 UTC on a Wednesday is 12:00 in São Paulo.
    const hours = { businessHours: [{ day: 3, open: '13:00', close: '18:00' }] };
    expect(branchOn({ on: 'business_hours', open: true }, { ...hours })).toBe('yes');
    expect(
      branchOn({ on: 'business_hours', open: true }, { ...hours, timeZone: 'America/Sao_Paulo' }),
    ).toBe('no');
    expect(branchOn({ on: 'business_hours', open: false }, { businessHours: [] })).toBe('no');
  });

  it('keeps overnight spans open past midnight', () => {
    const spans = [{ day: 5, open: '22:00', close: '02:00' }]; // Friday night
    expect(isOpen(spans, 'UTC', new Date('2026-12-05T01:00:00Z'))).toBe(true); // Saturday 01:00
    expect(isOpen(spans, 'UTC', new Date('2026-12-05T03:00:00Z'))).toBe(false);
    expect(isOpen(spans, 'UTC', new Date('2026-12-04T23:00:00Z'))).toBe(true);
  });
});

describe('flow engine: http, ai, handoff, end', () => {
  const http = {
    id: 'h',
    kind: 'http',
    method: 'POST',
    url: 'https://api.test/o/{{pedido}}',
    body: '{"name": "{{nome}}"}',
    save: [{ variable: 'status', path: 'order.status' }],
    next: 'ok',
    onError: 'bad',
  };
  const ends = [
    { id: 'ok', kind: 'end', message: 'Status {{status}}' },
    { id: 'bad', kind: 'end', message: 'Failed' },
  ];
  const vars = { variables: { pedido: 'a b', nome: 'A "q"' } };

  it('stops at an http node with its filled request, then goes on with the result', async () => {
    const out = run([http, ...ends], vars);
    expect(out.stop.kind).toBe('http');
    const plan = (out.stop as { request: HttpRequestPlan }).request;
    expect(plan.url).toBe('https://api.test/o/a%20b');
    expect(JSON.parse(plan.body!)).toEqual({ name: 'A "q"' });
    const ok = await walkFlow({ ...baseInput([http, ...ends]), ...vars }, async () => ({
      ok: true,
      values: { status: 'paid' },
    }));
    expect(ok.variables).toEqual([{ key: 'status', value: 'paid' }]);
    expect(ok.messages).toEqual([{ type: 'text', content: { text: 'Status paid' } }]);
    const failed = await walkFlow({ ...baseInput([http, ...ends]), ...vars }, async () => ({
      ok: false,
    }));
    expect(failed.nodeId).toBe('bad');
  });

  it('gives an ai node to the model until its condition holds', () => {
    const nodes = [
      {
        id: 'ai',
        kind: 'ai',
        instructions: 'Help with the menu',
        until: { on: 'variable', variable: 'pedido', op: 'exists' },
        next: 'e',
      },
      { id: 'e', kind: 'end', message: 'Bye' },
    ];
    const arrive = run(nodes);
    expect(arrive.stop).toEqual({ kind: 'ai', instructions: 'Help with the menu' });
    expect(arrive.state).toEqual({ waiting: true });
    const still = run(nodes, { nodeId: 'ai', state: arrive.state, messages: [text('?')] });
    expect(still.stop.kind).toBe('ai');
    const leave = run(nodes, {
      nodeId: 'ai',
      state: arrive.state,
      variables: { pedido: 'x' },
      messages: [text('ok')],
    });
    expect(leave.stop).toEqual({ kind: 'end' });
    expect(leave.messages).toEqual([{ type: 'text', content: { text: 'Bye' } }]);
  });

  it('hands off with its reason, tag and message; is done at it after a release', () => {
    const nodes = [
      { id: 'x', kind: 'handoff', reason: 'Payment', tag: 'billing', message: 'Wait {{nome}}' },
    ];
    const out = run(nodes, { variables: { nome: 'Ana' } });
    expect(out.stop).toEqual({ kind: 'handoff', reason: 'Payment', tag: 'billing' });
    expect(out.messages).toEqual([{ type: 'text', content: { text: 'Wait Ana' } }]);
    expect(run(nodes, { nodeId: 'x', state: {} }).stop).toEqual({ kind: 'done' });
  });

  it('ends with its message', () => {
    const out = run([{ id: 'e', kind: 'end', message: 'Thanks' }]);
    expect(out).toMatchObject({ stop: { kind: 'end' }, nodeId: 'e' });
    expect(out.messages).toHaveLength(1);
  });
});

function baseInput(nodes: unknown[]): StepInput {
  return {
    graph: graphOf(nodes),
    nodeId: null,
    state: null,
    variables: {},
    channel: 'WIDGET',
    now: new Date(),
    timeZone: 'UTC',
    businessHours: [],
    messages: [text('hi')],
  };
}

describe('flow engine: the demo pizzeria', () => {
  it('walks the demo flow to its payment handoff, typed answers included', () => {
    const graph = FlowGraph.parse(PIZZERIA_FLOW);
    let at: Pick<StepInput, 'nodeId' | 'state' | 'variables'> = {
      nodeId: null,
      state: null,
      variables: {},
    };
    const sent: string[] = [];
    const say = (...lines: string[]) => {
      const out = step({ ...baseInput(graph.nodes), graph, ...at, messages: lines.map(text) });
      const variables = { ...at.variables };
      for (const v of out.variables) variables[v.key] = v.value;
      at = { nodeId: out.nodeId, state: out.state, variables };
      sent.push(...out.messages.map((m) => JSON.stringify(m.content)));
      return out;
    };
    expect(say('Oi').nodeId).toBe('greeting');
    expect(say('cardapio').nodeId).toBe('ask-name'); // typed title, without its accent
    expect(say('Ana').nodeId).toBe('ask-order');
    expect(say('calab').nodeId).toBe('confirm'); // a unique prefix of a list row
    const paid = say('Sim');
    expect(paid.stop).toMatchObject({ kind: 'handoff', reason: 'Pagamento' });
    expect(at.variables).toMatchObject({
      opcao: '1',
      nome: 'Ana',
      pedido: 'pizza calabresa',
      confirmado: 'sim',
    });
    expect(sent.at(-1)).toContain('Obrigado, Ana!');
  });
});
