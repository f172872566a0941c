import { describe, expect, it } from 'vitest';
import { PIZZERIA_FLOW } from '../server/demo/pizzeria-flow';
import { isOpen } from '../server/services/flows/business-hours';
import {
  type HttpRequestPlan,
  type StepInput,
  step,
  walkFlow,
} from '../server/services/flows/engine';
import { FlowGraph } from '../shared/flow';
import { run, stepInput, text } from './helpers/flow-step';

// The flow engine's pure steps (issue 21): condition, http, ai, handoff and end nodes, and a
// walk of the demo pizzeria flow. Message, set and ask: tests/flows-engine.test.ts.

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

const baseInput = (nodes: unknown[]) => stepInput(nodes, { now: new Date() });

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
