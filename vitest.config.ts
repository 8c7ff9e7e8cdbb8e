import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * Four projects: pure unit tests, the HTTP/service suite on each backend, and browser journeys.
 * The integration files run twice — once on PGlite, once on PostgreSQL — as kysely loops its dialects.
 */
const integration = (backend: 'pglite' | 'postgres') => ({
  extends: true as const,
  test: {
    name: `integration-${backend}`,
    include: ['test/integration/**/*.test.{ts,tsx}'],
    env: { HELHED_TEST_BACKEND: backend },
    globalSetup: ['test/support/global-setup.ts'],
  },
});

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    isolate: false,
    // One test file per core (vitest's default leaves one core idle: on 2 cores a single worker).
    maxWorkers: Math.max(2, availableParallelism()),
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.{ts,tsx}'] } },
      { extends: true, test: { name: 'cli', include: ['test/cli/**/*.test.ts'], testTimeout: 120_000 } },
      integration('pglite'),
      integration('postgres'),
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.{ts,tsx}'],
          globalSetup: ['test/support/global-setup.ts'],
          env: { HELHED_TEST_BACKEND: 'pglite' },
          // Every visited page is checked by axe at two widths. Journeys run beside the other files (each has its own
          // server on a free port and its own Chromium).
          testTimeout: 180_000,
        },
      },
    ],
  },
});
