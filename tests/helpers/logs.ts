import pino from 'pino';
import { afterAll, beforeAll } from 'vitest';
import { logger } from '../../server/logger';

/**
 * Every log line the server writes while this test file runs, at every level. Call it at the
 * top level: it swaps the logger's stream in beforeAll and puts it back in afterAll.
 */
export function captureLogLines(): string[] {
  const lines: string[] = [];
  // biome-ignore lint/suspicious/noExplicitAny: pino keeps its stream behind a symbol
  const internals = logger as any;
  const stream = internals[pino.symbols.streamSym];
  const level = logger.level;
  beforeAll(() => {
    // Child loggers inherit the root's stream and level through the prototype.
    internals[pino.symbols.streamSym] = { write: (line: string) => lines.push(line) };
    logger.level = 'trace';
  });
  afterAll(() => {
    internals[pino.symbols.streamSym] = stream;
    logger.level = level;
  });
  return lines;
}
