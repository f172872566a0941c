import type { RunDetail } from '../services/bot-tests/runs';

/*
 * The command line of `npm run bot:test` and the lines it prints, kept free of I/O so the
 * parsing and the report are unit-tested without a database or a process.
 */

export interface BotTestOptions {
  /** The chatbot's numeric id or uuid. */
  chatbot: string;
  /** Where the JUnit XML goes; none when not asked. */
  junit?: string;
  /** Only these cases (ids or uuids); every case of the suite when empty. */
  caseIds: string[];
}

export const USAGE =
  'usage: npm run bot:test -- --chatbot <id-or-uuid> [--junit <file>] [--case <id>]...';

/** The options, or the usage error to print (exit code 2). */
export function parseBotTestArgs(argv: string[]): BotTestOptions | { error: string } {
  let chatbot: string | undefined;
  let junit: string | undefined;
  const caseIds: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    // --flag=value and --flag value are both what people type.
    const eq = arg.indexOf('=');
    const flag = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const inline = flag === arg ? undefined : arg.slice(eq + 1);
    if (flag !== '--chatbot' && flag !== '--junit' && flag !== '--case')
      return { error: `unknown argument '${arg}'` };
    const value = inline ?? argv[++i];
    if (
      value === undefined ||
      value.trim() === '' ||
      (inline === undefined && value.startsWith('--'))
    )
      return { error: `${flag} needs a value` };
    if (flag === '--chatbot') {
      if (chatbot !== undefined) return { error: '--chatbot given twice' };
      chatbot = value.trim();
    } else if (flag === '--junit') {
      if (junit !== undefined) return { error: '--junit given twice' };
      junit = value;
    } else caseIds.push(value.trim());
  }
  if (chatbot === undefined) return { error: '--chatbot is required' };
  return { chatbot, junit, caseIds };
}

const LABEL = { passed: 'PASS', failed: 'FAIL', error: 'ERROR', skipped: 'SKIP' } as const;

const messagesOf = (notes: Record<string, unknown>[]) => notes.map((n) => String(n.message ?? ''));

/** One line per case, its failing expectations (or error, or skip reason) indented below. */
export function reportLines(detail: RunDetail): string[] {
  const lines: string[] = [];
  for (const r of detail.results) {
    const status = r.status as keyof typeof LABEL;
    lines.push(`${(LABEL[status] ?? status.toUpperCase()).padEnd(5)} ${r.caseName}`);
    const notes =
      status === 'failed'
        ? messagesOf(r.failures)
        : status === 'error' || status === 'skipped'
          ? [r.error ?? '']
          : [];
    for (const note of notes) lines.push(`      - ${note}`);
  }
  const { run } = detail;
  lines.push(
    `${detail.results.length} cases: ${run.passed} passed, ${run.failed} failed, ${run.errored} errored, ${run.skipped} skipped (${run.durationMs} ms, run ${run.uuid})`,
  );
  return lines;
}

/** 0 when every case passed or was skipped, 1 when any failed or errored. */
export const exitCodeOf = (detail: RunDetail) =>
  detail.run.failed + detail.run.errored > 0 ? 1 : 0;
