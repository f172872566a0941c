import { describe, expect, it } from 'vitest';
import { PIZZERIA_FLOW } from '../server/demo/pizzeria-flow';
import { FlowGraph } from '../shared/flow';
import { validateFlow } from '../shared/flow-validate';
import { graphOf, type NodeInput, namedGreeting, withSecretHeader } from './factories/flow';

/** The messages of the problems found, each with the node it names. */
const problems = (nodes: Parameters<typeof graphOf>[0], start?: string) =>
  validateFlow(graphOf(nodes, start)).map((p) => [p.nodeId, p.message]);

const end = { id: 'bye', kind: 'end' } as const;
const say = (id: string, text: string, next?: string) =>
  ({ id, kind: 'message', content: { type: 'text', text }, next }) as const;

describe('flow validation: the graph', () => {
  it('passes the demo pizzeria and the factories’ flows', () => {
    expect(validateFlow(FlowGraph.parse(PIZZERIA_FLOW))).toEqual([]);
    expect(problems(namedGreeting())).toEqual([]);
    expect(problems(withSecretHeader('s3cret'))).toEqual([]);
  });

  it('needs the start node to exist', () => {
    expect(problems([end], 'welcome')).toEqual([
      [null, 'The start node "welcome" is not a node of the flow'],
    ]);
  });

  it('refuses two nodes with one id', () => {
    expect(problems([say('hello', 'Hi', 'bye'), end, { ...end, message: 'Bye' }])).toEqual([
      ['bye', 'Node "bye": 2 nodes have this id; each node needs its own'],
    ]);
  });

  it('names every edge that goes nowhere: next, branch, otherwise, onInvalid, onError', () => {
    const found = problems([
      {
        id: 'ask',
        kind: 'ask',
        prompt: 'Age?',
        variable: 'age',
        input: 'number',
        next: 'check',
        onInvalid: 'lost-1',
      },
      {
        id: 'check',
        kind: 'condition',
        branches: [
          { when: { on: 'variable', variable: 'age', op: 'gt', value: '17' }, next: 'lost-2' },
        ],
        otherwise: 'lost-3',
      },
      {
        id: 'call',
        kind: 'http',
        method: 'GET',
        url: 'https://x.test',
        next: 'lost-4',
        onError: 'lost-5',
      },
      say('note', 'Hi', 'lost-6'),
    ]);
    expect(found).toEqual(
      expect.arrayContaining([
        ['ask', 'Node "ask": its onInvalid goes to "lost-1", which is not a node'],
        ['check', 'Node "check": its branch 1 goes to "lost-2", which is not a node'],
        ['check', 'Node "check": its otherwise goes to "lost-3", which is not a node'],
        ['call', 'Node "call": its next goes to "lost-4", which is not a node'],
        ['call', 'Node "call": its onError goes to "lost-5", which is not a node'],
        ['note', 'Node "note": its next goes to "lost-6", which is not a node'],
      ]),
    );
  });

  it('refuses nodes no path from the start reaches', () => {
    expect(
      problems([say('hello', 'Hi', 'bye'), end, say('orphan', 'Nobody sees me', 'bye')]),
    ).toEqual([['orphan', 'Node "orphan": no path from the start node reaches it']]);
  });

  it('refuses a path that stops anywhere but an end, a handoff or a last ai step', () => {
    expect(problems([say('hello', 'Hi')])).toEqual([
      [
        'hello',
        'Node "hello": the flow stops here; give it a next node, or end the path with an end or handoff node',
      ],
    ]);
    expect(problems([say('hello', 'Hi', 'model'), { id: 'model', kind: 'ai' }])).toEqual([]);
    expect(problems([say('hello', 'Hi', 'humans'), { id: 'humans', kind: 'handoff' }])).toEqual([]);
  });

  it('refuses a loop that never waits for the customer, and allows one through a question', () => {
    const check = (loopTo: string): NodeInput =>
      ({
        id: 'check',
        kind: 'condition',
        branches: [{ when: { on: 'business_hours', open: true }, next: 'bye' }],
        otherwise: loopTo,
      }) as const;
    expect(
      problems([say('hello', 'Hi', 'note'), say('note', 'Closed', 'check'), check('note'), end]),
    ).toEqual([
      [
        'note',
        'Node "note": loops through "note", "check" without waiting for the customer; add an ask or ai node to the loop, or leave it',
      ],
    ]);
    expect(
      problems([{ id: 'spin', kind: 'set', variable: 'x', value: '1', next: 'spin' }]),
    ).toEqual([
      [
        'spin',
        'Node "spin": loops through "spin" without waiting for the customer; add an ask or ai node to the loop, or leave it',
      ],
    ]);
    const waiting: NodeInput[] = [
      say('hello', 'Hi', 'again'),
      { id: 'again', kind: 'ask', prompt: 'More?', variable: 'more', input: 'text', next: 'check' },
      check('again'),
      end,
    ] as const;
    expect(problems([...waiting])).toEqual([]);
  });
});

