import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { seedDemoIfEmpty } from '../server/demo/seed';
import { freshDatabasePerTest } from './helpers/fresh-database';
import { type ServerProcess, spawnServer } from './helpers/process';

const scratch = await mkdtemp(path.join(tmpdir(), 'inbox-demo-seed-'));
const processes: ServerProcess[] = [];
const databases = freshDatabasePerTest('demo');

afterAll(async () => {
  await Promise.all(processes.map((p) => p.stop()));
  await rm(scratch, { recursive: true, force: true });
});

async function start(dataDir: string, seed: 'true' | 'false') {
  const run = await spawnServer({
    DATABASE_URL: databases.url(),
    DATA_DIR: dataDir,
    SEED_DEMO: seed,
  });
  processes.push(run);
  return run;
}

async function query<T>(fn: (db: postgres.Sql) => Promise<T>): Promise<T> {
  const db = postgres(databases.url(), { max: 1, onnotice: () => {} });
  try {
    return await fn(db);
  } finally {
    await db.end();
  }
}

/** Every login the start printed: the admin's, then each demo agent's. */
function printedLogins(run: ServerProcess) {
  return [...run.output().matchAll(/Demo (login|agent): (\S+) \/ (\S+)/g)].map((m) => ({
    email: m[2]!,
    password: m[3]!,
  }));
}

async function logsIn(run: ServerProcess, login: { email: string; password: string }) {
  const res = await fetch(`${run.url}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(login),
  });
  return res.status;
}

/** The seeded rows a second start must leave as they are. */
const SEEDED = [
  'workspaces',
  'users',
  'integrations',
  'contacts',
  'conversations',
  'messages',
  'conversation_notes',
  'csat_responses',
];
const counts = () =>
  query(async (db) => {
    const out: Record<string, number> = {};
    for (const table of SEEDED)
      out[table] = (await db.unsafe(`select count(*)::int as n from ${table}`))[0]!.n as number;
    return out;
  });

describe('the demo data of a first start', () => {
  it('holds a conversation in every state, prints each demo login, and a second start adds nothing', async () => {
    const dataDir = path.join(scratch, 'seeded');
    const first = await start(dataDir, 'true');
    const logins = printedLogins(first);
    expect(logins.map((l) => l.email)).toEqual([
      'admin@demo.local',
      'ana@demo.local',
      'bruno@demo.local',
    ]);
    // Each its own generated password, and each one works.
    expect(new Set(logins.map((l) => l.password)).size).toBe(3);
    for (const login of logins) expect(await logsIn(first, login), login.email).toBe(200);

    const states = await query(
      (db) => db`select c.status, c.channel, a.email as assignee, c.assigned_bot_id is not null
          as bot, c.handoff_reason, c.csw_expires_at > now() as window_open,
          c.message_count, c.last_message_at < now() as dated
        from conversations c left join users a on a.id = c.assigned_user_id order by c.id`,
    );
    expect(states.length).toBeGreaterThanOrEqual(6);
    const has = (match: (c: (typeof states)[number]) => boolean) => states.some(match);
    // The bot answering; waiting for an agent with the bot's reason; assigned; paused; ended.
    expect(has((c) => c.status === 'active' && c.bot && c.channel === 'WIDGET')).toBe(true);
    expect(has((c) => c.status === 'active' && !c.bot && !c.assignee && !!c.handoff_reason)).toBe(
      true,
    );
    expect(has((c) => c.status === 'active' && c.assignee === 'ana@demo.local')).toBe(true);
    expect(has((c) => c.status === 'paused' && c.assignee === 'bruno@demo.local')).toBe(true);
    expect(has((c) => c.status === 'ended')).toBe(true);
    expect(
      has((c) => c.channel === 'WHATSAPP_CLOUD' && c.status === 'active' && c.window_open),
    ).toBe(true);
    for (const c of states) {
      expect(c.message_count).toBeGreaterThan(0);
      expect(c.dated).toBe(true);
    }
    const [extras] = await query(
      (db) => db`select
        (select count(*)::int from conversation_notes) as notes,
        (select count(*)::int from events where type = 'conversation:handoff') as handoffs,
        (select count(*)::int from events where type = 'conversation:assigned') as assignments`,
    );
    expect(extras!.notes).toBeGreaterThan(0);
    expect(extras!.handoffs).toBeGreaterThan(0);
    expect(extras!.assignments).toBeGreaterThan(0);
    // Ended conversations rated by their customers, so the dashboard's satisfaction shows.
    const ratings = await query(
      (db) => db`select r.rating, r.comment is not null as commented, u.email as agent
        from csat_responses r left join users u on u.id = r.user_id
        where r.answered_at is not null order by r.answered_at`,
    );
    expect(ratings.map((r) => [r.rating, r.commented, r.agent])).toEqual([
      [4, true, 'bruno@demo.local'],
      [5, true, 'ana@demo.local'],
    ]);

    const before = await counts();
    expect(await first.stop()).toBe(0);
    const second = await start(dataDir, 'true');
    expect(await counts()).toEqual(before);
    // The same logins, printed again from DATA_DIR.
    expect(printedLogins(second)).toEqual(logins);
    expect(await second.stop()).toBe(0);
  }, 120_000);

  it('is not there with SEED_DEMO=false', async () => {
    const run = await start(path.join(scratch, 'unseeded'), 'false');
    expect(run.output()).not.toMatch(/Demo (login|agent)/);
    expect(await counts()).toEqual(Object.fromEntries(SEEDED.map((t) => [t, 0])));
    expect(await run.stop()).toBe(0);
  }, 60_000);
});

describe('the kept demo login', () => {
  it('reads a file from before the agents had their own passwords as sharing the admin’s', async () => {
    // This file's own database: seeded once here, so the second call only reads the file.
    expect(await seedDemoIfEmpty(await mkdtemp(path.join(scratch, 'in-process-')))).not.toBeNull();
    const older = await mkdtemp(path.join(scratch, 'older-'));
    await writeFile(
      path.join(older, 'demo-login.json'),
      JSON.stringify({
        email: 'admin@demo.local',
        password: 'demo-old',
        agents: ['ana@demo.local', 'bruno@demo.local'],
      }),
    );
    expect(await seedDemoIfEmpty(older)).toEqual({
      email: 'admin@demo.local',
      password: 'demo-old',
      agents: [
        { email: 'ana@demo.local', password: 'demo-old' },
        { email: 'bruno@demo.local', password: 'demo-old' },
      ],
    });
  });
});
