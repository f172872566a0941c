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

/**
 * The least a server could do to store the bot's reply: `begin; insert into messages …; update
 * conversations …; commit` (the conversation's last message, as every message write keeps it).
 * With acceptRaw, the floor of an answered message: the two writes no pipeline can skip.
 */
export function replyRaw(
  raw: postgres.Sql,
  workspaceId: number,
  conversationId: number,
  text: string,
) {
  return raw.begin(async (tx) => {
    const [m] = await tx<{ id: number }[]>`
      insert into messages (workspace_id, conversation_id, direction, origin, content, status)
      values (${workspaceId}, ${conversationId}, 'outbound', 'bot', ${tx.json({ text })}, 'sent')
      returning id`;
    await tx`
      update conversations set last_message_id = ${m!.id}, last_message_at = now(),
        last_message_preview = ${text}, message_count = message_count + 1, updated_at = now()
      where id = ${conversationId}`;
  });
}
