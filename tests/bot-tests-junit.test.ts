import { describe, expect, it } from 'vitest';
import type { BotTestResult, BotTestRun, Chatbot } from '../server/db/schema';
import { junitXml } from '../server/services/bot-tests/junit';
import { elementsNamed, parseXml } from './helpers/xml';

// The JUnit report CI reads (issue 21): names and messages are customers' and admins' words,
// so whatever they hold, the file stays well-formed XML and says them back.

const chatbot = { id: 1, name: 'Pizzaria <Bella> & "Co"' } as Chatbot;
const run = {
  id: 7,
  passed: 1,
  failed: 1,
  errored: 1,
  skipped: 1,
  durationMs: 1234,
  createdAt: new Date('2026-12-01T10:00:00Z'),
} as BotTestRun;

const result = (caseName: string, status: string, extra: Partial<BotTestResult> = {}) =>
  ({
    caseName,
    status,
    durationMs: 12,
    failures: [],
    skips: [],
    error: null,
    ...extra,
  }) as unknown as BotTestResult;

describe('junitXml', () => {
  it('escapes <&"\' and drops control characters XML cannot carry, in names and messages', () => {
    const xml = junitXml(chatbot, run, [
      result('orders <two> & "pays"\u0007 later', 'failed', {
        failures: [
          { message: "turn 2: the reply does not contain '<b>&'" },
          { message: 'variable nome is \u001bAna, expected "Bob"' },
        ],
      }),
      result('greets', 'passed'),
      result('crashes', 'error', { error: 'sandbox: <boom> & \u0000' }),
      result('judged', 'skipped', { error: 'no model is configured (OPENAI_API_KEY)' }),
    ]);
    const root = parseXml(xml);
    expect(root.attrs).toMatchObject({ tests: '4', failures: '1', errors: '1', skipped: '1' });
    const [suite] = elementsNamed(root, 'testsuite');
    expect(suite!.attrs).toMatchObject({ name: 'Pizzaria <Bella> & "Co"', time: '1.234' });
    const cases = elementsNamed(root, 'testcase');
    expect(cases.map((c) => c.attrs.name)).toEqual([
      'orders <two> & "pays" later',
      'greets',
      'crashes',
      'judged',
    ]);
    expect(cases[0]!.attrs.classname).toBe('bot-tests.Pizzaria <Bella> & "Co"');
    const [failure] = elementsNamed(cases[0]!, 'failure');
    expect(failure!.attrs.message).toBe("turn 2: the reply does not contain '<b>&'");
    expect(failure!.text).toBe(
      'turn 2: the reply does not contain \'<b>&\'\nvariable nome is Ana, expected "Bob"',
    );
    expect(cases[1]!.children).toEqual([]);
    expect(elementsNamed(cases[2]!, 'error')[0]!.attrs.message).toBe('sandbox: <boom> & ');
    expect(elementsNamed(cases[3]!, 'skipped')[0]!.attrs.message).toMatch(/no model/);
  });

  it('the reader rejects what a real parser would', () => {
    expect(() => parseXml('<a name="x<y"/>')).toThrow(/raw '<'/);
    expect(() => parseXml('<a>fish & chips</a>')).toThrow(/unterminated '&'/);
    expect(() => parseXml('<a>\u0007</a>')).toThrow(/cannot carry/);
    expect(() => parseXml('<a><b></a>')).toThrow(/<\/b> expected/);
    expect(() => parseXml('<a x="1" x="2"/>')).toThrow(/repeated/);
  });
});
