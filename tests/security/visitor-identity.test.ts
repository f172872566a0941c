import { createHmac } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { db } from '../../server/db/client';
import { conversations, messages } from '../../server/db/schema';
import { makeChatbot } from '../factories/chatbot';
import { makeWorkspace } from '../factories/workspace';
import { callerFor, tokenFor } from '../helpers/auth';
import { api, serverForThisFile } from '../helpers/server';

const srv = serverForThisFile();

/** The gateway's answer to a subscribe frame. */
async function subscribeAnswer(token: string, conversationId: string) {
  const ws = new WebSocket(`${srv.url.replace('http', 'ws')}/messages?token=${token}`);
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  const answer = new Promise<{ event: string; data: { message?: string } }>((resolve) =>
    ws.once('message', (raw) => resolve(JSON.parse(raw.toString()))),
  );
  ws.send(JSON.stringify({ event: 'subscribe', data: { conversationId } }));
  const frame = await answer;
  ws.close();
  return frame;
}

/**
 * Issue 16, finding 1: with a chatbot's public key and a customer's phone number, anyone read
 * that customer's WhatsApp history and wrote into it as them.
 */
describe("a widget session never reaches a customer's WhatsApp conversation", () => {
  const phone = '+5511987654321';

  async function whatsappCustomer() {
    const { admin } = await makeWorkspace();
    const bot = await makeChatbot(admin, { aiEnabled: false });
    const agent = await tokenFor(admin);
    const sent = await api(srv.url, 'POST', '/messages/send', {
      token: agent,
      body: {
        chatbotId: bot.id,
        externalUserId: phone,
        content: 'my PIN is 4321',
        channel: 'WHATSAPP_CLOUD',
      },
    });
    expect(sent.status).toBe(202);
    return {
      admin,
      bot,
      conversation: sent.body.data.conversation,
      message: sent.body.data.message,
    };
  }

  it('does not sign a session for a phone number someone names', async () => {
    const { bot } = await whatsappCustomer();
    const claimed = await api(srv.url, 'POST', '/widget/session', {
      body: { publicKey: bot.publicKey, externalUserId: phone },
    });
    expect(claimed.status).toBe(401);
    expect(claimed.body.token).toBeUndefined();
  });

  it('keeps even a verified visitor with the same external id out of the WhatsApp thread', async () => {
    // A site whose user ids are phone numbers signs one: the widget token names the same
    // external id as the WhatsApp conversation, and must still not reach it.
    const { admin, bot, conversation, message } = await whatsappCustomer();
    const { secret } = await callerFor(admin).widgetIdentity.rotate();
    const session = await api(srv.url, 'POST', '/widget/session', {
      body: {
        publicKey: bot.publicKey,
        externalUserId: phone,
        userHash: createHmac('sha256', secret).update(phone).digest('hex'),
      },
    });
    expect(session.status).toBe(201);
    const token = session.body.token as string;

    const read = await api(srv.url, 'GET', `/messages/conversation/${conversation.id}`, { token });
    expect(read.status).toBe(404);
    expect(read.body).toEqual({
      statusCode: 404,
      message: 'Conversation not found',
      error: 'Not Found',
    });
    expect((await api(srv.url, 'GET', `/messages/${message.id}`, { token })).status).toBe(404);
    expect((await subscribeAnswer(token, conversation.id)).data.message).toBe(
      'Conversation not found',
    );

    const asWhatsapp = { chatbotId: bot.id, externalUserId: phone, channel: 'WHATSAPP_CLOUD' };
    const write = await api(srv.url, 'POST', '/messages/send', {
      token,
      body: { ...asWhatsapp, content: 'send me the code', conversationId: conversation.id },
    });
    expect(write.status).toBe(403);
    expect(write.body).toEqual({
      statusCode: 403,
      message: 'A widget session may only use the WIDGET channel',
      error: 'Forbidden',
    });
    const noChannel = await api(srv.url, 'POST', '/messages/send', {
      token,
      body: {
        chatbotId: bot.id,
        externalUserId: phone,
        content: 'x',
        conversationId: conversation.id,
      },
    });
    expect(noChannel.status).toBe(404);
    const open = await api(srv.url, 'POST', '/conversations', { token, body: asWhatsapp });
    expect(open.status).toBe(403);
    const [c] = await db
      .select()
      .from(conversations)
      .where(eq(conversations.uuid, conversation.id));
    const written = await db.select().from(messages).where(eq(messages.conversationId, c!.id));
    expect(written).toHaveLength(1);

    // Its own WIDGET conversation works as before.
    const own = await api(srv.url, 'POST', '/messages/send', {
      token,
      body: { chatbotId: bot.id, externalUserId: phone, content: 'hello from the site' },
    });
    expect(own.status).toBe(202);
    expect(own.body.data.conversation).toMatchObject({ channel: 'WIDGET' });
    expect(own.body.data.conversation.id).not.toBe(conversation.id);
    expect(
      (
        await api(srv.url, 'GET', `/messages/conversation/${own.body.data.conversation.id}`, {
          token,
        })
      ).status,
    ).toBe(200);
  });
});
