import { expect } from 'vitest';
import type { RawResponse } from './http';
import { changedTables, workspaceSnapshot } from './snapshot';
import { type Ids, missingIds, type Owned, type World } from './world';

/**
 * The ids a caller of `b` sends when it aims at one of `a`'s rows (`kind`) and names its own
 * rows for everything else, and the same request aimed at a row that does not exist.
 */
export function aimed(a: World, b: World, kind: Owned): { theirs: Ids; missing: Ids } {
  const missing = missingIds();
  return {
    theirs: { ...b.ids, [kind]: a.ids[kind] },
    missing: { ...b.ids, [kind]: missing[kind] },
  };
}

/**
 * The answer with the ids it may echo taken out, so two refusals compare equal (of a success,
 * only its status: its body carries the times of the write).
 */
export function refusal(res: RawResponse, ids: unknown[]) {
  if (res.status < 400 && !(res.json as { error?: unknown } | undefined)?.error)
    return { status: res.status };
  let text = res.text;
  for (const id of ids) text = text.split(String(id)).join('<id>');
  return { status: res.status, text };
}

/**
 * Runs `attempt` (a caller of another workspace aiming at `a`'s rows) and fails naming the
 * tables of `a` it changed.
 */
export async function leavesUnchanged(a: World, label: string, attempt: () => Promise<void>) {
  const before = await workspaceSnapshot(a.workspaceId);
  await attempt();
  const after = await workspaceSnapshot(a.workspaceId);
  expect(changedTables(before, after), `${label} changed another workspace's rows`).toEqual([]);
}
