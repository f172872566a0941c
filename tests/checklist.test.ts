import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../server/db/client';
import { type User, users } from '../server/db/schema';
import { seedDemoIfEmpty } from '../server/demo/seed';
import { updateArticle } from '../server/services/knowledge/articles';
import { makeArticle } from './factories/knowledge';
import { makeUser } from './factories/user';
import { makeWorkspace } from './factories/workspace';
import { actorOf, callerFor } from './helpers/auth';

const steps = (c: { steps: { step: string; done: boolean }[] }) =>
  Object.fromEntries(c.steps.map((s) => [s.step, s.done]));

// First, on this file's empty database: the demo workspace, whose seeded rows tick nothing.
let demoAdmin: User;
beforeAll(async () => {
  const login = await seedDemoIfEmpty(await mkdtemp(path.join(tmpdir(), 'checklist-demo-')));
  const [row] = await db.select().from(users).where(eq(users.email, login!.email));
  demoAdmin = row!;
});

describe('the first-start checklist', () => {
  it('is the admins’ alone: an agent and a supervisor are refused', async () => {
    const { workspace } = await makeWorkspace();
    for (const role of ['agent', 'supervisor'] as const) {
      const caller = callerFor(await makeUser(workspace.id, { role }));
      await expect(caller.checklist.get()).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(caller.checklist.dismiss()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    await expect(callerFor(null).checklist.get()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('on the demo workspace, counts none of the demo’s widget, articles and agents', async () => {
    const list = await callerFor(demoAdmin).checklist.get();
    expect(steps(list)).toEqual({ channel: false, knowledge: false, agents: false });
    expect(list.shown).toBe(true);
  });

  it('ticks each step from the workspace’s rows, and is gone when all are done', async () => {
    const { admin } = await makeWorkspace();
    const caller = callerFor(admin);
    expect(steps(await caller.checklist.get())).toEqual({
      channel: false,
      knowledge: false,
      agents: false,
    });

    await caller.integrations.create({ channel: 'WIDGET', name: 'Website chat' });
    expect(steps(await caller.checklist.get()).channel).toBe(true);

    // A draft is nothing the bot answers from; published, it is.
    const draft = await makeArticle(actorOf(admin), { status: 'draft' });
    expect(steps(await caller.checklist.get()).knowledge).toBe(false);
    await updateArticle(actorOf(admin), draft.id, { status: 'published' });
    expect(steps(await caller.checklist.get()).knowledge).toBe(true);

    expect((await caller.checklist.get()).shown).toBe(true);
    await makeUser(admin.workspaceId, { role: 'agent' });
    const done = await caller.checklist.get();
    expect(steps(done)).toEqual({ channel: true, knowledge: true, agents: true });
    expect(done.shown).toBe(false);
  });

  it('does not count another workspace’s rows', async () => {
    const { admin } = await makeWorkspace();
    const other = await makeWorkspace();
    await callerFor(other.admin).integrations.create({ channel: 'WIDGET', name: 'Theirs' });
    await makeArticle(actorOf(other.admin));
    await makeUser(other.workspace.id, { role: 'agent' });
    expect(steps(await callerFor(admin).checklist.get())).toEqual({
      channel: false,
      knowledge: false,
      agents: false,
    });
  });

  it('is dismissed per admin, and dismissing twice changes nothing', async () => {
    const { admin, workspace } = await makeWorkspace();
    const colleague = await makeUser(workspace.id, { role: 'admin' });
    const first = await callerFor(admin).checklist.dismiss();
    expect(first).toMatchObject({ dismissed: true, shown: false });
    expect(await callerFor(admin).checklist.dismiss()).toEqual(first);
    expect(await callerFor(admin).checklist.get()).toEqual(first);
    expect(await callerFor(colleague).checklist.get()).toMatchObject({
      dismissed: false,
      shown: true,
    });
  });
});
