import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readlinkSync } from 'node:fs';
import { freePort } from '../setup/global';

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** The exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  output(): string;
  stop(): Promise<number | null>;
}

export interface SpawnOptions {
  /** `npm`: through `npm start` (npm, its shell, node), as operators and containers run it. */
  via?: 'node' | 'npm';
  /** Its own process group (the child's pid is the group's id), as a terminal would start it. */
  group?: boolean;
}

/** The real server (`server/main.ts`) as a child process, waited for until /healthz is 200. */
export async function spawnServer(
  env: NodeJS.ProcessEnv,
  args: string[] = [],
  options: SpawnOptions = {},
): Promise<ServerProcess> {
  const port = await freePort();
  const merged = {
    ...process.env,
    PORT: String(port),
    BUILD_CONSOLE: 'false',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    ...env,
  };
  // A variable set to undefined is removed, not passed as the string "undefined".
  const childEnv = Object.fromEntries(Object.entries(merged).filter(([, v]) => v !== undefined));
  const [command, commandArgs] =
    options.via === 'npm'
      ? ['npm', ['start', '--silent', '--', ...args]]
      : [process.execPath, ['--import', 'tsx', 'server/main.ts', ...args]];
  const child = spawn(command, commandArgs, {
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: options.group ?? false,
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    if (Date.now() > deadline) throw new Error(`server never became healthy:\n${output}`);
    const res = await fetch(`${url}/healthz`).catch(() => null);
    if (res?.status === 200) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    child,
    exited,
    output: () => output,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/** Whether any process of the group `pgid` is still running. */
export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Processes whose working directory is `dir`: PostgreSQL's postmaster and every backend it
 * forks work in the data directory, so this finds a cluster's processes even once orphaned.
 */
export function processesWorkingIn(dir: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readlinkSync(`/proc/${entry}/cwd`) === dir) pids.push(Number(entry));
    } catch {
      // Gone meanwhile, or not ours to look at.
    }
  }
  return pids;
}

/** Logs in as the demo admin whose login the server printed on its first start. */
export async function demoAdminToken(run: ServerProcess): Promise<string> {
  const match = /Demo login: (\S+) \/ (\S+)/.exec(run.output());
  if (!match) throw new Error(`no demo login printed:\n${run.output()}`);
  const res = await fetch(`${run.url}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: match[1], password: match[2] }),
  });
  if (res.status !== 200) throw new Error(`demo login refused: ${res.status}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}
