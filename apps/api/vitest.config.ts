import { defineConfig, mergeConfig } from 'vitest/config';
import { sharedConfig } from '../../vitest.shared';

export default mergeConfig(
  sharedConfig,
  defineConfig({
    // One real bundle, trained on the bundled data, shared by every test file.
    test: { globalSetup: ['./src/testing/global-setup.ts'] },
  }),
);
