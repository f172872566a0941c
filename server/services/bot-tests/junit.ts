import type { BotTestResult, BotTestRun, Chatbot } from '../../db/schema';

/*
 * A run as JUnit XML, the report CI systems read: one <testsuite> per run (the chatbot), one
 * <testcase> per case with a <failure> listing its failing expectations, an <error> when it
 * could not run, <skipped> when it needs a model that is not configured.
 */

/** Characters XML 1.0 cannot carry at all: control characters but tab and newlines. */
const unrepresentable = (c: string) => {
  const code = c.charCodeAt(0);
  return (
    (code < 0x20 && c !== '\t' && c !== '\n' && c !== '\r') || code === 0xfffe || code === 0xffff
  );
};

const xml = (s: string) =>
  [...s]
    .filter((c) => !unrepresentable(c))
    .join('')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');

const seconds = (ms: number) => (ms / 1000).toFixed(3);

function messagesOf(notes: Record<string, unknown>[]): string[] {
  return notes.map((n) => String(n.message ?? ''));
}

function testcase(chatbot: Chatbot, r: BotTestResult): string {
  const open = `    <testcase name="${xml(r.caseName)}" classname="${xml(`bot-tests.${chatbot.name}`)}" time="${seconds(r.durationMs)}"`;
  if (r.status === 'passed') return `${open}/>`;
  let body: string;
  if (r.status === 'failed') {
    const lines = messagesOf(r.failures);
    body = `      <failure message="${xml(lines[0] ?? 'failed')}" type="expectation">${xml(lines.join('\n'))}</failure>`;
  } else if (r.status === 'error') {
    body = `      <error message="${xml(r.error ?? 'error')}" type="error">${xml(r.error ?? '')}</error>`;
  } else {
    body = `      <skipped message="${xml(r.error ?? 'skipped')}"/>`;
  }
  return `${open}>\n${body}\n    </testcase>`;
}

export function junitXml(chatbot: Chatbot, run: BotTestRun, results: BotTestResult[]): string {
  const suite = `  <testsuite name="${xml(chatbot.name)}" tests="${results.length}" failures="${run.failed}" errors="${run.errored}" skipped="${run.skipped}" time="${seconds(run.durationMs)}" timestamp="${run.createdAt.toISOString()}">`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="bot-tests" tests="${results.length}" failures="${run.failed}" errors="${run.errored}" skipped="${run.skipped}" time="${seconds(run.durationMs)}">`,
    suite,
    ...results.map((r) => testcase(chatbot, r)),
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
