import { afterAll } from 'vitest';
import type { ServerProcess } from '../helpers/process';
import { spawnWorker } from '../helpers/worker';
import { startProviders } from './stand-ins';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The stand-in model and WhatsApp providers, and worker processes that answer with them; all
 * stopped after the file's tests.
 */
export async function workersWithProviders(options?: Parameters<typeof startProviders>[0]) {
  const providers = await startProviders(options);
  const workers: ServerProcess[] = [];
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    await providers.close();
  });
  const worker = async () => {
    const w = await spawnWorker({
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: providers.modelUrl,
      OPENAI_MAX_RETRIES: '0',
    });
    workers.push(w);
    return w;
  };
  return { providers, worker };
}
