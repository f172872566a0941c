import type { TFunction } from 'i18next';
import type { core } from 'zod';
import type { BotTestsT } from '../bot-tests/case-texts';
import { runText } from '../bot-tests/run-texts';

/*
 * The editor's words for what the shared code says in English. The zod schema (`FlowNode`) and
 * the validator (shared/flow-validate.ts) are the server's too, and the server keeps its English:
 * zod's issues are translated by their code, the validator's problems by their (fixed) wording,
 * which is all the server sends back with a refused publish. A message not known here is shown
 * as it came.
 */

export type FlowsT = TFunction<'flows'>;

/** A way out of a node, as `outFields` names it. */
export type OutName = 'next' | 'nextAnswered' | 'onInvalid' | 'onError' | 'branch' | 'otherwise';
export const outLabel = (t: FlowsT, out: { name: OutName; branch?: number }) =>
  out.name === 'branch' ? t('outs.branch', { n: out.branch }) : t(`outs.${out.name}`);

const NODE_ID_PATTERN = String(/^[A-Za-z0-9_-]+$/);

/** One zod issue of a node's field, in the console's language. */
export function zodIssueText(t: FlowsT, issue: core.$ZodIssue): string {
  switch (issue.code) {
    case 'too_small': {
      const count = Number(issue.minimum);
      if (issue.origin === 'string')
        return count <= 1 ? t('fieldErrors.required') : t('fieldErrors.tooShort', { count });
      if (issue.origin === 'array') return t('fieldErrors.tooFew', { count });
      return t('fieldErrors.tooSmall', { min: count });
    }
    case 'too_big': {
      const count = Number(issue.maximum);
      if (issue.origin === 'string') return t('fieldErrors.tooLong', { count });
      if (issue.origin === 'array') return t('fieldErrors.tooMany', { count });
      return t('fieldErrors.tooBig', { max: count });
    }
    case 'invalid_type':
      // zod leaves the input out of its issues; its message says what it received.
      if (/received undefined$/.test(issue.message)) return t('fieldErrors.required');
      if (issue.expected === 'int') return t('fieldErrors.whole');
      if (issue.expected === 'number') return t('fieldErrors.number');
      return t('fieldErrors.invalid');
    case 'invalid_format':
      if (issue.format === 'url') return t('fieldErrors.url');
      if (issue.format === 'regex')
        return issue.pattern === NODE_ID_PATTERN
          ? t('fieldErrors.nodeId')
          : t('fieldErrors.variable');
      return t('fieldErrors.invalid');
    case 'invalid_value':
      return t('fieldErrors.option');
    default:
      return t('fieldErrors.invalid');
  }
}

/** The validator's name of a way out ("next", "branch 2"), in the console's words. */
function fieldName(t: FlowsT, field: string): string {
  const branch = /^branch (\d+)$/.exec(field);
  if (branch) return t('validator.fields.branch', { n: Number(branch[1]) });
  if (field === 'next' || field === 'onInvalid' || field === 'onError' || field === 'otherwise')
    return t(`validator.fields.${field}`);
  return field;
}

type Rule = [RegExp, (t: FlowsT, m: RegExpExecArray) => string];
const braces = (variable: string) => `{{${variable}}}`;

