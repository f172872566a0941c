import type { HubEvent } from '../../realtime/event-reads';
import { consoleMessage } from './message';

/** What a console subscriber receives for one event. */
export function clientEvent(e: HubEvent) {
  return {
    id: e.id,
    type: e.type,
    conversationId: e.conversationId,
    conversationUuid: e.conversation?.uuid ?? null,
    payload: e.payload,
    message: e.message
      ? {
          ...consoleMessage(e.message),
          conversationId: e.message.conversationId,
          senderUserId: e.message.senderUserId,
        }
      : null,
    createdAt: e.createdAt.toISOString(),
  };
}
export type ClientEvent = ReturnType<typeof clientEvent>;
