import { defineConfig } from 'vitest/config';

/**
 * Shared vitest settings for every package and app. Tests run against the TypeScript sources of
 * sibling packages (the `@reco/source` export condition), so a test never needs a stale build.
 * Each run also writes `.vitest-report.json`, which `scripts/count-tests.mjs` totals for CI.
 */
export const sharedConfig = defineConfig({
  resolve: { conditions: ['@reco/source'] },
  ssr: { resolve: { conditions: ['@reco/source'] } },
  test: {
    include: ['src/**/*.test.ts'],
    reporters: ['default', 'json'],
    outputFile: { json: '.vitest-report.json' },
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    passWithNoTests: true,
  },
});
