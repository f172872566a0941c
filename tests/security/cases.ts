import type { Role } from '../../shared/enums';
import type { Ids, Owned, World } from './world';

/** A request to one route, before the fuzzer spoils it. */
export interface Req {
  /** The path with its ids filled in (and a query string, if any). */
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** Headers that authenticate the exact bytes sent (a webhook's signature). */
  sign?: (raw: string) => Record<string, string>;
}

/**
 * One REST route of the coverage list: how to build a valid request for `w`'s caller aimed at
 * the rows `ids` names, which workspace-owned ids it takes, and as whom.
 */
export interface RestCase {
  method: string;
  /** The path as the router declares it: `/contacts/:id`. */
  path: string;
  /** public: no token; user: a user's Bearer token; webhook: a provider's secret. */
  caller: 'public' | 'user' | 'webhook';
  /** The role of the caller the valid request is made as (null: public and webhook routes). */
  role: Role | null;
  /** The workspace-owned ids the request names, in its path or its body. */
  owns: readonly Owned[];
  request(w: World, ids: Ids): Req;
  /**
   * Body ids the route ignores when they name no row of the caller's workspace (as seed 003's
   * tag removal does): there another workspace's row must be ignored the same way.
   */
  ignores?: readonly Owned[];
  /** What a caller of another workspace gets on this workspace's rows (404 unless said). */
  crossStatus?: number;
  /** A valid request's status, when it is not 2xx (sign-up may be off, ...). */
  okStatus?: number[];
}

export interface ProcedureCase {
  name: string;
  role: Role | null;
  owns: readonly Owned[];
  ignores?: readonly Owned[];
  /** The error code a valid call over HTTP gets, for a procedure only a WebSocket may call. */
  httpRefusal?: string;
  input(w: World, ids: Ids): unknown;
}

export type ErrorFormat = 'nest' | 'laravel';

/** Seed 004's paths answer Laravel's bodies; every other REST path the NestJS one. */
export const formatOf = (path: string): ErrorFormat =>
  /^\/api\/v1\/chat(\/|$|\?)/i.test(path) ? 'laravel' : 'nest';

export const restKeyOf = (c: { method: string; path: string }) => `${c.method} ${c.path}`;

const withRole = (w: World, role: Role | null) => w.tokens[role ?? 'admin'];

/** The Bearer header a case's caller sends (none for public and webhook routes). */
export function authHeaders(c: RestCase, w: World): Record<string, string> {
  if (c.caller !== 'user') return {};
  const headers: Record<string, string> = { authorization: `Bearer ${withRole(w, c.role)}` };
  if (formatOf(c.path) === 'laravel') headers['x-public-key'] = w.publicKey;
  return headers;
}

export const tokenOf = (w: World, role: Role | null) => withRole(w, role);

/**
 * Deletes (and other ends) run last, children before parents, each ranked by the row it acts on
 * (its first owned id; a tie keeps the list's order), so a valid run of the list keeps its rows.
 */
const DELETE_ORDER: Owned[] = [
  'cannedResponse',
  'tool',
  'article',
  'collection',
  'account',
  'apiKey',
  'conversation',
  'conversationUuid',
  'contact',
  'tag',
  'server',
  'device',
  'application',
  'integrationId',
  'chatbot',
  'user',
];

/** Where a call goes in a run of the list: 'keep' first, then 'end' (ends a row), then 'delete'. */
export type Stage = 'keep' | 'end' | 'delete';

export function runOrder<T extends { owns: readonly Owned[] }>(
  cases: T[],
  stage: (c: T) => Stage,
): T[] {
  const rank = (c: T) => {
    const s = stage(c);
    return s === 'keep' ? 0 : s === 'end' ? 1 : 2 + DELETE_ORDER.indexOf(c.owns[0] ?? 'user');
  };
  return [...cases].sort((a, b) => rank(a) - rank(b));
}

/**
 * A procedure's stage by its name: removals last, and what spends a session or a row's life
 * (a reopen follows the end, in the list's order, since only an ended conversation reopens).
 */
export const procedureStage = (c: { name: string }): Stage =>
  /\.(delete|revoke)$/.test(c.name)
    ? 'delete'
    : /\.(end|reopen|rotate|refresh|logout)$/.test(c.name)
      ? 'end'
      : 'keep';
