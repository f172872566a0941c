import { tmpdir } from 'node:os';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/setup/global.ts'],
    setupFiles: ['tests/setup/per-file.ts'],
    env: {
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      JWT_SECRET: 'test-secret-test-secret-test-secret-0123456789',
      ENCRYPTION_KEY: '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff',
      SEED_DEMO: 'false',
      BUILD_CONSOLE: 'false',
      // Tests without a worker would wait out the bound; the operator-send tests set their own.
      OPERATOR_SEND_WAIT_MS: '0',
      // Uploaded files and generated secrets go to a scratch folder, not the checkout's .data/.
      DATA_DIR: path.join(tmpdir(), `support-inbox-tests-${process.pid}`),
    },
    // Two files at a time on two cores: most of a file's time is waiting (a server's start,
    // a worker's poll, a browser), so the suite takes about 10 minutes instead of 18.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    reporters: ['default'],
  },
});
