import { describe, expect, it } from 'vitest';
import type { Actor } from '../server/auth/actor';
import { db } from '../server/db/client';
import { conversations, csatResponses, type User } from '../server/db/schema';
import * as stats from '../server/services/stats';
import { csatStats } from '../server/services/stats-csat';
import { makeUser } from './factories/user';
import { makeWorkspace } from './factories/workspace';
import { callerFor } from './helpers/auth';

const DAY = 86_400_000;
/** Today's UTC midnight: rows are placed relative to it so day buckets are deterministic. */
const today = new Date(Math.floor(Date.now() / DAY) * DAY);
const at = (days: number, seconds = 0) => new Date(today.getTime() + days * DAY + seconds * 1000);
const dayKey = (d: Date) => d.toISOString().slice(0, 10);
const actorOf = (u: User): Actor => ({ userId: u.id, workspaceId: u.workspaceId, role: u.role });

let seq = 0;
/** A survey of a new ended conversation: asked at `askedAt`, answered at `answeredAt`. */
async function survey(
  workspaceId: number,
  values: { userId?: number | null; rating?: number | null; askedAt: Date; answeredAt?: Date },
) {
  const [c] = await db
    .insert(conversations)
    .values({ workspaceId, channel: 'WIDGET', externalUserId: `csat-${++seq}`, status: 'ended' })
    .returning();
  await db.insert(csatResponses).values({
    workspaceId,
    conversationId: c!.id,
    channel: 'WIDGET',
    userId: values.userId ?? null,
    rating: values.rating ?? null,
    askedAt: values.askedAt,
    answeredAt: values.answeredAt ?? (values.rating ? values.askedAt : null),
  });
}

describe('stats: customer satisfaction (docs/dashboard.md, CSAT)', () => {
  it('averages, counts and distributes the ratings answered in the window, per day and per agent', async () => {
    const { workspace } = await makeWorkspace();
    const sue = await makeUser(workspace.id, { role: 'supervisor', name: 'Sue' });
    const ann = await makeUser(workspace.id, { name: 'Ann' });
    const bob = await makeUser(workspace.id, { name: 'Bob' });
    const w = workspace.id;
    await survey(w, { userId: ann.id, rating: 5, askedAt: at(0, 60) });
    await survey(w, { userId: ann.id, rating: 4, askedAt: at(0, 120) });
    await survey(w, { userId: ann.id, rating: 2, askedAt: at(-1, 60) });
    await survey(w, { userId: bob.id, rating: 1, askedAt: at(-1, 120) });
    await survey(w, { userId: null, rating: 3, askedAt: at(-2, 60) });
    // Asked, not answered: in `asked` only.
    await survey(w, { userId: bob.id, askedAt: at(0, 180) });
    // Asked before the window, answered in it: counted on the day answered.
    await survey(w, { userId: bob.id, rating: 5, askedAt: at(-30), answeredAt: at(0, 240) });
    // Out of the window, and another workspace's.
    await survey(w, { userId: ann.id, rating: 1, askedAt: at(-20) });
    const other = await makeWorkspace();
    await survey(other.workspace.id, { rating: 1, askedAt: at(0, 60) });

    const window = await stats.statsWindow({ days: 7 });
    const csat = await csatStats(actorOf(sue), window);
    expect(csat).toMatchObject({
      average: 20 / 6,
      count: 6,
      distribution: [1, 1, 1, 1, 2],
      asked: 6,
    });
    expect(csat.perAgent).toEqual([
      { userId: ann.id, name: 'Ann', average: 11 / 3, count: 3, distribution: [0, 1, 0, 1, 1] },
      { userId: bob.id, name: 'Bob', average: 3, count: 2, distribution: [1, 0, 0, 0, 1] },
      { userId: null, name: null, average: 3, count: 1, distribution: [0, 0, 1, 0, 0] },
    ]);
    const day = (d: number) => csat.perDay.find((x) => x.day === dayKey(at(d)));
    expect(csat.perDay).toHaveLength(7);
    expect(day(0)).toEqual({
      day: dayKey(at(0)),
      average: 14 / 3,
      count: 3,
      distribution: [0, 0, 0, 1, 2],
    });
    expect(day(-1)).toMatchObject({ average: 1.5, count: 2, distribution: [1, 1, 0, 0, 0] });
    expect(day(-3)).toEqual({
      day: dayKey(at(-3)),
      average: null,
      count: 0,
      distribution: [0, 0, 0, 0, 0],
    });
  });

  it("is on the supervisor's dashboard, and an agent may not read it", async () => {
    const { workspace } = await makeWorkspace();
    const sue = await makeUser(workspace.id, { role: 'supervisor', name: 'Sue' });
    const ann = await makeUser(workspace.id, { name: 'Ann' });
    await survey(workspace.id, { userId: ann.id, rating: 4, askedAt: at(0, 60) });
    const dashboard = await callerFor(sue).stats.dashboard({ days: 7 });
    expect(dashboard.csat).toMatchObject({ average: 4, count: 1, asked: 1 });
    await expect(callerFor(ann).stats.dashboard({ days: 7 })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});
