import { sql } from 'drizzle-orm';
import { db } from '../../server/db/client';
import { messages } from '../../server/db/schema';
import { makeWhatsappIntegration } from '../factories/integration';
import { makeWorkspace } from '../factories/workspace';
import { callerFor } from '../helpers/auth';
import { postWebhook } from '../helpers/channels';
import { wahaMessage } from '../mocks/bridges';
import type { Providers } from './stand-ins';

const SECRET = 'hook-secret';

/**
 * A WhatsApp line (WAHA bridge at the stand-in) whose default chatbot answers with the model:
 * customers write through the webhook of the API server at `apiUrl`.
 */
export async function whatsappLine(apiUrl: string, providers: Providers) {
  const { admin } = await makeWorkspace();
  const { integration, bot } = await makeWhatsappIntegration(
    admin,
    'WHATSAPP_QR',
    { provider: 'waha', baseUrl: providers.bridgeUrl, session: 'default' },
    { apiKey: 'bridge-key', webhookSecret: SECRET },
  );
  await callerFor(admin).chatbots.update({ id: bot.id, patch: { aiEnabled: true } });
  let n = 0;
  return {
    workspaceId: admin.workspaceId,
    /** POSTs the customer's message to the webhook; the HTTP status it got. */
    async customerWrites(phone: string, text: string): Promise<number> {
      const res = await postWebhook(
        apiUrl,
        `/webhooks/whatsapp-qr/${integration.uuid}`,
        wahaMessage(`${phone}@c.us`, `false_${phone}_${++n}`, text),
        { 'X-Webhook-Secret': SECRET },
      );
      return res.status;
    },
  };
}

export interface Answer {
  text: string;
  replies: number;
  status: string | null;
  errorCode: string | null;
  /** When the reply reached its last status (sent or failed), in ms since the epoch. */
  settledAt: number | null;
}

/**
 * Every customer message of the workspace with the bot's replies to it: those to the message
 * itself, or to the newest message of the bot's turn it joined (lines written while the bot was
 * answering get one reply, which names the turn's newest). `replies` counts the replies to the
 * message and, when it has none, the first reply to a later message of its conversation.
 */
export async function answersIn(workspaceId: number): Promise<Answer[]> {
  return (await db.execute(sql`
    select m.content->>'text' as text,
      (select count(*) from ${messages} d where d.reply_to_message_id = m.id and d.origin = 'bot')::int
        + case when r.reply_to_message_id > m.id then 1 else 0 end as replies,
      r.status::text as status, r.error_code as "errorCode",
      (extract(epoch from coalesce(r.sent_at, r.failed_at)) * 1000)::float8 as "settledAt"
    from ${messages} m
    left join lateral (
      select * from ${messages} x
      where x.conversation_id = m.conversation_id and x.origin = 'bot'
        and x.reply_to_message_id >= m.id
      order by x.reply_to_message_id limit 1
    ) r on true
    where m.workspace_id = ${workspaceId} and m.direction = 'inbound'
    order by m.id`)) as unknown as Answer[];
}

/** Every customer message has a reply that is no longer pending. */
export const allSettled = (answers: Answer[]) =>
  answers.length > 0 && answers.every((a) => a.replies > 0 && a.status !== 'pending');
