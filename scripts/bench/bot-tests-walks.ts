/**
 * The bot test suite benchmark's cases (scripts/bench/bot-tests-suite.ts): scripted customers
 * walking the demo pizzeria flow (server/demo/pizzeria-flow.ts), each turn also carrying the
 * button's title, so the pipeline baseline can send it as the widget does.
 */

/** A customer's turn: typed text, or a pressed button with the title the widget shows. */
export type Turn = { text: string } | { choice: string; title: string };
export interface Walk {
  name: string;
  turns: Turn[];
  expectations: Record<string, unknown>[];
}

const NAMES = ['Ana', 'Bruno', 'Carla', 'Diego', 'Elisa', 'Fábio', 'Gabi', 'Hugo', 'Iara', 'João'];
const PIZZAS = [
  ['pizza margherita', 'Margherita'],
  ['pizza calabresa', 'Calabresa'],
  ['pizza quatro queijos', 'Quatro queijos'],
  ['pizza portuguesa', 'Portuguesa'],
] as const;

/**
 * Five walks in turn, ten of each: an order by buttons to the payment handoff; the hours then
 * goodbye; the hours then the menu; an order typed, with an answer the list does not know and a
 * change of mind; and a walk whose expectation fails on purpose (a suite with a failing case is
 * the run's usual shape while a flow is being edited).
 */
export function walk(i: number): Walk {
  const nome = `${NAMES[i % NAMES.length]} ${i}`;
  const [pizzaId, pizza] = PIZZAS[i % PIZZAS.length]!;
  const order: Turn[] = [
    { text: nome },
    { choice: pizzaId, title: pizza },
    { choice: 'sim', title: 'Sim' },
  ];
  const paid = [
    { kind: 'handed_off', value: true },
    { kind: 'reached_node', nodeId: 'payment' },
    { kind: 'variable_equals', key: 'nome', value: nome },
    { kind: 'variable_equals', key: 'pedido', value: pizzaId },
    { kind: 'reply_contains', text: `Obrigado, ${nome}` },
  ];
  switch (i % 5) {
    case 0:
      return {
        name: `order ${i} by buttons`,
        turns: [{ text: 'Oi' }, { choice: '1', title: 'Cardápio' }, ...order],
        expectations: [...paid, { kind: 'max_turns', n: 5 }],
      };
    case 1:
      return {
        name: `hours ${i}, then goodbye`,
        turns: [
          { text: 'Oi' },
          { choice: '2', title: 'Horários' },
          { choice: 'nao', title: 'Não, obrigado' },
        ],
        expectations: [
          { kind: 'reply_contains', text: 'das 18h às 23h', turn: 2 },
          { kind: 'reached_node', nodeId: 'bye' },
          { kind: 'handed_off', value: false },
        ],
      };
    case 2:
      return {
        name: `hours ${i}, then the menu`,
        turns: [
          { text: 'Oi' },
          { choice: '2', title: 'Horários' },
          { choice: 'sim', title: 'Ver cardápio' },
          ...order,
        ],
        expectations: [...paid, { kind: 'reply_not_contains', text: 'Até logo' }],
      };
    case 3:
      return {
        name: `order ${i} typed, changed once`,
        turns: [
          { text: 'Oi' },
          { text: 'cardapio' },
          { text: nome },
          { text: 'pizza de abacaxi' },
          { text: pizza },
          { choice: 'nao', title: 'Mudar o pedido' },
          ...order.slice(1),
        ],
        expectations: [
          ...paid,
          { kind: 'reply_contains', text: 'Não encontrei essa pizza', turn: 4 },
        ],
      };
    default:
      return {
        name: `order ${i}, expecting the wrong pizza`,
        turns: [{ text: 'Oi' }, { choice: '1', title: 'Cardápio' }, ...order],
        expectations: [{ kind: 'variable_equals', key: 'pedido', value: 'pizza havaiana' }],
      };
  }
}
/** The turn as a case's script stores it. */
export const scriptTurn = (t: Turn) => ('text' in t ? { text: t.text } : { choice: t.choice });
