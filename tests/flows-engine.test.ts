import { describe, expect, it } from 'vitest';
import { checkAnswer, matchChoice } from '../server/services/flows/inputs';
import { menu, pressed, run, text } from './helpers/flow-step';

// The flow engine's pure steps (issue 21): message, set and ask nodes. Conditions, http, ai,
// handoff, end and the demo flow: tests/flows-engine-branches.test.ts.

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
