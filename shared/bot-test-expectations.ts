/**
 * A bot test case's expectation as the server stores it (server/services/bot-tests/
 * definitions.ts validates it with zod) and the console edits it, and the words both use to
 * name one: JUnit's test names, the CLI's lines and the Tests tab's lists read alike.
 */
export type Expectation =
  | { kind: 'reply_contains' | 'reply_not_contains'; text: string; turn?: number }
  | { kind: 'variable_equals'; key: string; value: string }
  | { kind: 'reached_node'; nodeId: string }
  | { kind: 'handed_off'; value: boolean }
  | { kind: 'cited_article'; article: string }
  | { kind: 'max_turns'; n: number }
  | { kind: 'judge'; criterion: string };

/** The readable name of an expectation. */
export function describeExpectation(e: Expectation): string {
  const on = (turn?: number) => (turn ? ` on turn ${turn}` : '');
  switch (e.kind) {
    case 'reply_contains':
      return `a reply contains '${e.text}'${on(e.turn)}`;
    case 'reply_not_contains':
      return `no reply contains '${e.text}'${on(e.turn)}`;
    case 'variable_equals':
      return `variable ${e.key} is '${e.value}'`;
    case 'reached_node':
      return `the flow reached node ${e.nodeId}`;
    case 'handed_off':
      return e.value ? 'the bot handed off' : 'the bot did not hand off';
    case 'cited_article':
      return `article ${e.article} was cited`;
    case 'max_turns':
      return `at most ${e.n} turns`;
    case 'judge':
      return `judged: ${e.criterion}`;
  }
}
