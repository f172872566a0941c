import { parseCrontab } from 'graphile-worker';
import { describe, expect, it } from 'vitest';
import { sql } from '../server/db/client';
import { crontab, taskList } from '../server/jobs/worker';
import { type TaskName, taskNames } from '../server/queue/tasks';

/**
 * The SQL functions enqueue jobs by name, out of the type checker's sight: these tests read the
 * migrated database's function bodies and hold every task name they enqueue to the catalogue
 * (server/queue/tasks.ts) and to the tasks the worker runs.
 */

interface SqlFunction {
  name: string;
  /** The names of its input arguments, in order. */
  args: string[];
  body: string;
}

/** Where a task name is read: the enqueueing functions and the argument naming the task. */
interface TaskArgument {
  fn: string;
  index: number;
  name: string;
}

/** graphile-worker's add_job and our enqueue_job: task first, job key sixth. */
const ENQUEUERS: TaskArgument[] = [
  { fn: 'add_job', index: 0, name: 'identifier' },
  { fn: 'enqueue_job', index: 0, name: 'p_task' },
];
const JOB_KEY = { index: 5, names: ['job_key', 'p_job_key'] };

/** A body with comments blanked out (string literals kept), so a call in a comment is none. */
function withoutComments(body: string): string {
  return body.replace(/'(?:[^']|'')*'|--[^\n]*|\/\*[\s\S]*?\*\//g, (m) =>
    m.startsWith("'") ? m : ' '.repeat(m.length),
  );
}

/** The arguments of the call whose '(' is at `open`, split at top-level commas. */
function callArguments(body: string, open: number): string[] {
  const args: string[] = [];
  let depth = 0;
  let start = open + 1;
  for (let i = open; i < body.length; i++) {
    const ch = body[i];
    if (ch === "'") {
      // To the literal's closing quote ('' is a quote inside it).
      do i = body.indexOf("'", i + 1);
      while (i > 0 && body[i + 1] === "'" && ++i);
      if (i < 0) break;
    } else if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0) {
      args.push(body.slice(start, i).trim());
      return args;
    } else if (ch === ',' && depth === 1) {
      args.push(body.slice(start, i).trim());
      start = i + 1;
    }
  }
  throw new Error(`unbalanced call at ${body.slice(open, open + 60)}`);
}

/** The argument at `index`, or the one passed by name (`name => x`, `name := x`). */
function argument(args: string[], index: number, names: string[]): string | undefined {
  for (const a of args) {
    const named = /^(\w+)\s*(?:=>|:=)\s*([\s\S]*)$/.exec(a);
    if (named && names.includes(named[1]!)) return named[2]!.trim();
  }
  const positional = args[index];
  return positional && !/^\w+\s*(?:=>|:=)/.test(positional) ? positional : undefined;
}

const literal = (expr: string) => /^'((?:[^']|'')*)'(?:::text)?$/.exec(expr)?.[1];

interface Enqueued {
  /** Task names written as literals, with the function that writes each. */
  names: { task: string; in: string }[];
  /** Job keys built as '<prefix>' || …, with their task. */
  keyPrefixes: { task: string; prefix: string; in: string }[];
  /** Task arguments that are neither a literal, NULL, nor the function's own argument. */
  unread: string[];
}

/**
 * Every task name the functions enqueue. A function that passes one of its own arguments as the
 * task (write_message's p_job_task) enqueues, in turn, whatever its callers pass there.
 */
function enqueuedTasks(functions: SqlFunction[]): Enqueued {
  const found: Enqueued = { names: [], keyPrefixes: [], unread: [] };
  const readers = [...ENQUEUERS];
  for (let k = 0; k < readers.length; k++) {
    const reader = readers[k]!;
    const call = new RegExp(`(?<![\\w$])(?:\\w+\\.)?${reader.fn}\\s*\\(`, 'g');
    for (const f of functions) {
      const body = withoutComments(f.body);
      for (const m of body.matchAll(call)) {
        const args = callArguments(body, m.index + m[0].length - 1);
        const task = argument(args, reader.index, [reader.name]);
        const name = task === undefined ? undefined : literal(task);
        if (name !== undefined) found.names.push({ task: name, in: f.name });
        else if (task !== undefined && /^null$/i.test(task)) continue;
        else if (task !== undefined && f.args.includes(task)) {
          const forwarded = { fn: f.name, index: f.args.indexOf(task), name: task };
          if (!readers.some((r) => r.fn === forwarded.fn && r.index === forwarded.index))
            readers.push(forwarded);
        } else found.unread.push(`${f.name}: ${m[0]}${args.join(', ')})`);
        if (name === undefined || !ENQUEUERS.includes(reader)) continue;
        const key = argument(args, JOB_KEY.index, JOB_KEY.names);
        const prefix = key === undefined ? undefined : /^'([^']*)'\s*\|\|/.exec(key)?.[1];
        if (prefix !== undefined) found.keyPrefixes.push({ task: name, prefix, in: f.name });
      }
    }
  }
  // add_jobs takes an array of job specs, which this reading does not follow.
  for (const f of functions)
    if (/(?<![\w$])(?:\w+\.)?add_jobs\s*\(/.test(withoutComments(f.body)))
      found.unread.push(`${f.name}: add_jobs(…)`);
  return found;
}

