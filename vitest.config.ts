import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

/**
 * Three kinds of tests, one `npm test`: the engine (rules, repositories on real SQLite, the HTTP API,
 * real server processes), the console's components in jsdom, and the console in a real browser
 * driving a real engine process.
 */
export default defineConfig({
  resolve: {
    alias: {
      '@ballast/contracts': fileURLToPath(new URL('./packages/contracts/src/index.ts', import.meta.url)),
    },
  },
  test: {
    testTimeout: 20_000,
    hookTimeout: 60_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'engine',
          include: ['packages/engine/src/**/*.test.ts', 'packages/engine/test/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        extends: true,
        plugins: [react()],
        test: {
          name: 'console',
          include: ['packages/console/src/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          setupFiles: ['packages/console/test/setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          // The production build, and the console in a real browser against a real engine process.
          name: 'console-e2e',
          include: ['packages/console/e2e/**/*.test.ts', 'packages/console/test/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
        },
      },
    ],
  },
});
