import { unstorable } from '../shared/storable-text';

export const APP_ERROR_STATUS = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  UNPROCESSABLE: 422,
  TOO_MANY_REQUESTS: 429,
} as const;

export type AppErrorCode = keyof typeof APP_ERROR_STATUS;

/**
 * The one error type domain code throws. Surfaces map it: tRPC in trpc/init.ts, REST per
 * contract (contracts/common/nest-errors.ts, contracts/direct-chat/errors.ts). `issues`
 * carries field-level validation messages.
 */
export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly issues?: { field: string; message: string }[],
  ) {
    super(message);
    this.name = 'AppError';
  }

  get status(): number {
    return APP_ERROR_STATUS[this.code];
  }
}

export const notFound = (what = 'Entity') => new AppError('NOT_FOUND', `${what} not found`);

/** The PostgreSQL error behind `err` (postgres.js, possibly wrapped by drizzle), if any. */
function pgError(
  err: unknown,
): { code?: string; constraint_name?: string; message?: string } | undefined {
  let e: unknown = err;
  for (let depth = 0; e && depth < 3; depth++) {
    const pg = e as { code?: string; constraint_name?: string; message?: string; cause?: unknown };
    if (typeof pg.code === 'string' && /^[0-9A-Z]{5}$/.test(pg.code)) return pg;
    e = pg.cause;
  }
  return undefined;
}

/**
 * A PostgreSQL error after which the failed statement certainly wrote nothing: not a lost
 * connection (08), an operator's intervention (57), a system (58) or internal (XX) error, nor
 * statement_completion_unknown (40003), which can come after a commit, and not an error
 * without a SQLSTATE (the driver's own).
 */
export function isRolledBack(err: unknown): boolean {
  const code = pgError(err)?.code;
  return code !== undefined && !/^(08|57|58|XX|40003)/.test(code);
}

/** lock_not_available: a lock wait ran past lock_timeout (or NOWAIT found it taken). */
export const isLockTimeout = (err: unknown) => pgError(err)?.code === '55P03';

/** unique_violation, optionally of one named constraint or index. */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const pg = pgError(err);
  return pg?.code === '23505' && (!constraint || pg.constraint_name === constraint);
}

/** foreign_key_violation: a row still referenced (restrict) or a reference to nothing. */
export const isForeignKeyViolation = (err: unknown) => pgError(err)?.code === '23503';

/**
 * An error in the HTTP request itself rather than in a field: a body too large (413), a
 * Content-Encoding or charset we do not read (415), a body that is not JSON or nests too deep,
 * a path that is not percent-encoded UTF-8 (400). Each contract's formatter answers it with
 * its status and its own body; it is never a 500.
 */
export class RequestError extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    message: string,
  ) {
    super(message);
    this.name = 'RequestError';
  }
}

/** The sentences of body-parser's errors (their own name the bytes or the parser's position). */
const BODY_PARSER: Record<string, string> = {
  'entity.too.large': 'The request body is too large',
  'encoding.unsupported': 'Content-Encoding is not supported; send the body uncompressed',
  'charset.unsupported': 'The body must be UTF-8',
  'entity.parse.failed': 'The body is not valid JSON',
  'request.aborted': 'The request body was not sent in full',
  'request.size.invalid': 'The request body does not match its Content-Length',
};

/**
 * The caller's input behind `err`, whatever surface it reached, as the error to answer: the one
 * mapping of input faults that REST, direct chat (422) and tRPC share.
 * - Text PostgreSQL cannot store: a NUL character in a text value (22021), a `\u0000` or an
 *   unpaired surrogate's escape in jsonb (22P05, or 22P02 from the json parser). That is the
 *   caller's input, whatever the field, so it is a 400 and not a 500 (the body parsers refuse
 *   such text before it gets here: server/request/json-text.ts).
 * - A path parameter the router could not decode (`%FF`, an encoded surrogate).
 * - body-parser's own errors (a body read as bytes in server/request/body.ts).
 */
export function inputErrorOf(err: unknown): AppError | RequestError | undefined {
  if (err instanceof RequestError) return err;
  const pg = pgError(err);
  if (pg) {
    const badJsonText = pg.code === '22P02' && /\bjson\b|unicode/i.test(pg.message ?? '');
    if (pg.code !== '22021' && pg.code !== '22P05' && !badJsonText) return undefined;
    const message = unstorable('Text');
    return new AppError('BAD_REQUEST', message, [{ field: 'request', message }]);
  }
  // tRPC raises some of its own input errors with no cause at all.
  if (typeof err !== 'object' || err === null) return undefined;
  const http = err as { status?: unknown; type?: unknown };
  if (err instanceof URIError && http.status === 400) {
    return new RequestError(400, 'The path is not valid percent-encoded UTF-8');
  }
  if (
    typeof http.type === 'string' &&
    (http.status === 400 || http.status === 413 || http.status === 415)
  ) {
    return new RequestError(http.status, BODY_PARSER[http.type] ?? 'Bad Request');
  }
  return undefined;
}
