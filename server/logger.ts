import { DrizzleQueryError } from 'drizzle-orm/errors';
import pino from 'pino';
import { config } from './config';

/** Paths whose values never reach a log line, whatever object they sit in. */
const REDACT = [
  'password',
  'passwordHash',
  'password_final',
  'passwordFinal',
  'token',
  'accessToken',
  'refreshToken',
  'secret',
  'credentials',
  'apiKey',
  'authorization',
  '*.password',
  '*.passwordHash',
  '*.password_final',
  '*.passwordFinal',
  '*.token',
  '*.accessToken',
  '*.refreshToken',
  '*.secret',
  '*.credentials',
  '*.apiKey',
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'req.headers["x-public-key"]',
];

/** A failed query's values: drizzle's `params`, postgres.js's (in debug), PostgreSQL's detail. */
const QUERY_VALUES = new Set(['params', 'parameters', 'args', 'detail']);

/**
 * `err` without the values of the query that failed. A failed query's values are customers'
 * texts, phone numbers and secrets: drizzle writes them into its error's message (`params: ...`)
 * and stack, PostgreSQL's `detail` quotes the offending key and a json error's context the text. The SQL text, the SQLSTATE and the
 * constraint's name stay: they say what failed without saying whose data it was. The same for
 * each `cause` below it.
 */
export function withoutQueryValues(err: unknown, depth = 0): unknown {
  if (!(err instanceof Error) || depth > 5) return err;
  const copy = Object.create(Object.getPrototypeOf(err)) as Record<string, unknown>;
  for (const [key, value] of Object.entries(err)) {
    // PostgreSQL's context of a json input error quotes the text (`JSON data, line 1: ...`).
    const quotesData = key === 'where' && /^JSON data/.test(String(value));
    if (!QUERY_VALUES.has(key) && !quotesData) copy[key] = value;
  }
  const message = err instanceof DrizzleQueryError ? `Failed query: ${err.query}` : err.message;
  const hidden = (value: unknown) => ({ value, enumerable: false, writable: true });
  Object.defineProperties(copy, {
    message: hidden(message),
    stack: hidden(err.stack?.replace(err.message, message)),
    cause: hidden(withoutQueryValues(err.cause, depth + 1)),
  });
  return copy;
}

const pretty = config.LOG_PRETTY ?? (config.NODE_ENV === 'development' && process.stdout.isTTY);

export const logger = pino({
  level: config.LOG_LEVEL,
  redact: { paths: REDACT, censor: '[redacted]' },
  serializers: {
    err: (err: unknown) => pino.stdSerializers.errWithCause(withoutQueryValues(err) as Error),
  },
  ...(pretty
    ? { transport: { target: 'pino-pretty', options: { translateTime: 'HH:MM:ss.l' } } }
    : {}),
});

export type Logger = typeof logger;
