import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { count, sql } from 'drizzle-orm';
import { randomToken } from '../auth/secrets';
import { db, type Tx } from '../db/client';
import {
  applications,
  chatbots,
  contacts,
  contactTags,
  devices,
  integrations,
  servers,
  tags,
  workspaces,
} from '../db/schema';
import { newPublicKey } from '../services/chatbots';
import { publishFlow, saveDraft } from '../services/flows/store';
import { insertUser } from '../services/users';
import { createWorkspace } from '../services/workspaces';
import { seedDemoKnowledge } from './knowledge/seed';
import { PIZZERIA_FLOW } from './pizzeria-flow';

export interface DemoLogin {
  email: string;
  password: string;
  agents: string[];
}

const ADMIN = 'admin@demo.local';
const AGENTS = ['ana@demo.local', 'bruno@demo.local'];

/**
 * Seeds a demo workspace when the database has none (the first start). The generated password
 * is kept in DATA_DIR so later starts can print the login again. The seed and that file succeed
 * together or not at all: a workspace whose admin password nobody was ever shown is useless.
 */
export async function seedDemoIfEmpty(dataDir: string): Promise<DemoLogin | null> {
  const file = path.join(dataDir, 'demo-login.json');
  let written = false;
  try {
    const seeded = await db.transaction(async (tx) => {
      // Processes starting together on an empty database take turns; the later ones find the
      // first one's workspace.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext('support-inbox demo seed'))`);
      const [existing] = await tx.select({ n: count() }).from(workspaces);
      if ((existing?.n ?? 0) > 0) return null;
      const login = { email: ADMIN, password: `demo-${randomToken(9)}`, agents: AGENTS };
      await insertDemoWorkspace(login.password, tx);
      // Before the commit: if the login cannot be kept, the transaction rolls back.
      await writeLogin(file, login);
      written = true;
      return login;
    });
    if (seeded) return seeded;
  } catch (err) {
    // The commit itself failed after the file was written: no login for a workspace not there.
    if (written) await rm(file, { force: true });
    throw err;
  }
  return existsSync(file) ? (JSON.parse(await readFile(file, 'utf8')) as DemoLogin) : null;
}

/** Written whole or not at all (a crash mid-write leaves no half file), DATA_DIR made if new. */
async function writeLogin(file: string, login: DemoLogin): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const partial = `${file}.partial`;
  await writeFile(partial, JSON.stringify(login), { mode: 0o600 });
  await rename(partial, file);
}

async function insertDemoWorkspace(password: string, tx: Tx): Promise<void> {
  const ws = await createWorkspace('Demo Support', tx);
  const workspaceId = ws.id;
  const admin = await insertUser(
    workspaceId,
    { name: 'Demo Admin', email: ADMIN, password, role: 'admin' },
    tx,
  );
  for (const [i, email] of AGENTS.entries()) {
    const name = i === 0 ? 'Ana Agent' : 'Bruno Agent';
    await insertUser(workspaceId, { name, email, password, role: 'agent', capacity: 5 }, tx);
  }
  const [bot] = await tx
    .insert(chatbots)
    .values({
      workspaceId,
      name: 'Demo Assistant',
      publicKey: newPublicKey(),
      systemPrompt: 'You are the friendly support assistant of an internet TV provider.',
      greeting: 'Hi! I am the demo assistant. Ask me about plans, payments or setup.',
    })
    .returning();
  // The demo help centre (31 articles in en/pt/es): what the bot answers from, key or no key.
  await seedDemoKnowledge({ userId: admin.id, workspaceId, role: 'admin' }, bot!.id, tx);
  // Seed 002's pizzeria as the chatbot's flow, published as version 1: a flow seen working.
  const asAdmin = { userId: admin.id, workspaceId, role: 'admin' as const };
  await saveDraft(asAdmin, bot!.id, PIZZERIA_FLOW, tx);
  await publishFlow(asAdmin, bot!.id, tx);
  await tx.insert(integrations).values({
    workspaceId,
    channel: 'WIDGET',
    name: 'Website chat',
    defaultChatbotId: bot!.id,
  });
  const tagRows = await tx
    .insert(tags)
    .values([
      { workspaceId, name: 'VIP', color: '#d97706' },
      { workspaceId, name: 'New customer', color: '#2563eb' },
      { workspaceId, name: 'Billing', color: '#16a34a' },
    ])
    .returning();
  const contactRows = await tx
    .insert(contacts)
    .values([
      {
        workspaceId,
        externalId: '5511999990001@c.us',
        name: 'João Silva',
        phoneNumber: '5511999990001',
        notes: 'Prefers WhatsApp',
      },
      {
        workspaceId,
        externalId: '5511999990002@c.us',
        name: 'Maria Santos',
        phoneNumber: '5511999990002',
      },
      { workspaceId, externalId: 'visitor-demo-1', name: 'Website visitor' },
      {
        workspaceId,
        externalId: '5511999990004@c.us',
        name: 'Carlos Pereira',
        phoneNumber: '5511999990004',
      },
    ])
    .returning();
  await tx.insert(contactTags).values([
    { workspaceId, contactId: contactRows[0]!.id, tagId: tagRows[0]!.id },
    { workspaceId, contactId: contactRows[0]!.id, tagId: tagRows[2]!.id },
    { workspaceId, contactId: contactRows[1]!.id, tagId: tagRows[1]!.id },
  ]);
  await tx.insert(servers).values([
    { workspaceId, name: 'Server Principal' },
    { workspaceId, name: 'Backup' },
  ]);
  await tx.insert(devices).values([
    { workspaceId, name: 'Smart TV' },
    { workspaceId, name: 'Android phone' },
  ]);
  await tx.insert(applications).values([
    { workspaceId, name: 'IPTV Player' },
    { workspaceId, name: 'Web player' },
  ]);
}
