import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  PUBLIC_URL: z.string().url().optional(),
  DATABASE_URL: z.string().optional(),
  DATA_DIR: z.string().default('.data'),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1024).max(65535).default(54329),
  JWT_SECRET: z.string().min(32).optional(),
  ENCRYPTION_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, 'ENCRYPTION_KEY must be 64 hex characters (32 bytes)')
    .optional(),
  JWT_ISSUER: z.string().default('support-inbox'),
  JWT_AUDIENCE: z.string().default('support-inbox'),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(900).default(900),
  REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  ALLOW_SIGNUP: bool.default(true),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_PRETTY: bool.optional(),
  SEED_DEMO: bool.default(true),
  BUILD_CONSOLE: bool.default(true),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(4),
  OPENAI_API_KEY: z.string().optional(),
  OPENAI_BASE_URL: z.string().url().optional(),
  OPENAI_TIMEOUT_MS: z.coerce.number().int().min(1000).max(300_000).default(30_000),
  /**
   * Retries inside one attempt (the SDK's). 0 by default: the bot's turn retries a failed call
   * with backoff itself, and a 429 waits in the database for its Retry-After instead of holding
   * a place on the provider while the SDK sleeps (docs/operations.md).
   */
  OPENAI_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(0),
  /** Model calls begun for one bot turn before the fallback message and handoff. */
  AI_REPLY_ATTEMPTS: z.coerce.number().int().min(1).max(25).default(4),
  /**
   * Model calls in flight on the provider at most, over every worker process (a call holds no
   * job slot and no database connection, only this place). Past it turns wait in PostgreSQL.
   */
  MODEL_MAX_IN_FLIGHT: z.coerce.number().int().min(1).max(5000).default(320),
  /** Model calls in flight for one chatbot at most, so one busy bot leaves room for the others. */
  CHATBOT_MAX_IN_FLIGHT: z.coerce.number().int().min(1).max(5000).default(240),
  AI_HISTORY_MESSAGES: z.coerce.number().int().min(1).max(200).default(30),
  /**
   * An OpenAI-compatible embeddings model (e.g. `text-embedding-3-small`): knowledge search
   * ranks by meaning as well as by words. Unset: no embeddings, lexical search only.
   */
  EMBEDDINGS_MODEL: z.string().min(1).max(200).optional(),
  /** Where the embeddings model is served; OPENAI_BASE_URL (then OpenAI's) when unset. */
  EMBEDDINGS_BASE_URL: z.string().url().optional(),
  /** The embeddings server's key; OPENAI_API_KEY when unset. */
  EMBEDDINGS_API_KEY: z.string().optional(),
  /** Shorter vectors from models that can make them (text-embedding-3-*); the model's own size when unset. */
  EMBEDDINGS_DIMENSIONS: z.coerce.number().int().min(1).max(16_000).optional(),
  /** Passages sent in one /embeddings request while indexing. */
  EMBEDDINGS_BATCH_SIZE: z.coerce.number().int().min(1).max(2048).default(64),
  /** How long a search waits for the question's vector before it ranks by words alone. */
  EMBEDDINGS_QUERY_TIMEOUT_MS: z.coerce.number().int().min(100).max(30_000).default(2000),
  /**
   * The cosine similarity at which a passage is as relevant as RELEVANT_SCORE (0.5) says: it
   * depends on the model (0.5 suits OpenAI's text-embedding-3; docs/operations.md).
   */
  EMBEDDINGS_RELEVANT_SIMILARITY: z.coerce.number().min(0).max(0.99).default(0.5),
  WIDGET_TOKEN_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .max(7 * 86_400)
    .default(86_400),
  /** A socket whose unsent data exceeds this is disconnected (a client that stopped reading). */
  WS_MAX_BUFFERED_BYTES: z.coerce.number().int().min(16_384).default(1_048_576),
  WS_PING_INTERVAL_MS: z.coerce.number().int().min(1000).default(30_000),
  /** Minutes without activity after which the idle cron ends a conversation (default per workspace). */
  IDLE_CRON_SCHEDULE: z.string().default('*/5 * * * *'),
  /** How often automatic assignment looks for due workspaces (each has its own interval). */
  ASSIGNMENT_CRON_SCHEDULE: z.string().default('* * * * *'),
  /** The WhatsApp Cloud API (Graph API) base URL, version included. */
  WHATSAPP_GRAPH_URL: z.string().url().default('https://graph.facebook.com/v21.0'),
  /** Messages per second per WhatsApp number when the integration sets no rate of its own. */
  WHATSAPP_RATE_PER_SECOND: z.coerce.number().min(1).max(1000).default(80),
  /** How long an operator's POST waits for its send's outcome before answering `pending` (0: no wait). */
  OPERATOR_SEND_WAIT_MS: z.coerce.number().int().min(0).max(30_000).default(5000),
  /** Days before a contact user account expires when its customer is reminded (daily cron). */
  ACCOUNT_REMINDER_DAYS: z.coerce.number().int().min(0).max(365).default(3),
  ACCOUNT_REMINDER_SCHEDULE: z.string().default('0 9 * * *'),
  /** Minutes after an agent's last console socket closed before they become away. */
  AWAY_AFTER_MINUTES: z.coerce.number().int().min(1).max(1440).default(5),
  /**
   * Which upstream proxies may set X-Forwarded-For (express's `trust proxy`: `loopback`, a hop
   * count, or addresses/CIDRs separated by commas). Unset: the peer address is the client.
   */
  TRUST_PROXY: z.string().optional(),
  /** The largest request body any route reads (REST, tRPC over HTTP, webhooks, seed 004). */
  HTTP_BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(50 * 1_048_576)
    .default(1_048_576),
  /** The deepest nesting of arrays and objects accepted in a JSON body. */
  JSON_MAX_DEPTH: z.coerce.number().int().min(4).max(1000).default(32),
  /** The largest file an agent may attach (bytes; docs/agent-workspace.md, Files). */
  FILES_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(1024 * 1_048_576)
    .default(25 * 1_048_576),
  /** How long a signed link to a file stays valid. */
  FILES_LINK_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(10)
    .max(7 * 86_400)
    .default(900),
  /** An S3 bucket for files; unset: files are kept on local disk under DATA_DIR/files. */
  FILES_S3_BUCKET: z.string().min(1).optional(),
  FILES_S3_REGION: z.string().min(1).default('us-east-1'),
  /** An S3-compatible store's URL (MinIO, R2, ...); AWS's own when unset. */
  FILES_S3_ENDPOINT: z.string().url().optional(),
  /** Path-style URLs (`endpoint/bucket/key`), which most S3-compatible stores need. */
  FILES_S3_FORCE_PATH_STYLE: bool.default(false),
  /** Unset: the AWS SDK's own chain (environment, instance role...). */
  FILES_S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  FILES_S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  /** A WebSocket that has not authenticated within this many milliseconds is closed. */
  WS_AUTH_GRACE_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
});

