/**
 * What every mode of the pipeline benchmark shares: the seeded workspace (an admin, a widget
 * bot), sending one visitor message with a nonce in its text, the raw accept baseline on a pool
 * of the server's size, and waiting until the bot has caught up (scripts/bench/bot-work.ts).
 */
import postgres from 'postgres';
import { botWorkLeft } from './bot-work';
import { type BenchDatabase, insertBenchUsers, postJson } from './lib';
import type { Visitor } from './pipeline-clients';
import { acceptRaw, dropRawJobs, RAW_TASK } from './raw-accept';

const now = () => performance.now();
const sleep = (t: number) => new Promise((r) => setTimeout(r, t));

/** One message sent: its nonce, when the POST began and when its 202 came. */
export interface Sent {
  n: string;
  sent: number;
  accepted: number;
}

export type PipelineRun = Awaited<ReturnType<typeof preparePipelineRun>>;

export async function preparePipelineRun(db: BenchDatabase) {
  const [ws] = await db.sql<{ id: number }[]>`
    insert into workspaces (name) values ('Pipeline bench') returning id`;
  const [admin] = await insertBenchUsers(db.sql, ws!.id, 1, { role: 'admin' });
  const [bot] = await db.sql<{ id: number; uuid: string; public_key: string }[]>`
    insert into chatbots (workspace_id, name, public_key, system_prompt)
    values (${ws!.id}, 'Bench bot', 'pk_bench_pipeline', 'You are a test bot.')
    returning id, uuid, public_key`;
  await db.sql`insert into integrations (workspace_id, channel, name, default_chatbot_id)
    values (${ws!.id}, 'WIDGET', 'Widget', ${bot!.id})`;
  // The raw cost of accepting a message, on a pool the size of the server's (10).
  const raw = postgres(db.url, { max: 10, onnotice: () => {} });
  let nonce = 0;
  let rawConversation = 0;
  return {
    bot: { publicKey: bot!.public_key, uuid: bot!.uuid },
    agentToken: await db.tokenFor(admin!),
    raw,

    async send(base: string, v: Visitor): Promise<Sent> {
      const n = String(nonce++);
      const sent = now();
      await postJson(`${base}/messages/send`, v.token, {
        chatbotId: bot!.uuid,
        externalUserId: v.externalUserId,
        conversationId: v.conversation,
        channel: 'WIDGET',
        content: `Hello bench-${n}`,
      });
      return { n, sent, accepted: now() };
    },

    /** The baseline: one message into the first visitor's conversation, by postgres.js alone. */
    async acceptRaw() {
      if (!rawConversation) {
        const [first] = await raw<{ id: number }[]>`
          select id from conversations order by id limit 1`;
        rawConversation = first!.id;
      }
      return acceptRaw(raw, ws!.id, rawConversation, `raw-${nonce++}`);
    },

    /** Deletes the baseline's jobs, which no worker runs. */
    dropRawJobs: () => dropRawJobs(raw),

    /** What the bot has left (0: caught up), the baseline's jobs aside. */
    workLeft: () => botWorkLeft(raw, 'due', RAW_TASK),

    /** Waits until the bot has caught up; `limitMs` later it throws, or with `lenient` goes on. */
    async drain({ limitMs = 300_000, lenient = false } = {}) {
      for (let waited = 0; waited < limitMs; waited += 250) {
        if ((await botWorkLeft(raw, 'due', RAW_TASK)) === 0) return;
        await sleep(250);
      }
      const message = `the bot did not catch up within ${limitMs / 1000} s`;
      if (!lenient) throw new Error(message);
      console.error(`${message}; going on with a backlog`);
    },
  };
}
