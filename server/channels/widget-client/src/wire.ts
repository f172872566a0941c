import { state } from './state';

/** A frame on the visitor's socket, when it is open (the subscribe on open resends state). */
export function frame(event: string, data: Record<string, unknown>) {
  if (state.ws?.readyState === WebSocket.OPEN) state.ws.send(JSON.stringify({ event, data }));
}

/** The visitor has seen the conversation: the agent's messages become "read". */
export const markRead = () => {
  if (state.conversationId) frame('read', { conversationId: state.conversationId });
};