describe('flow validation: variables', () => {
  it('refuses a read no node before sets', () => {
    expect(
      problems([
        {
          id: 'ask-name',
          kind: 'ask',
          prompt: 'Your order, {{nome}}?',
          variable: 'pedido',
          input: 'text',
          next: 'bye',
        },
        end,
      ]),
    ).toEqual([['ask-name', 'Node "ask-name": reads {{nome}}, which no node before it sets']]);
  });

  it('refuses a read set on one path only, and a condition on an unset variable', () => {
    const found = problems([
      {
        id: 'open',
        kind: 'condition',
        branches: [{ when: { on: 'business_hours', open: true }, next: 'ask' }],
        otherwise: 'tell',
      },
      { id: 'ask', kind: 'ask', prompt: 'Order?', variable: 'pedido', input: 'text', next: 'tell' },
      say('tell', 'You ordered {{pedido}}', 'vip'),
      {
        id: 'vip',
        kind: 'condition',
        branches: [
          { when: { on: 'variable', variable: 'tier', op: 'equals', value: 'gold' }, next: 'bye' },
        ],
        otherwise: 'bye',
      },
      end,
    ]);
    expect(found).toEqual([
      ['tell', 'Node "tell": reads {{pedido}}, which is not set on every path to it'],
      ['vip', 'Node "vip": reads {{tier}}, which no node before it sets'],
    ]);
  });

  it('counts a set, an answered question, a tested "exists" and a checked http call', () => {
    expect(
      problems([
        { id: 'who', kind: 'set', variable: 'shop', value: 'Pizzaria', next: 'has' },
        {
          id: 'has',
          kind: 'condition',
          branches: [{ when: { on: 'variable', variable: 'nome', op: 'exists' }, next: 'hi' }],
          otherwise: 'bye',
        },
        say('hi', '{{shop}} greets {{nome}}', 'bye'),
        end,
      ]),
    ).toEqual([]);
    // Without onError, a failed call goes on to `next` with nothing saved.
    const unchecked = withSecretHeader('s').map((n) =>
      n.kind === 'http' ? { ...n, onError: undefined } : n,
    );
    expect(problems(unchecked)).toEqual([
      ['sorry', 'Node "sorry": no path from the start node reaches it'],
      ['tell', 'Node "tell": reads {{status}}, which is not set on every path to it'],
    ]);
  });

  it('does not count an answer on the path taken when the retries are spent', () => {
    expect(
      problems([
        {
          id: 'age',
          kind: 'ask',
          prompt: 'Age?',
          variable: 'age',
          input: 'number',
          next: 'bye',
          onInvalid: 'tell',
        },
        { id: 'tell', kind: 'handoff', message: 'Age {{age}} is not valid' },
        end,
      ]),
    ).toEqual([['tell', 'Node "tell": reads {{age}}, which no node before it sets']]);
  });
});