export type Env = z.infer<typeof EnvSchema>;

export interface Config extends Omit<Env, 'JWT_SECRET' | 'ENCRYPTION_KEY'> {
  dataDir: string;
  jwtSecret: Uint8Array;
  encryptionKey: Buffer;
}

interface StoredSecrets {
  jwtSecret: string;
  encryptionKey: string;
}

/**
 * Secrets missing from the environment are generated once and kept in DATA_DIR, so a restart
 * keeps sessions and encrypted rows readable. Production deployments with several processes
 * must set them explicitly (docs/operations.md).
 */
function storedSecrets(dataDir: string): StoredSecrets {
  const file = path.join(dataDir, 'secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as StoredSecrets;
  mkdirSync(dataDir, { recursive: true });
  const secrets = {
    jwtSecret: randomBytes(48).toString('base64url'),
    encryptionKey: randomBytes(32).toString('hex'),
  };
  writeFileSync(file, JSON.stringify(secrets), { mode: 0o600 });
  chmodSync(file, 0o600);
  return secrets;
}

export function loadConfig(source: NodeJS.ProcessEnv): Config {
  const parsed = EnvSchema.safeParse(
    Object.fromEntries(Object.entries(source).filter(([, v]) => v !== '')),
  );
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const { JWT_SECRET, ENCRYPTION_KEY, ...env } = parsed.data;
  const dataDir = path.resolve(env.DATA_DIR);
  const stored = JWT_SECRET && ENCRYPTION_KEY ? undefined : storedSecrets(dataDir);
  return {
    ...env,
    dataDir,
    jwtSecret: new TextEncoder().encode(JWT_SECRET ?? stored?.jwtSecret),
    encryptionKey: Buffer.from(ENCRYPTION_KEY ?? stored?.encryptionKey ?? '', 'hex'),
  };
}

export const config: Config = loadConfig(process.env);
