#!/usr/bin/env node
// Development: the API server (restarted on change) and the Vite dev server, side by side.
// Ctrl-C or SIGTERM stops both; if either exits on its own, the other is stopped too.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

const processes = [
  { name: 'api', color: 36, args: ['tsx', 'watch', 'server/main.ts'] },
  { name: 'web', color: 35, args: ['vite'] },
];

const width = Math.max(...processes.map((p) => p.name.length));
const useColor = process.stdout.isTTY && !process.env.NO_COLOR;
let stopping = false;
let exitCode = 0;

function prefix({ name, color }) {
  const label = `[${name.padEnd(width)}]`;
  return useColor ? `\x1b[${color}m${label}\x1b[0m ` : `${label} `;
}

// Piped output is not a terminal, so children would drop colour unless told; and picocolors
// turns colour ON for any FORCE_COLOR, even "0", so without colour it must be absent.
function colorEnv() {
  const { FORCE_COLOR: _, ...env } = process.env;
  return useColor ? { ...env, FORCE_COLOR: '1' } : { ...env, NO_COLOR: '1' };
}

function pipe(stream, target, tag) {
  createInterface({ input: stream }).on('line', (line) => target.write(`${tag}${line}\n`));
}

const children = processes.map((spec) => {
  const child = spawn('npx', spec.args, {
    stdio: ['inherit', 'pipe', 'pipe'],
    // Own process group, so stopping it also stops what npx started (tsx, esbuild, node).
    detached: true,
    env: colorEnv(),
  });
  const tag = prefix(spec);
  pipe(child.stdout, process.stdout, tag);
  pipe(child.stderr, process.stderr, tag);
  child.on('exit', (code, signal) => {
    child.exited = true;
    if (!stopping) {
      process.stderr.write(`${tag}exited (${signal ?? code}); stopping the others\n`);
      exitCode = code || 1;
      stop();
    }
    if (children.every((c) => c.exited)) process.exit(exitCode);
  });
  return child;
});

function signalGroup(child, signal) {
  if (child.exited) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

function stop(signal = 'SIGTERM') {
  stopping = true;
  for (const child of children) signalGroup(child, signal);
  // A child that ignores SIGTERM (a stuck server) must not keep the terminal hostage.
  setTimeout(() => {
    for (const child of children) signalGroup(child, 'SIGKILL');
  }, 5000).unref();
}

process.on('SIGINT', () => stop());
process.on('SIGTERM', () => stop());
