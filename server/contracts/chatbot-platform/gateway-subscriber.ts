import type { HubEvent } from '../../realtime/event-reads';
import { presentMessage } from './present';

/** Seed 001's server → client frames for one event, or nothing. */
export function framesFor(e: HubEvent, conversationUuid: string): [string, unknown][] {
  if (e.type === 'message:created' && e.message)
    return [['message', presentMessage(e.message, conversationUuid)]];
  if (e.type === 'message:status' && e.message) {
    return [
      [
        'message:status',
        { messageId: e.message.uuid, status: String(e.payload.status).toUpperCase() },
      ],
    ];
  }
  if (e.type === 'typing') return [['typing', { isTyping: e.payload.isTyping === true }]];
  return [];
}
