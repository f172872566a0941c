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

const pretty = config.LOG_PRETTY ?? (config.NODE_ENV === 'development' && process.stdout.isTTY);

export const logger = pino({
  level: config.LOG_LEVEL,
  redact: { paths: REDACT, censor: '[redacted]' },
  ...(pretty
    ? { transport: { target: 'pino-pretty', options: { translateTime: 'HH:MM:ss.l' } } }
    : {}),
});

export type Logger = typeof logger;
