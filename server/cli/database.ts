import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import type { Config } from '../config';
import { db } from '../db/client';
import { type Chatbot, chatbots } from '../db/schema';
import { refOf } from '../services/ids';

/*
 * What an operator's command needs of the database. With DATABASE_URL set, that database.
 * Without it the product runs an embedded PostgreSQL (server/db/embedded.ts): its cluster in
 * `<DATA_DIR>/pg`, the password in `<DATA_DIR>/pg-password`, user and database `postgres`, on
 * 127.0.0.1. A command connects to that running server; it never starts one, since two
 * postmasters on one data dir is what the embedded start-up guards against.
 */

export class NoDatabase extends Error {}

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: alive, someone else's (postgres runs as its own user when we are root).
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** The URL of the database the running product uses. */
export function databaseUrlOf(
  config: Pick<Config, 'DATABASE_URL' | 'dataDir' | 'EMBEDDED_PG_PORT'>,
) {
  if (config.DATABASE_URL) return config.DATABASE_URL;
  const notRunning = new NoDatabase(
    `no database: start the product first (npm start) or set DATABASE_URL (looked for the embedded PostgreSQL in ${path.join(config.dataDir, 'pg')})`,
  );
  const pidFile = path.join(config.dataDir, 'pg', 'postmaster.pid');
  const passwordFile = path.join(config.dataDir, 'pg-password');
  if (!existsSync(pidFile) || !existsSync(passwordFile)) throw notRunning;
  // postmaster.pid: the pid on line 1, the port on line 4 (PostgreSQL's own layout); the port
  // it runs on wins over EMBEDDED_PG_PORT, which may have changed since it started.
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number.parseInt(lines[0] ?? '', 10);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) throw notRunning;
  const port = Number.parseInt(lines[3] ?? '', 10) || config.EMBEDDED_PG_PORT;
  const password = readFileSync(passwordFile, 'utf8').trim();
  return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
}

/**
 * A chatbot by numeric id or uuid in any workspace: the command line is the operator's, like a
 * migration, and names no workspace. It lives here, in a surface nothing imports, so no tRPC
 * procedure can reach a lookup that is not scoped to the caller's workspace.
 */
export async function findChatbotAnywhere(raw: string): Promise<Chatbot | undefined> {
  const ref = refOf(raw);
  if (!ref) return undefined;
  const [row] = await db
    .select()
    .from(chatbots)
    .where(and('id' in ref ? eq(chatbots.id, ref.id) : eq(chatbots.uuid, ref.uuid)));
  return row;
}