type Query = typeof sql;

/** Our PL/pgSQL and SQL functions (pg_trgm's, an extension's, are not ours). */
async function databaseFunctions(q: Query): Promise<SqlFunction[]> {
  const rows = await q<
    { name: string; args: string[] | null; modes: string[] | null; body: string }[]
  >`
    select p.proname as name, p.proargnames as args, p.proargmodes::text[] as modes,
      p.prosrc as body
    from pg_proc p
    join pg_namespace n on n.oid = p.pronamespace
    join pg_language l on l.oid = p.prolang
    where n.nspname = 'public' and l.lanname in ('plpgsql', 'sql')
      and not exists (select 1 from pg_depend d where d.objid = p.oid and d.deptype = 'e')`;
  return rows.map((r) => ({
    name: r.name,
    args: (r.args ?? []).filter((_, i) => !r.modes || ['i', 'b', 'v'].includes(r.modes[i]!)),
    body: r.body,
  }));
}

/** What is wrong with the functions' task names: empty when they all are catalogued and run. */
function mismatches({ names, keyPrefixes, unread }: Enqueued) {
  const catalogued = new Set<string>(taskNames);
  const run = new Set(Object.keys(taskList));
  return {
    notCatalogued: names.filter((n) => !catalogued.has(n.task)),
    notRun: names.filter((n) => !run.has(n.task)),
    keysNotOfTheirTask: keyPrefixes.filter((k) => k.prefix !== `${k.task}:`),
    unread,
  };
}

const NONE = { notCatalogued: [], notRun: [], keysNotOfTheirTask: [], unread: [] };

describe('the task catalogue and the SQL that enqueues', () => {
  it('has every task name the database functions enqueue, each one run by the worker', async () => {
    const found = enqueuedTasks(await databaseFunctions(sql));
    // The reading finds the functions' jobs at all: write_message's own (a name passed through
    // a function's argument is read too: the probe below).
    expect(found.names).toContainEqual({ task: 'window-closed', in: 'write_message' });
    expect(found.keyPrefixes).toContainEqual({
      task: 'window-closed',
      prefix: 'window-closed:',
      in: 'write_message',
    });
    expect(mismatches(found)).toEqual(NONE);
  });

  it('tells a misspelt task name, one passed through a function, and a key of another task', async () => {
    const conn = await sql.reserve();
    try {
      await conn`begin`;
      await conn.unsafe(`
        create function catalogue_probe(p_task text) returns void language plpgsql as $$
        begin
          -- enqueue_job('commented-out', '{}'::json, null, null, 1, null);
          perform enqueue_job(p_task, '{}'::json, null, null, 1, null);
          perform graphile_worker.add_job('window-closed', '{}'::json,
            job_key => 'outgoing-message:' || 1);
        end $$;
        create function catalogue_probe_caller() returns void language plpgsql as $$
        begin
          perform catalogue_probe('incoming-mesage');
          perform enqueue_job(format('%s', 'x'), '{}'::json, null, null, 1, null);
        end $$;`);
      const found = enqueuedTasks(await databaseFunctions(conn as unknown as Query));
      const problems = mismatches(found);
      expect(problems.notCatalogued).toEqual([
        { task: 'incoming-mesage', in: 'catalogue_probe_caller' },
      ]);
      expect(problems.notRun).toEqual(problems.notCatalogued);
      expect(problems.keysNotOfTheirTask).toEqual([
        { task: 'window-closed', prefix: 'outgoing-message:', in: 'catalogue_probe' },
      ]);
      expect(problems.unread).toEqual([
        expect.stringMatching(/^catalogue_probe_caller: enqueue_job\(format/),
      ]);
    } finally {
      await conn`rollback`;
      conn.release();
    }
  });

  it('runs every catalogued task, and schedules only catalogued ones', () => {
    expect(Object.keys(taskList).sort()).toEqual([...taskNames].sort());
    const scheduled = parseCrontab(crontab).map((item) => item.task);
    expect(scheduled.length).toBeGreaterThan(0);
    expect(scheduled.filter((t) => !taskNames.includes(t as TaskName))).toEqual([]);
  });
});
