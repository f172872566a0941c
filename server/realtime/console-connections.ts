import type { WebSocket } from 'ws';
import { logger } from '../logger';
import { markSeen } from '../services/availability';

const BEAT_MS = 30_000;

/**
 * Which users have a console socket open in this process. Their last_seen_at is refreshed every
 * beat; the presence sweep (jobs) sets agents whose sockets are all gone to away.
 */
class ConsoleConnections {
  private sockets = new Map<WebSocket, number>();
  private timer: NodeJS.Timeout | undefined;

  track(ws: WebSocket, userId: number) {
    if (this.sockets.has(ws)) return;
    this.sockets.set(ws, userId);
    ws.once('close', () => this.sockets.delete(ws));
    void this.touch([userId]);
  }

  start() {
    this.timer = setInterval(() => void this.touch([...new Set(this.sockets.values())]), BEAT_MS);
    this.timer.unref();
  }

  stop() {
    clearInterval(this.timer);
    this.sockets.clear();
  }

  private async touch(ids: number[]) {
    await markSeen(ids).catch((err) => logger.warn({ err }, 'presence update failed'));
  }
}

export const consoleConnections = new ConsoleConnections();