describe('flow validation: node rules', () => {
  it('needs a choice question to have choices, titled within WhatsApp’s limits', () => {
    const ask: NodeInput = {
      id: 'pick',
      kind: 'ask',
      prompt: 'Pick',
      variable: 'pick',
      input: 'choice',
      next: 'bye',
    } as const;
    expect(problems([ask, end])).toEqual([
      ['pick', 'Node "pick": a choice question needs at least one choice'],
    ]);
    const long = { id: 'a', title: 'Twenty-one characters' };
    expect(problems([{ ...ask, choices: [long] }, end])).toEqual([
      [
        'pick',
        'Node "pick": "Twenty-one characters" is longer than 20 characters, WhatsApp\'s limit for a button',
      ],
    ]);
    // Four choices go as a list, whose rows may be 24 characters long.
    const four = ['b', 'c', 'd'].map((id) => ({ id, title: id }));
    expect(problems([{ ...ask, choices: [long, ...four] }, end])).toEqual([]);
    expect(problems([{ ...ask, choices: [...four, { id: 'b', title: 'again' }] }, end])).toEqual([
      ['pick', 'Node "pick": two choices have the id "b"'],
    ]);
  });

  it('keeps message buttons to 20 characters and lists to 10 rows of 24', () => {
    const buttons: NodeInput = {
      id: 'menu',
      kind: 'message',
      content: {
        type: 'buttons',
        text: 'Menu',
        buttons: [{ id: '1', title: 'Twenty-one characters' }],
      },
      next: 'bye',
    } as const;
    expect(problems([buttons, end])).toEqual([
      [
        'menu',
        'Node "menu": "Twenty-one characters" is longer than 20 characters, WhatsApp\'s limit for a button',
      ],
    ]);
    // A stored graph the schema would now refuse is still checked (the rule is re-stated).
    const rows = Array.from({ length: 11 }, (_, i) => ({
      id: `${i}`,
      title: i ? `${i}` : 'x'.repeat(25),
    }));
    const graph = graphOf([{ ...buttons, content: { type: 'text', text: 'x' } }, end]);
    graph.nodes[0] = { ...buttons, content: { type: 'list', text: 'Menu', button: 'Open', rows } };
    expect(validateFlow(graph).map((p) => p.message)).toEqual([
      'Node "menu": at most 10 list rows',
      `Node "menu": "${'x'.repeat(25)}" is longer than 24 characters, WhatsApp's limit for a list row`,
    ]);
  });

  it('needs an http node to call http(s), at a host no variable chooses, with headers set', () => {
    const call = (url: string, headers?: Record<string, string>): NodeInput[] => [
      {
        id: 'ask',
        kind: 'ask',
        prompt: 'Id?',
        variable: 'id',
        input: 'text',
        next: 'call',
      } as const,
      { id: 'call', kind: 'http', method: 'GET', url, headers, next: 'bye' } as const,
      end,
    ];
    expect(problems(call('https://api.example.com/items/{{id}}?q={{id}}'))).toEqual([]);
    expect(problems(call('ftp://files.example.com/{{id}}'))).toEqual([
      ['call', 'Node "call": the URL must start with http:// or https://'],
    ]);
    expect(problems(call('https://{{id}}.example.com/'))).toEqual([
      ['call', 'Node "call": the scheme and host of the URL cannot hold a {{variable}}'],
    ]);
    expect(problems(call('not a url {{id}}'))).toEqual([
      ['call', 'Node "call": "not a url {{id}}" is not a URL'],
    ]);
    expect(
      problems(call('https://api.example.com/', { Authorization: '', 'Bad Name': 'x' })),
    ).toEqual([
      ['call', 'Node "call": the header "Authorization" has no value'],
      ['call', 'Node "call": "Bad Name" is not a valid HTTP header name'],
    ]);
  });
});
