import { eq, sql } from 'drizzle-orm';
import { db } from '../../server/db/client';
import { type Conversation, conversations, type Message, messages } from '../../server/db/schema';
import { makeWhatsappIntegration } from '../factories/integration';
import { makeWorkspace } from '../factories/workspace';
import { cloudWebhook, sign } from '../mocks/whatsapp-cloud';
import { postWebhook } from './channels';

/** A Cloud API line (its own workspace) and a way to deliver Meta's webhooks to it. */
export async function cloudLine(base: string, phoneNumberId: string) {
  const secret = `secret-${phoneNumberId}`;
  const { admin } = await makeWorkspace();
  const { integration } = await makeWhatsappIntegration(
    admin,
    'WHATSAPP_CLOUD',
    { phoneNumberId },
    { accessToken: 'EAAG-inbound-token', appSecret: secret, verifyToken: 'v' },
  );
  const deliver = async (value: Record<string, unknown>) => {
    const raw = JSON.stringify(cloudWebhook(phoneNumberId, value));
    const res = await postWebhook(base, `/webhooks/whatsapp-cloud/${integration.uuid}`, raw, {
      'X-Hub-Signature-256': sign(raw, secret),
    });
    if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
  };
  return { admin, integration, deliver };
}

/** The message the provider's id names, as stored now. */
export async function messageByWamid(wamid: string): Promise<Message> {
  const [m] = await db.select().from(messages).where(eq(messages.externalId, wamid));
  if (!m) throw new Error(`no message ${wamid}`);
  return m;
}

export async function conversationOfMessage(m: Message): Promise<Conversation> {
  const [c] = await db.select().from(conversations).where(eq(conversations.id, m.conversationId));
  return c!;
}

/** The media-download job of a message: how often it ran, and whether it gave up. */
export async function downloadJob(messageId: number) {
  const [row] = (await db.execute(sql`
    select j.attempts, j.max_attempts, j.last_error from graphile_worker._private_jobs j
    where j.key = ${`media-download:${messageId}`}`)) as unknown as {
    attempts: number;
    max_attempts: number;
    last_error: string | null;
  }[];
  return row;
}

/** The message:updated events of a message. */
export async function updatesOf(messageId: number): Promise<number> {
  const [row] = (await db.execute(sql`
    select count(*)::int as n from events
    where type = 'message:updated' and (payload->>'messageId')::int = ${messageId}`)) as unknown as {
    n: number;
  }[];
  return row?.n ?? 0;
}
