import { createInstance, type TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { check } from '../server/services/bot-tests/expectations';
import { validateFlow } from '../shared/flow-validate';
import en from '../web/src/locales/en';
import es from '../web/src/locales/es';
import ptBR from '../web/src/locales/pt-BR';
import { runText } from '../web/src/routes/_authed/settings/-components/bot-tests/run-texts';
import {
  problemText,
  publishRefusalText,
} from '../web/src/routes/_authed/settings/-components/flow/flow-texts';

/*
 * The flow editor and the Tests tab translate what the server words in English (the shared
 * validator's problems, a run's failures) by its fixed wording: when the server's wording
 * changes, these fail instead of the console quietly showing English.
 */

const i18n = createInstance();
await i18n.init({
  lng: 'en',
  resources: { en, 'pt-BR': ptBR, es },
  interpolation: { escapeValue: false },
});
const flows = (lng: string) => i18n.getFixedT(lng, 'flows') as TFunction<'flows'>;
const botTests = (lng: string) => i18n.getFixedT(lng, 'botTests') as TFunction<'botTests'>;

const node = (fields: Record<string, unknown>) => fields;
/** A graph with a problem of every kind the validator words. */
const broken = {
  start: 'a',
  nodes: [
    node({
      id: 'a',
      kind: 'message',
      content: {
        type: 'buttons',
        text: 'Oi {{x}}',
        buttons: ['a'.repeat(22), 'b', 'c', 'd'].map((title, i) => ({
          id: i ? String(i) : '1',
          title,
        })),
      },
      next: 'nowhere',
    }),
    node({
      id: 'b',
      kind: 'http',
      method: 'GET',
      url: 'https://{{h}}/x',
      headers: { Host: '', 'bad name': 'x\ny', host: 'y' },
      save: [],
      next: 'c',
      timeoutMs: 100,
    }),
    node({
      id: 'b',
      kind: 'http',
      method: 'GET',
      url: 'nope',
      save: [],
      next: 'c',
      timeoutMs: 100,
    }),
    node({ id: 'c', kind: 'set', variable: 'v', value: '{{w}}', next: 'c' }),
    node({
      id: 'd',
      kind: 'ask',
      prompt: 'p',
      variable: 'q',
      input: 'choice',
      choices: [],
      next: 'e',
    }),
    node({
      id: 'e',
      kind: 'message',
      content: {
        type: 'list',
        text: 'x',
        button: 'b',
        rows: Array.from({ length: 11 }, (_, i) => ({ id: String(i), title: 'r'.repeat(25) })),
      },
    }),
    node({
      id: 'f',
      kind: 'http',
      method: 'GET',
      url: 'ftp://x.com',
      save: [],
      next: 'g',
      timeoutMs: 100,
    }),
    node({
      id: 'g',
      kind: 'http',
      method: 'GET',
      url: 'https://u:p@x.com',
      save: [],
      next: 'f',
      timeoutMs: 100,
    }),
  ],
};
const reachable = {
  start: 'a',
  nodes: [
    node({
      id: 'a',
      kind: 'ask',
      prompt: 'p',
      variable: 'q',
      input: 'text',
      next: 'b',
      onInvalid: 'c',
    }),
    node({ id: 'b', kind: 'message', content: { type: 'text', text: '{{q}}' }, next: 'c' }),
    node({ id: 'c', kind: 'message', content: { type: 'text', text: '{{q}} {{z}}' } }),
  ],
};

describe('the flow editor says the validator problems in each language', () => {
  const messages = [
    ...validateFlow(broken as never),
    ...validateFlow(reachable as never),
    ...validateFlow({ ...reachable, start: 'zz' } as never),
  ].map((p) => p.message);

  it('meets every wording (the graphs above hold them all)', () => {
    const kinds = new Set(
      messages.map((m) => m.replace(/"[^"]*"|\{\{[^}]*\}\}|\d+/g, '·').slice(0, 40)),
    );
    expect(kinds.size).toBeGreaterThanOrEqual(20);
  });

  it('English gives back the server words exactly', () => {
    for (const m of messages) expect(problemText(flows('en'), m)).toBe(m);
  });

  for (const lng of ['pt-BR', 'es'])
    it(`${lng} translates each one`, () => {
      for (const m of messages) expect(problemText(flows(lng), m), m).not.toBe(m);
    });
});

describe('the Tests tab says a run failures in each language', () => {
  const outcome = {
    turns: 2,
    replies: [['Hi Maria!'], ['Bye']],
    variables: { nome: 'Ana' },
    nodes: ['ask-1'],
    handoff: { reason: 'asked for a person' },
    sources: [],
    transcript: [],
    ended: false,
  };
  const ctx = { citedIds: new Set<string>() };
  const failures = [
    check({ kind: 'reply_contains', text: 'x', turn: 5 }, outcome as never, ctx),
    check({ kind: 'reply_contains', text: 'x', turn: 1 }, outcome as never, ctx),
    check({ kind: 'reply_contains', text: 'x' }, outcome as never, ctx),
    check({ kind: 'reply_not_contains', text: 'Maria', turn: 1 }, outcome as never, ctx),
    check({ kind: 'reply_not_contains', text: 'Maria' }, outcome as never, ctx),
    check({ kind: 'variable_equals', key: 'pedido', value: '1' }, outcome as never, ctx),
    check({ kind: 'variable_equals', key: 'nome', value: 'Bia' }, outcome as never, ctx),
    check({ kind: 'reached_node', nodeId: 'end-1' }, outcome as never, ctx),
    check({ kind: 'handed_off', value: false }, outcome as never, ctx),
    check({ kind: 'handed_off', value: true }, { ...outcome, handoff: null } as never, ctx),
    check({ kind: 'cited_article', article: 'hours' }, outcome as never, ctx),
    check({ kind: 'max_turns', n: 1 }, outcome as never, ctx),
  ].filter((m): m is string => m !== null);
  const fixed = [
    'no model is configured (OPENAI_API_KEY)',
    'not judged: no model is configured (OPENAI_API_KEY)',
    'the judge says no: it never greeted',
    'The stored case is not a valid test case',
    'The flow ended the conversation.',
    'HTTP node http-1 called: failed.',
  ];

  it('English gives back the server words exactly', () => {
    expect(failures).toHaveLength(12);
    for (const m of [...failures, ...fixed]) expect(runText(botTests('en'), m)).toBe(m);
  });

  for (const lng of ['pt-BR', 'es'])
    it(`${lng} translates each one`, () => {
      for (const m of [...failures, ...fixed]) expect(runText(botTests(lng), m), m).not.toBe(m);
    });
});

describe('the flow editor says a refusal of the publish gate in each language', () => {
  // server/services/bot-tests/publish-gate.ts's wording.
  const refusal =
    "Publishing requires the test suite to pass; 2 of 3 cases fail: Greets: by name: no reply contains 'Maria'; the bot did not hand off | Broken: The stored case is not a valid test case";

  it('English gives back the server words exactly', () => {
    expect(publishRefusalText(flows('en'), botTests('en'), refusal)).toBe(refusal);
  });

  it('Portuguese says the frame and every failure', () => {
    expect(publishRefusalText(flows('pt-BR'), botTests('pt-BR'), refusal)).toBe(
      "A publicação exige que a suíte de testes passe; 2 de 3 casos falham: Greets: by name: nenhuma resposta contém 'Maria'; o bot não transferiu para atendentes | Broken: O caso guardado não é um caso de teste válido",
    );
  });
});
