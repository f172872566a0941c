import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { decryptSecret } from '../server/auth/secrets';
import { db } from '../server/db/client';
import { contactUserAccounts } from '../server/db/schema';
import { makeAccount } from './factories/account';
import { makeUser } from './factories/user';
import { callerFor } from './helpers/auth';
import { accountSetup, crmWorkspace, watchSecrets } from './helpers/crm';
import { serverForThisFile } from './helpers/server';

const srv = serverForThisFile();
// Every response body and log line of this file is scanned for the passwords at the end.
const watch = watchSecrets(srv);
const { secret, call } = watch;

describe('password_final', () => {
  it('is stored encrypted (AES-256-GCM) and only revealed to supervisors, who are recorded', async () => {
    const { workspace, admin, actor } = await accountSetup();
    const password = secret('reveal');
    const account = await makeAccount(actor, { password_final: password });
    const [row] = await db
      .select({ sealed: contactUserAccounts.passwordFinalEncrypted })
      .from(contactUserAccounts)
      .where(eq(contactUserAccounts.id, account.id));
    expect(row!.sealed).not.toContain(password);
    expect(row!.sealed).toMatch(/^v1:/);
    expect(decryptSecret(row!.sealed)).toBe(password);

    const agent = await makeUser(workspace.id, { role: 'agent' });
    await expect(
      callerFor(agent).accounts.revealPassword({ id: account.id }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(callerFor(agent).accounts.revealHistory({ id: account.id })).rejects.toMatchObject(
      {
        code: 'FORBIDDEN',
      },
    );
    const supervisor = await makeUser(workspace.id, { role: 'supervisor' });
    const before = Date.now();
    const revealed = await callerFor(supervisor).accounts.revealPassword({ id: account.id });
    expect(revealed).toMatchObject({ id: account.id, password_final: password });
    expect(Date.parse(revealed.revealed_at)).toBeGreaterThanOrEqual(before - 1000);
    await callerFor(admin).accounts.revealPassword({ id: account.id });
    const history = await callerFor(admin).accounts.revealHistory({ id: account.id });
    expect(history.map((h) => h.user_id)).toEqual([supervisor.id, admin.id]);
    watch.record(JSON.stringify(history));

    const other = await crmWorkspace();
    const outsider = await makeUser(other.workspace.id, { role: 'supervisor' });
    await expect(
      callerFor(outsider).accounts.revealPassword({ id: account.id }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await callerFor(admin).accounts.revealHistory({ id: account.id })).toHaveLength(2);
  });

  it('changes on PATCH, and neither REST nor tRPC ever returns it', async () => {
    const { admin, token, contact, server } = await accountSetup();
    const caller = callerFor(admin);
    const created = await caller.accounts.create({
      contact_id: contact.id,
      username_final: 'trpc',
      password_final: secret('trpc-first'),
      server_id: server.id,
      date_exp: new Date(Date.now() + 86_400_000).toISOString(),
    });
    const second = secret('trpc-second');
    const updated = await caller.accounts.update({
      id: created.id,
      patch: { password_final: second },
    });
    expect((await caller.accounts.revealPassword({ id: created.id })).password_final).toBe(second);
    const third = secret('rest-third');
    const patched = await call('PATCH', `/contact-user-accounts/${created.id}`, token, {
      password_final: third,
    });
    expect(patched.status).toBe(200);
    expect((await caller.accounts.revealPassword({ id: created.id })).password_final).toBe(third);
    expect((await call('GET', `/contact-user-accounts/${created.id}`, token)).body).toMatchObject({
      id: created.id,
      username_final: 'trpc',
    });
    const answers = JSON.stringify([
      created,
      updated,
      await caller.accounts.get({ id: created.id }),
      await caller.accounts.list({}),
      await caller.accounts.ofContact({ contactId: contact.id }),
      await caller.accounts.expiring({ withinDays: 2 }),
    ]);
    expect(answers).toContain('"username_final":"trpc"');
    watch.record(answers);
  });
});

describe('accounts.expiring', () => {
  it('lists accounts whose date_exp falls within the window, soonest first', async () => {
    const { workspace, actor, contact, server } = await accountSetup();
    const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();
    const at = async (d: number | null) =>
      (
        await makeAccount(actor, {
          contact_id: contact.id,
          server_id: server.id,
          date_exp: d === null ? null : inDays(d),
          password_final: secret('exp'),
        })
      ).id;
    const in10 = await at(10);
    const in2 = await at(2);
    await at(-1);
    await at(null);
    await at(40);
    const other = await crmWorkspace();
    await makeAccount(other.actor, { date_exp: inDays(1), password_final: secret('other') });

    const agent = callerFor(await makeUser(workspace.id));
    const week = await agent.accounts.expiring({ withinDays: 7 });
    expect(week.map((a) => a.id)).toEqual([in2]);
    expect(week[0]).toMatchObject({ contact_name: contact.name });
    const month = await agent.accounts.expiring({ withinDays: 30 });
    expect(month.map((a) => a.id)).toEqual([in2, in10]);
    expect(await agent.accounts.expiring({ withinDays: 0 })).toEqual([]);
    await expect(agent.accounts.expiring({ withinDays: -1 })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    watch.record(JSON.stringify(month));
  });
});

describe('secrecy', () => {
  it('no response body or log line of this file contained a plaintext password', () => {
    watch.assertNoneLeaked({ passwords: 8, bodies: 4, logPath: '/contact-user-accounts' });
  });
});
