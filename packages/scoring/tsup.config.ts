import { defineConfig } from 'tsup';

export default defineConfig({
  // score-worker is the worker-thread entry createParallelScorer spawns; it must sit next to index.js.
  entry: ['src/index.ts', 'src/score-worker.ts'],
  format: ['esm'],
  dts: { entry: 'src/index.ts', compilerOptions: { customConditions: [] } },
  // The build script cleans dist/ and writes dist/forest.wasm before tsup runs; keep it.
  clean: false,
  sourcemap: true,
  target: 'node20',
});
