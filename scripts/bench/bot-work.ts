/**
 * What the bot still has to do, read from the database, so a benchmark knows when the bot has
 * caught up. Since issue 19 a message the bot must answer opens (or joins) a row of `bot_turns`,
 * deleted with the reply, and only a reply to a third-party channel still goes through an
 * `outgoing-message` job. Before it, the answering was jobs (`incoming-message`, `ai-reply`,
 * `outgoing-message`). The benchmarks measure both, so each check looks for the table first.
 */
import type postgres from 'postgres';

/** The tasks that answered a message before `bot_turns`. */
export const ANSWER_TASKS = ['incoming-message', 'ai-reply', 'outgoing-message'];

/** Whether this database keeps the bot's work in `bot_turns` (issue 19's pipeline). */
export async function keepsBotTurns(sql: postgres.Sql): Promise<boolean> {
  const [row] = await sql<{ present: boolean }[]>`
    select to_regclass('public.bot_turns') is not null as present`;
  return row!.present;
}

/**
 * Jobs left of `tasks`, or with no `tasks` every job due now except `ignoreTask`'s. A job that
 * failed for good stays in the table and will never run, so it is not work left.
 */
async function jobsLeft(sql: postgres.Sql, tasks: string[] | null, ignoreTask: string) {
  const [row] = await sql<{ n: number }[]>`
    select count(*)::int as n from graphile_worker._private_jobs j
    join graphile_worker._private_tasks t on t.id = j.task_id
    where j.attempts < j.max_attempts
      and ${
        tasks
          ? sql`t.identifier = any(${sql.array(tasks)})`
          : sql`t.identifier <> ${ignoreTask} and j.run_at <= now()`
      }`;
  return row!.n;
}

/**
 * How much the bot has left: with `bot_turns`, its open turns plus the `outgoing-message` jobs
 * left; before it, `legacy` decides: `'due'` counts every job due now (but `ignoreTask`'s, a
 * benchmark's own), `'answer'` the jobs of ANSWER_TASKS. 0 means the bot has caught up.
 */
export async function botWorkLeft(
  sql: postgres.Sql,
  legacy: 'due' | 'answer',
  ignoreTask = '',
): Promise<number> {
  if (!(await keepsBotTurns(sql)))
    return jobsLeft(sql, legacy === 'answer' ? ANSWER_TASKS : null, ignoreTask);
  const [turns] = await sql<{ n: number }[]>`select count(*)::int as n from bot_turns`;
  return turns!.n + (await jobsLeft(sql, ['outgoing-message'], ignoreTask));
}

/**
 * Turns a dead dispatcher still holds: `running` with one of `owners` (ids in
 * worker_heartbeats). 0 before `bot_turns`, or while the table has no `owner` column.
 */
export async function turnsHeldBy(sql: postgres.Sql, owners: string[]): Promise<number> {
  const [column] = await sql<{ present: boolean }[]>`
    select exists (select 1 from information_schema.columns
      where table_schema = 'public' and table_name = 'bot_turns' and column_name = 'owner')
      as present`;
  if (!column!.present) return 0;
  const [row] = await sql<{ n: number }[]>`
    select count(*)::int as n from bot_turns
    where state = 'running' and owner = any(${sql.array(owners)})`;
  return row!.n;
}
