import { and, eq } from 'drizzle-orm';
import { sha256 } from '../auth/secrets';
import { type DbOrTx, db } from '../db/client';
import { idempotencyKeys } from '../db/schema';
import { AppError } from '../errors';

export interface Replayable<T> {
  status: number;
  body: T;
}

/** A caller's key for one kind of request (`scope`), in its workspace. */
export interface IdempotencyKey {
  workspaceId: number;
  scope: string;
  key: string | undefined;
}

/** JSON with sorted keys, so `{a,b}` and `{b,a}` are the same request. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * Runs `work` at most once per (workspace, scope, key), in one transaction with the key's row:
 * the key row is inserted first, so a concurrent retry waits for this commit and then replays
 * the stored answer (its status and body as `work` answered them). The same key with a
 * different request is refused (422). Without a key, `work` just runs in a transaction.
 */
export function once<T>(
  ident: IdempotencyKey,
  request: unknown,
  work: (tx: DbOrTx) => Promise<Replayable<T>>,
): Promise<Replayable<T> & { replayed: boolean }> {
  return db.transaction((tx) => onceIn(tx, ident, request, () => work(tx)));
}

async function onceIn<T>(
  tx: DbOrTx,
  ident: IdempotencyKey,
  request: unknown,
  work: () => Promise<Replayable<T>>,
): Promise<Replayable<T> & { replayed: boolean }> {
  if (!ident.key) return { ...(await work()), replayed: false };
  if (ident.key.length > 255) {
    throw new AppError('BAD_REQUEST', 'Idempotency-Key must be at most 255 characters');
  }
  const requestHash = sha256(canonical(request));
  const [claimed] = await tx
    .insert(idempotencyKeys)
    .values({ workspaceId: ident.workspaceId, scope: ident.scope, key: ident.key, requestHash })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  const where = and(
    eq(idempotencyKeys.workspaceId, ident.workspaceId),
    eq(idempotencyKeys.scope, ident.scope),
    eq(idempotencyKeys.key, ident.key),
  );
  if (claimed) {
    const result = await work();
    await tx
      .update(idempotencyKeys)
      .set({ statusCode: result.status, response: result.body })
      .where(where);
    return { ...result, replayed: false };
  }
  const [stored] = await tx.select().from(idempotencyKeys).where(where);
  if (!stored || stored.requestHash !== requestHash) {
    throw new AppError(
      'UNPROCESSABLE',
      'Idempotency-Key was already used with a different request',
    );
  }
  if (stored.statusCode === null) {
    throw new AppError('CONFLICT', 'A request with this Idempotency-Key is still being processed');
  }
  return { status: stored.statusCode, body: stored.response as T, replayed: true };
}
