import { unstorable } from './services/messages/storable';

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
 * contract in rest/errors.ts. `issues` carries field-level validation messages.
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
function pgError(err: unknown): { code?: string; constraint_name?: string } | undefined {
  let e: unknown = err;
  for (let depth = 0; e && depth < 3; depth++) {
    const pg = e as { code?: string; constraint_name?: string; cause?: unknown };
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
 * Text PostgreSQL cannot store: a NUL character in a text value (22021), or a `\u0000` or an
 * unpaired surrogate's escape in jsonb (22P05). That is the caller's input, whatever the
 * field, so it is a 400 and not a 500. (Messages check theirs before writing:
 * services/messages/storable.ts.)
 */
export function inputErrorOf(err: unknown): AppError | undefined {
  const code = pgError(err)?.code;
  if (code !== '22021' && code !== '22P05') return undefined;
  return new AppError('BAD_REQUEST', unstorable('Text'));
}
