import { messageText } from '../../../shared/message-text';
import type { DirectConversation, DirectMessage } from '../../services/direct-chat';

/** Laravel's timestamp format: microseconds and Z. */
const laravelTime = (d: Date | null) =>
  d ? d.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z') : null;

/** A conversation as Laravel serialises the model with its participants and their pivot. */
export function presentConversation({ conversation: c, participants }: DirectConversation) {
  return {
    uuid: c.uuid,
    taggable_type: c.taggableType,
    taggable_id: c.taggableId,
    last_message_text: c.lastMessagePreview,
    last_message_at: laravelTime(c.lastMessageAt),
    is_archived: c.isArchived,
    created_at: laravelTime(c.createdAt),
    updated_at: laravelTime(c.updatedAt),
    participants: participants.map(({ user, membership: p }) => ({
      uuid: user.uuid,
      name: user.name,
      email: user.email,
      pivot: {
        conversation_id: p.conversationId,
        user_id: p.userId,
        unread_count: p.unreadCount,
        last_read_at: laravelTime(p.lastReadAt),
        joined_at: laravelTime(p.joinedAt),
        created_at: laravelTime(p.createdAt),
        updated_at: laravelTime(p.updatedAt),
      },
    })),
  };
}

export function presentMessage({ message: m, sender }: DirectMessage) {
  return {
    uuid: m.uuid,
    message: messageText(m.content),
    sender,
    created_at: laravelTime(m.createdAt),
    updated_at: laravelTime(m.updatedAt),
  };
}

/** Laravel's paginator meta around one page of conversations. */
export function presentConversationPage(
  list: { conversations: DirectConversation[]; total: number },
  { page, limit }: { page: number; limit: number },
) {
  return {
    message: 'Conversaciones obtenidas exitosamente',
    data: list.conversations.map(presentConversation),
    meta: {
      current_page: page,
      per_page: limit,
      total: list.total,
      last_page: Math.max(1, Math.ceil(list.total / limit)),
    },
  };
}

export const presentCreated = (c: DirectConversation) => ({
  message: 'Conversación creada exitosamente',
  data: presentConversation(c),
});

export const presentSent = (m: DirectMessage) => ({
  message: 'Mensaje enviado exitosamente',
  data: presentMessage(m),
});

export const presentMessages = (list: DirectMessage[]) => ({
  message: 'Mensajes obtenidos exitosamente',
  data: list.map(presentMessage),
});
