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
import { DEMO_CONVERSATIONS } from './conversations';
import { seedDemoKnowledge } from './knowledge/seed';
import { PIZZERIA_FLOW } from './pizzeria-flow';
import { type DemoCast, stageConversation } from './stage';

export interface DemoAccount {
  email: string;
  password: string;
}

/** The logins a first start prints: the admin's and each demo agent's, every one generated then. */
export interface DemoLogin extends DemoAccount {
  agents: DemoAccount[];
}

const ADMIN = 'admin@demo.local';
const AGENTS = [
  { key: 'ana', name: 'Ana Agent', email: 'ana@demo.local' },
  { key: 'bruno', name: 'Bruno Agent', email: 'bruno@demo.local' },
] as const;

const demoPassword = () => `demo-${randomToken(9)}`;

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
      const login: DemoLogin = {
        email: ADMIN,
        password: demoPassword(),
        agents: AGENTS.map((a) => ({ email: a.email, password: demoPassword() })),
      };
      await insertDemoWorkspace(login, tx);
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
  return existsSync(file) ? readLogin(await readFile(file, 'utf8')) : null;
}

/**
 * The kept login. A file from before the agents had their own passwords lists their emails
 * alone: they were seeded with the admin's password then.
 */
function readLogin(text: string): DemoLogin {
  const kept = JSON.parse(text) as DemoAccount & { agents?: (string | DemoAccount)[] };
  const agents = (kept.agents ?? []).map((a) =>
    typeof a === 'string' ? { email: a, password: kept.password } : a,
  );
  return { email: kept.email, password: kept.password, agents };
}

/** Written whole or not at all (a crash mid-write leaves no half file), DATA_DIR made if new. */
async function writeLogin(file: string, login: DemoLogin): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const partial = `${file}.partial`;
  await writeFile(partial, JSON.stringify(login), { mode: 0o600 });
  await rename(partial, file);
}

async function insertDemoWorkspace(login: DemoLogin, tx: Tx): Promise<void> {
  const ws = await createWorkspace('Demo Support', tx);
  const workspaceId = ws.id;
  const admin = await insertUser(
    workspaceId,
    { name: 'Demo Admin', email: ADMIN, password: login.password, role: 'admin' },
    tx,
  );
  const agentIds: Record<string, number> = {};
  for (const [i, a] of AGENTS.entries()) {
    const password = login.agents[i]!.password;
    const user = await insertUser(
      workspaceId,
      { name: a.name, email: a.email, password, role: 'agent', capacity: 5 },
      tx,
    );
    agentIds[a.key] = user.id;
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
  const [widget, whatsapp] = await tx
    .insert(integrations)
    .values([
      { workspaceId, channel: 'WIDGET', name: 'Website chat', defaultChatbotId: bot!.id },
      {
        // No credentials: the demo's WhatsApp conversations arrived before the first start, and
        // a reply to them fails with the provider's words until a real number is connected.
        workspaceId,
        channel: 'WHATSAPP_CLOUD',
        name: 'WhatsApp (demo number)',
        phoneNumber: '5511900000000',
        defaultChatbotId: bot!.id,
      },
    ])
    .returning();
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
  const actor = (userId: number, role: 'admin' | 'agent') => ({ userId, workspaceId, role });
  const cast: DemoCast = {
    workspaceId,
    chatbot: bot!,
    integrationIds: { WIDGET: widget!.id, WHATSAPP_CLOUD: whatsapp!.id },
    people: {
      admin: asAdmin,
      ana: actor(agentIds.ana!, 'agent'),
      bruno: actor(agentIds.bruno!, 'agent'),
    },
  };
  // Each in a savepoint of the seed's transaction: all of the demo or none of it.
  for (const demo of DEMO_CONVERSATIONS)
    await tx.transaction((sp) => stageConversation(sp, cast, demo));
}
