import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm'],
  dts: { compilerOptions: { customConditions: [] } },
  // The build script cleans dist/ and writes dist/forest.wasm before tsup runs; keep it.
  clean: false,
  sourcemap: true,
  target: 'node20',
});
