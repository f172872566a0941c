import { z } from 'zod';
import { AppError } from '../errors';
import { INT4_MAX } from './pagination';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A uuid as text (any case); a value that is not one names no row. */
export const isUuid = (text: string) => UUID.test(text);

export type EntityRef = { id: number } | { uuid: string };

/**
 * Routes accept both id kinds (design.md): integers (the CRM's rows) and uuids (the other APIs').
 * Anything else is a 404, as for an id that does not exist.
 */
export function parseRef(raw: string | number, what = 'Entity'): EntityRef {
  const ref = refOf(raw);
  if (!ref) throw new AppError('NOT_FOUND', `${what} not found`);
  return ref;
}

/** parseRef without the error: undefined for a string that names nothing. */
export function refOf(raw: string | number): EntityRef | undefined {
  const text = String(raw).trim();
  if (/^\d{1,10}$/.test(text) && Number(text) <= 2_147_483_647) return { id: Number(text) };
  if (UUID.test(text)) return { uuid: text.toLowerCase() };
  return undefined;
}

/**
 * An integer id in a JSON input (tRPC, policies): bounded like the integer columns it names,
 * so a huge id is a 400 and not a database error.
 */
export const rowId = z.number().int().positive().max(INT4_MAX);
