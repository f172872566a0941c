import { type ChildProcess, spawn } from 'node:child_process';
import { freePort } from '../setup/global';

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  output(): string;
  stop(): Promise<number | null>;
}

/** The real server (`server/main.ts`) as a child process, waited for until /healthz is 200. */
export async function spawnServer(
  env: NodeJS.ProcessEnv,
  args: string[] = [],
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
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', ...args], {
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
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
    output: () => output,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}
