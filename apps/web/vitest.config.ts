import { defineConfig, mergeConfig } from 'vitest/config';
import { sharedConfig } from '../../vitest.shared';

export default mergeConfig(
  sharedConfig,
  defineConfig({
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    test: {
      include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'e2e/**/*.test.ts'],
      environment: 'happy-dom',
    },
  }),
);
