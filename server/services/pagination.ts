import { z } from 'zod';

/**
 * A query-string integer: digits only, so `1.5`, `abc` or `1e3` are refused rather than
 * silently coerced. Messages follow class-validator (the seeds' framework).
 */
export function queryInt(field: string, min: number, max: number, fallback: number) {
  return z
    .union([z.string(), z.number()])
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
    .union([z.string(), z.boolean()])
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
