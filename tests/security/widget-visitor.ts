import type { Actor } from '../../server/auth/actor';
import { endConversation } from '../../server/services/conversations/lifecycle';
import { uploadVisitorFile } from '../../server/services/widget-files';
import { conversationRow } from '../helpers/inbox';
import { api } from '../helpers/server';

/**
 * A widget visitor of the world's chatbot, proved as the widget proves one (a session from the
 * public key, then its token): a conversation of its own and a file it uploaded, not sent.
 */
export async function widgetVisitor(base: string, bot: { id: string; publicKey: string }) {
  const session = await api(base, 'POST', '/widget/session', {
    body: { publicKey: bot.publicKey },
  });
  const { token, externalUserId } = session.body as { token: string; externalUserId: string };
  const sent = await api(base, 'POST', '/messages/send', {
    token,
    body: { chatbotId: bot.id, externalUserId, content: 'A photo of the receipt follows' },
  });
  if (sent.status !== 202) throw new Error(`widget send failed: ${sent.status} ${sent.text}`);
  const conversation = await conversationRow(sent.body.data.conversation.id);
  const file = await uploadVisitorFile(
    conversation,
    'receipt.pdf',
    Buffer.from('%PDF-1.4 receipt'),
  );
  return { token, attachment: file.uuid };
}

/**
 * A second visitor whose conversation has ended with its satisfaction survey asked, so the
 * survey routes have a valid request: the widget's session token and the conversation's uuid.
 */
export async function surveyedVisitor(
  base: string,
  bot: { id: string; publicKey: string },
  actor: Actor,
) {
  const session = await api(base, 'POST', '/widget/session', {
    body: { publicKey: bot.publicKey },
  });
  const { token, externalUserId } = session.body as { token: string; externalUserId: string };
  const sent = await api(base, 'POST', '/messages/send', {
    token,
    body: { chatbotId: bot.id, externalUserId, content: 'Thanks, that solved it' },
  });
  if (sent.status !== 202) throw new Error(`widget send failed: ${sent.status} ${sent.text}`);
  const conversation = await conversationRow(sent.body.data.conversation.id);
  await endConversation(actor, conversation.id);
  return { token, conversation: conversation.uuid };
}
