import { sql as dsql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { db, sql } from '../server/db/client';
import { hub } from '../server/realtime/hub';
import { makeWorkspace } from './factories/workspace';
import { serverForThisFile } from './helpers/server';
import { eventually } from './helpers/worker';

serverForThisFile();

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** An event written and committed now, through the same SQL function every event goes through. */
async function commitEvent(workspaceId: number, type: string): Promise<number> {
  const [row] = (await db.execute(
    dsql`select append_event(${workspaceId}, ${type}, null, '{}'::jsonb) as id`,
  )) as unknown as [{ id: string }];
  return Number(row.id);
}

/**
 * A transaction that has written an event (taken its id) and stays open until `end` says how
 * it ends.
 */
function openEvent(workspaceId: number) {
  let end: (how: 'commit' | 'rollback') => void = () => {};
  const ending = new Promise<'commit' | 'rollback'>((r) => {
    end = r;
  });
  let written: (id: number) => void = () => {};
  const id = new Promise<number>((r) => {
    written = r;
  });
  const done = sql
    .begin(async (tx) => {
      const [row] = await tx<{ id: string }[]>`
        select append_event(${workspaceId}, 'test:open', null, '{}'::jsonb) as id`;
      written(Number(row!.id));
      if ((await ending) === 'rollback') throw new Error('rolled back by the test');
    })
    .catch(() => {});
  return { id, end, done };
}

let unsubscribe = () => {};
afterEach(() => unsubscribe());

/**
 * A gap: an event whose transaction stays open (`open`, ending as the test says), and a later
 * event committed behind it; `ids` are the events the hub hands its subscribers.
 */
async function gap() {
  const { workspace } = await makeWorkspace();
  const ids: number[] = [];
  unsubscribe = hub.subscribe((e) => ids.push(e.id));
  const open = openEvent(workspace.id);
  const missing = await open.id;
  const later = await commitEvent(workspace.id, 'test:later');
  expect(later).toBeGreaterThan(missing);
  const delivered = () => eventually(async () => ids.includes(later), 5_000);
  return { ids, open, missing, later, delivered };
}

describe('the realtime hub and missing event ids', () => {
  it('holds later events while the missing id’s transaction is open, and drops it once rolled back', async () => {
    const { ids, open, missing, later, delivered } = await gap();
    await sleep(300);
    expect(ids).not.toContain(later);

    const skipped = { ...hub.gapsSkipped };
    open.end('rollback');
    await open.done;
    await delivered();
    expect(ids).not.toContain(missing);
    // Given up on because its transaction had ended, not because 2 s had passed.
    expect(hub.gapsSkipped).toEqual({
      writersEnded: skipped.writersEnded + 1,
      timedOut: skipped.timedOut,
    });
  });

  it('delivers the missing event first once its transaction commits', async () => {
    const { ids, open, missing, later, delivered } = await gap();
    await sleep(100);
    const skipped = { ...hub.gapsSkipped };
    open.end('commit');
    await open.done;
    await delivered();
    expect(ids.filter((id) => id === missing || id === later)).toEqual([missing, later]);
    expect(hub.gapsSkipped).toEqual(skipped);
  });
});
