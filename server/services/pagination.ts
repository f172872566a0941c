import { z } from 'zod';

/**
 * A query-string integer: digits only, so `1.5`, `abc` or `1e3` are refused rather than
 * silently coerced. Messages follow class-validator, whose words the APIs' clients know.
 */
export function queryInt(field: string, min: number, max: number, fallback: number) {
  return z
    .union([z.string(), z.number()], { error: `${field} must be an integer number` })
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined || raw === '') return fallback;
      const text = String(raw).trim();
      if (!/^-?\d+$/.test(text)) {
        ctx.addIssue({ code: 'custom', message: `${field} must be an integer number` });
        return z.NEVER;
      }
      const n = Number(text);
      if (n < min)
        ctx.addIssue({ code: 'custom', message: `${field} must not be less than ${min}` });
      else if (n > max)
        ctx.addIssue({ code: 'custom', message: `${field} must not be greater than ${max}` });
      return n;
    });
}

export const MAX_LIMIT = 100;

/** Ids are PostgreSQL `integer`s: a larger number must be refused before it reaches a query. */
export const INT4_MAX = 2_147_483_647;

/** A row id in a body or tRPC input: a positive int4, in class-validator's words. */
export function idField(field: string) {
  return z
    .number({
      error: (i) =>
        i.input == null ? `${field} should not be empty` : `${field} must be an integer number`,
    })
    .int(`${field} must be an integer number`)
    .positive(`${field} must be a positive number`)
    .max(INT4_MAX, `${field} must not be greater than ${INT4_MAX}`);
}

export function pageQuery(defaultLimit: number) {
  return {
    page: queryInt('page', 1, 1_000_000, 1),
    limit: queryInt('limit', 1, MAX_LIMIT, defaultLimit),
  };
}

export interface Page<T> {
  data: T[];
  total: number;
  page: number;
  limit: number;
  totalPages: number;
}

export function toPage<T>(data: T[], total: number, page: number, limit: number): Page<T> {
  return { data, total, page, limit, totalPages: Math.ceil(total / limit) };
}

export const offsetOf = (page: number, limit: number) => (page - 1) * limit;

/** `true`/`false` in a query string; anything else is a validation error. */
export function queryBool(field: string) {
  return z
    .union([z.string(), z.boolean()], { error: `${field} must be a boolean value` })
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined || raw === '') return undefined;
      if (raw === true || raw === 'true' || raw === '1') return true;
      if (raw === false || raw === 'false' || raw === '0') return false;
      ctx.addIssue({ code: 'custom', message: `${field} must be a boolean value` });
      return z.NEVER;
    });
}

/** Escapes LIKE wildcards so a `%`, `_` or `\` typed by the user matches itself. */
export function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
