import type { BotTestsT } from './case-texts';

/*
 * A run's words are the server's (server/services/bot-tests: expectations.ts, runner.ts,
 * sandbox.ts), stored with the run in English, which the CLI and JUnit print too. The Tests tab
 * reads their fixed wordings and says them in the console's language; quoted values (a reply, a
 * reason, a model's verdict) stay as they were. A wording not known here is shown as it came.
 */

type Rule = [RegExp, (t: BotTestsT, m: RegExpExecArray) => string];
const NO_MODEL = 'no model is configured (OPENAI_API_KEY)';
const n = (s: string | undefined) => Number(s);

const RULES: Rule[] = [
  // A failing expectation (expectations.ts `check`).
  [
    /^turn (\d+): the bot did not answer it \(the conversation had (\d+) turns\)$/,
    (t, m) => t('run.turnNotAnswered', { turn: n(m[1]), turns: n(m[2]) }),
  ],
  [
    /^turn (\d+): the reply does not contain '(.*)'$/s,
    (t, m) => t('run.turnLacks', { turn: n(m[1]), text: m[2] }),
  ],
  [/^no reply contains '(.*)'$/s, (t, m) => t('run.noReplyContains', { text: m[1] })],
  [
    /^turn (\d+): the reply contains '(.*)': '(.*)'$/s,
    (t, m) => t('run.turnContains', { turn: n(m[1]), text: m[2], found: m[3] }),
  ],
  [
    /^a reply contains '(.*)': '(.*)'$/s,
    (t, m) => t('run.replyContains', { text: m[1], found: m[2] }),
  ],
  [
    /^variable (\S+) was never set, expected '(.*)'$/s,
    (t, m) => t('run.variableUnset', { key: m[1], value: m[2] }),
  ],
  [
    /^variable (\S+) is '(.*)', expected '(.*)'$/s,
    (t, m) => t('run.variableIs', { key: m[1], actual: m[2], value: m[3] }),
  ],
  [
    /^the flow never reached node (.+) \(it stopped at: (.*)\)$/s,
    (t, m) =>
      t('run.nodeNotReached', {
        nodeId: m[1],
        nodes: m[2] === 'no node' ? t('run.noNode') : m[2],
      }),
  ],
  [/^the bot did not hand off$/, (t) => t('run.noHandoff')],
  [/^the bot handed off: (.*)$/s, (t, m) => t('run.handedOff', { reason: m[1] })],
  [
    /^article (.+) was not cited \(no reply cited an article\)$/s,
    (t, m) => t('run.notCitedNone', { article: m[1] }),
  ],
  [
    /^article (.+) was not cited \(cited: (.*)\)$/s,
    (t, m) => t('run.notCited', { article: m[1], titles: m[2] }),
  ],
  [
    /^the conversation took (\d+) turns, at most (\d+) expected$/,
    (t, m) => t('run.tooManyTurns', { turns: n(m[1]), max: n(m[2]) }),
  ],
  // The runner's (runner.ts).
  [/^the judge says no: (.*)$/s, (t, m) => t('run.judgeSaysNo', { reason: m[1] })],
  [new RegExp(`^not judged: ${literal(NO_MODEL)}$`), (t) => t('run.notJudged')],
  [new RegExp(`^${literal(NO_MODEL)}$`), (t) => t('run.noModel')],
  [new RegExp(`^Simulated customer not run: ${literal(NO_MODEL)}$`), (t) => t('run.notSimulated')],
  [/^The stored case is not a valid test case$/, (t) => t('run.invalidCase')],
  // What the sandbox did instead of the real thing (sandbox.ts).
  [
    /^The bot no longer answers: the conversation is with people or ended\.$/,
    (t) => t('run.closed'),
  ],
  [/^The flow ended the conversation\.$/, (t) => t('run.flowEnded')],
  [/^The chatbot's AI is off and no flow answers: no reply\.$/, (t) => t('run.aiOff')],
  [
    /^HTTP node (\S+) not called \((.*)\): the case does not allow HTTP, so the flow took its error branch\.$/s,
    (t, m) => t('run.httpNotCalled', { id: m[1], request: m[2] }),
  ],
  [
    /^HTTP node (\S+) called: (ok|failed)\.$/,
    (t, m) => t(m[2] === 'ok' ? 'run.httpOk' : 'run.httpFailed', { id: m[1] }),
  ],
  [
    /^Custom tools not offered to the model: the case does not allow HTTP\.$/,
    (t) => t('run.toolsOff'),
  ],
  [
    /^Custom tool (.+) called: (.*)\.$/s,
    (t, m) => t('run.toolCalled', { tool: m[1], status: m[2] }),
  ],
  [/^Handed off to people: (.*)\.$/s, (t, m) => t('run.handoffNote', { reason: m[1] })],
];

function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A failure's, a skip's, an error's or a sandbox note's words in the console's language. */
export function runText(t: BotTestsT, message: string): string {
  for (const [pattern, say] of RULES) {
    const m = pattern.exec(message);
    if (m) return say(t, m);
  }
  return message;
}
