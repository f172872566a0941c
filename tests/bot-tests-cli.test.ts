import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { desc, eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { parseBotTestArgs } from '../server/cli/bot-test-options';
import { databaseUrlOf, NoDatabase } from '../server/cli/database';
import { db } from '../server/db/client';
import { botTestRuns, chatbots } from '../server/db/schema';
import { createCase } from '../server/services/bot-tests/cases';
import { makeChatbot } from './factories/chatbot';
import { namedGreeting, saveFlow } from './factories/flow';
import { makeWorkspace } from './factories/workspace';
import { actorOf } from './helpers/auth';
import { elementsNamed, parseXml } from './helpers/xml';
import { databaseUrl } from './setup/per-file';

// `npm run bot:test` (issue 21): the suite run from the command line as CI runs it, a child
// process against this file's database, judged by its exit code, its lines and its JUnit file.

const dir = await mkdtemp(path.join(tmpdir(), 'bot-test-cli-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], env: NodeJS.ProcessEnv = { DATABASE_URL: databaseUrl }) {
  return new Promise<Outcome>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli/bot-test.ts', ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A flow chatbot with two cases on the named greeting: one holds, one expects the wrong name. */
async function botWithSuite() {
  const { admin } = await makeWorkspace();
  const bot = await makeChatbot(admin, { aiEnabled: false, name: 'Greeter' });
  await saveFlow(admin, bot.id, namedGreeting());
  const actor = actorOf(admin);
  const script = { kind: 'scripted' as const, turns: [{ text: 'oi' }, { text: 'Ana' }] };
  const good = await createCase(actor, bot.id, {
    name: 'greets Ana',
    script,
    expectations: [
      { kind: 'reply_contains', text: 'Hi Ana!', turn: 2 },
      { kind: 'variable_equals', key: 'nome', value: 'Ana' },
    ],
  });
  const bad = await createCase(actor, bot.id, {
    name: 'greets Bob',
    script,
    expectations: [{ kind: 'variable_equals', key: 'nome', value: 'Bob' }],
  });
  const [row] = await db.select().from(chatbots).where(eq(chatbots.uuid, bot.id));
  return { bot: row!, good, bad };
}

describe('npm run bot:test', () => {
  it('runs the suite, prints a line per case, writes JUnit, stores the run, exits 1 on a failure', async () => {
    const { bot } = await botWithSuite();
    const junit = path.join(dir, 'report.xml');
    const out = await cli(['--chatbot', bot.uuid, '--junit', junit]);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(1);
    const lines = out.stdout.trimEnd().split('\n');
    expect(lines.slice(0, 4)).toEqual([
      'Bot tests of Greeter (draft)',
      'PASS  greets Ana',
      'FAIL  greets Bob',
      "      - variable nome is 'Ana', expected 'Bob'",
    ]);
    expect(lines[4]).toMatch(/^2 cases: 1 passed, 1 failed, 0 errored, 0 skipped \(\d+ ms, run /);

    const root = parseXml(await readFile(junit, 'utf8'));
    expect(root.attrs).toMatchObject({ tests: '2', failures: '1', errors: '0' });
    const [passed, failed] = elementsNamed(root, 'testcase');
    expect(passed!.attrs.name).toBe('greets Ana');
    expect(elementsNamed(passed!, 'failure')).toEqual([]);
    expect(elementsNamed(failed!, 'failure')[0]!.attrs.message).toBe(
      "variable nome is 'Ana', expected 'Bob'",
    );

    const [run] = await db
      .select()
      .from(botTestRuns)
      .where(eq(botTestRuns.chatbotId, bot.id))
      .orderBy(desc(botTestRuns.id));
    expect(run).toMatchObject({ source: 'cli', startedBy: null, passed: 1, failed: 1 });
    expect(lines[4]).toContain(run!.uuid);
  });

  it('exits 0 when every case run passes; the chatbot by numeric id, the cases by --case', async () => {
    const { bot, good } = await botWithSuite();
    const out = await cli(['--chatbot', String(bot.id), '--case', good.uuid]);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('PASS  greets Ana');
    expect(out.stdout).not.toContain('greets Bob');
  });

  it('exits 2 with a message on stderr for a usage error, an unknown chatbot or case', async () => {
    const { bot } = await botWithSuite();
    const cases: [string[], RegExp][] = [
      [['--chatbot', bot.uuid, '--verbose'], /unknown argument '--verbose'/],
      [['--junit', 'x.xml'], /--chatbot is required/],
      [['--chatbot'], /--chatbot needs a value/],
      [['--chatbot', '999999'], /chatbot '999999' not found/],
      [['--chatbot', 'pizza'], /chatbot 'pizza' not found/],
      [['--chatbot', bot.uuid, '--case', '999999'], /Test case not found/],
    ];
    for (const [args, message] of cases) {
      const out = await cli(args);
      expect(out.code, args.join(' ')).toBe(2);
      expect(out.stderr).toMatch(message);
      expect(out.stdout).toBe('');
    }
  });

  it('exits 2 asking to start the product when no database is configured or running', async () => {
    const out = await cli(['--chatbot', '1'], { DATABASE_URL: '', DATA_DIR: dir });
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/start the product first \(npm start\) or set DATABASE_URL/);
  });
});

describe('the command line, parsed', () => {
  it('takes --flag value and --flag=value, repeats --case, refuses the rest', () => {
    expect(
      parseBotTestArgs(['--chatbot', '12', '--case', 'a', '--case=b', '--junit=r.xml']),
    ).toEqual({ chatbot: '12', junit: 'r.xml', caseIds: ['a', 'b'] });
    expect(parseBotTestArgs(['--chatbot', '--junit', 'r.xml'])).toEqual({
      error: '--chatbot needs a value',
    });
    expect(parseBotTestArgs(['--chatbot', '1', '--chatbot', '2'])).toEqual({
      error: '--chatbot given twice',
    });
    expect(parseBotTestArgs(['12'])).toEqual({ error: "unknown argument '12'" });
  });
});

describe('the embedded database, found', () => {
  const settings = (dataDir: string) => ({
    DATABASE_URL: undefined,
    dataDir,
    EMBEDDED_PG_PORT: 54329,
  });

  it('reads the running postmaster port and the stored password', async () => {
    const data = await mkdtemp(path.join(dir, 'data-'));
    await import('node:fs/promises').then((fs) => fs.mkdir(path.join(data, 'pg')));
    // This process stands in for a live postmaster; the port is the one it runs on.
    await writeFile(
      path.join(data, 'pg', 'postmaster.pid'),
      `${process.pid}\n${data}/pg\n1\n55001\n`,
    );
    await writeFile(path.join(data, 'pg-password'), 'p@ss/word\n');
    expect(databaseUrlOf(settings(data))).toBe(
      'postgres://postgres:p%40ss%2Fword@127.0.0.1:55001/postgres',
    );
    expect(databaseUrlOf({ ...settings(data), DATABASE_URL: 'postgres://elsewhere/db' })).toBe(
      'postgres://elsewhere/db',
    );
  });

  it('refuses a data dir whose postmaster is gone', async () => {
    const data = await mkdtemp(path.join(dir, 'data-'));
    await import('node:fs/promises').then((fs) => fs.mkdir(path.join(data, 'pg')));
    await writeFile(path.join(data, 'pg', 'postmaster.pid'), '2147483646\n/x\n1\n55001\n');
    await writeFile(path.join(data, 'pg-password'), 'pw');
    expect(() => databaseUrlOf(settings(data))).toThrow(NoDatabase);
    expect(() => databaseUrlOf(settings(path.join(dir, 'nothing')))).toThrow(
      /start the product first/,
    );
  });
});
