import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';

/**
 * Holds a WebSocket's writes until the event loop's next turn, so the frames pushed meanwhile (a
 * message and the typing that follows it, announced by one commit) leave in one write: a write
 * to a socket is a system call that wakes its reader, and the sockets' writes were about a
 * seventh of the server's CPU per answered message (issue 19, docs/performance.md "CPU per
 * message"). Order is kept: the frames wait in the socket's own buffer.
 */
export function corkUntilNextTurn(ws: WebSocket) {
  // ws keeps its socket private; without one (a test double) frames go out one by one.
  const socket = (ws as unknown as { _socket?: Socket })._socket;
  if (!socket || socket.writableCorked > 0) return;
  socket.cork();
  setImmediate(() => socket.uncork());
}

/** Every frame `ws.send` sends is corked until the next turn (for sockets others write to: tRPC's). */
export function sendPerTurn(ws: WebSocket): void {
  const send = ws.send.bind(ws);
  ws.send = ((...args: Parameters<WebSocket['send']>) => {
    corkUntilNextTurn(ws);
    return send(...args);
  }) as WebSocket['send'];
}