/** The validator's wordings after `Node "<id>": `, each with the key that says it here. */
const NODE_RULES: Rule[] = [
  [
    /^(\d+) nodes have this id; each node needs its own$/,
    (t, m) => t('validator.duplicateId', { count: Number(m[1]) }),
  ],
  [
    /^its (.+) goes to "(.*)", which is not a node$/,
    (t, m) => t('validator.edgeToNowhere', { out: fieldName(t, m[1]!), to: m[2] }),
  ],
  [/^no path from the start node reaches it$/, (t) => t('validator.unreachable')],
  [
    /^the flow stops here; give it a next node, or end the path with an end or handoff node$/,
    (t) => t('validator.deadEnd'),
  ],
  [
    /^loops through (.+) without waiting for the customer; add an ask or ai node to the loop, or leave it$/,
    (t, m) => t('validator.busyLoop', { nodes: m[1] }),
  ],
  [/^two choices have the id "(.*)"$/, (t, m) => t('validator.duplicateChoice', { id: m[1] })],
  [
    /^"(.*)" is longer than (\d+) characters, WhatsApp's limit for (a button|a list row)$/,
    (t, m) =>
      t(m[3] === 'a button' ? 'validator.buttonTitleTooLong' : 'validator.rowTitleTooLong', {
        title: m[1],
        max: Number(m[2]),
      }),
  ],
  [/^at most (\d+) buttons$/, (t, m) => t('validator.maxButtons', { max: Number(m[1]) })],
  [/^at most (\d+) list rows$/, (t, m) => t('validator.maxRows', { max: Number(m[1]) })],
  [/^a choice question needs at least one choice$/, (t) => t('validator.noChoices')],
  [
    /^the scheme and host of the URL cannot hold a \{\{variable\}\}$/,
    (t) => t('validator.urlHostPlaceholder', { placeholder: braces('variable') }),
  ],
  [/^"(.*)" is not a URL$/s, (t, m) => t('validator.notUrl', { url: m[1] })],
  [/^the URL must start with http:\/\/ or https:\/\/$/, (t) => t('validator.urlScheme')],
  [/^put credentials in a header, not in the URL$/, (t) => t('validator.urlCredentials')],
  [/^"(.*)" is not a valid HTTP header name$/, (t, m) => t('validator.headerName', { name: m[1] })],
  [
    /^the header "(.*)" is set by the server$/,
    (t, m) => t('validator.headerReserved', { name: m[1] }),
  ],
  [/^the header "(.*)" is given twice$/, (t, m) => t('validator.headerTwice', { name: m[1] })],
  [/^the header "(.*)" has no value$/, (t, m) => t('validator.headerEmpty', { name: m[1] })],
  [
    /^the value of the header "(.*)" must be one line$/,
    (t, m) => t('validator.headerOneLine', { name: m[1] }),
  ],
  [
    /^reads \{\{(.+)\}\}, which is not set on every path to it$/,
    (t, m) => t('validator.readsMaybe', { placeholder: braces(m[1]!) }),
  ],
  [
    /^reads \{\{(.+)\}\}, which no node before it sets$/,
    (t, m) => t('validator.readsUnset', { placeholder: braces(m[1]!) }),
  ],
];

/** A problem the shared validator (here, or the server's on a refused publish) words in English. */
export function problemText(t: FlowsT, message: string): string {
  const start = /^The start node "(.*)" is not a node of the flow$/.exec(message);
  if (start) return t('validator.startMissing', { id: start[1] });
  const node = /^Node "([^"]*)": (.*)$/s.exec(message);
  if (!node) return message;
  const rest = node[2]!;
  for (const [pattern, say] of NODE_RULES) {
    const m = pattern.exec(rest);
    if (m) return t('problems.node', { id: node[1], problem: say(t, m) });
  }
  return message;
}

/** One failing case of a gate's refusal, `name: failure; failure`, its failures translated. */
function gateLine(tb: BotTestsT, line: string): string {
  // A case's name may hold ": " too: the split whose rest reads as the most known failures wins.
  let best = { known: 0, text: line };
  for (let i = line.indexOf(': '); i >= 0; i = line.indexOf(': ', i + 1)) {
    const parts = line.slice(i + 2).split('; ');
    const said = parts.map((p) => runText(tb, p));
    const known = said.filter((s, j) => s !== parts[j]).length;
    if (known > best.known) best = { known, text: `${line.slice(0, i)}: ${said.join('; ')}` };
  }
  return best.text;
}

/**
 * A publish the test suite refused (server/services/bot-tests/publish-gate.ts words it, each
 * failing case with its failures); any other error's message as it came.
 */
export function publishRefusalText(t: FlowsT, tb: BotTestsT, message: string): string {
  if (message === 'Publishing requires the test suite to pass, and this chatbot has no test case')
    return t('gate.noCases');
  const m = /^Publishing requires the test suite to pass; (\d+) of (\d+) cases fail: (.*)$/s.exec(
    message,
  );
  if (!m) return message;
  const lines = m[3]!.split(' | ').map((line) => gateLine(tb, line));
  return t('gate.failing', {
    failing: Number(m[1]),
    total: Number(m[2]),
    lines: lines.join(' | '),
  });
}
