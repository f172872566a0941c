/**
 * The pipeline benchmarks' baseline: accepting a message with nothing but postgres.js, the
 * least a server could do (`begin; insert into messages …; select graphile_worker.add_job(…);
 * commit`). Its jobs are for a task no worker runs; `dropRawJobs` deletes them.
 */
import type postgres from 'postgres';

export const RAW_TASK = 'bench-accept';

export function acceptRaw(
  raw: postgres.Sql,
  workspaceId: number,
  conversationId: number,
  text: string,
) {
  return raw.begin(async (tx) => {
    const [m] = await tx<{ id: number }[]>`
      insert into messages (workspace_id, conversation_id, direction, origin, content, status,
        delivered_at)
      values (${workspaceId}, ${conversationId}, 'inbound', 'client', ${tx.json({ text })},
        'delivered', now())
      returning id`;
    await tx`select graphile_worker.add_job(${RAW_TASK},
      ${JSON.stringify({ messageId: m!.id })}::json, queue_name => 'bench')`;
  });
}

export const dropRawJobs = (raw: postgres.Sql) => raw`
  delete from graphile_worker._private_jobs j using graphile_worker._private_tasks t
  where t.id = j.task_id and t.identifier = ${RAW_TASK}`;
