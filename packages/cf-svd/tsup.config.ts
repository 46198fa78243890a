import { defineConfig } from 'tsup';

export default defineConfig({
  // cf-worker is the worker-thread entry that trainMf / trainAls spawn when threads > 1; it must
  // sit next to index.js in dist.
  // block-scores-worker serves createPipelinedBlockScorer the same way.
  entry: ['src/index.ts', 'src/cf-worker.ts', 'src/block-scores-worker.ts'],
  format: ['esm'],
  dts: { entry: 'src/index.ts', compilerOptions: { customConditions: [] } },
  clean: true,
  // wasm/ holds the kernels `asc` compiled just before (build:wasm); they ship as dist/kernels.wasm.
  publicDir: 'wasm',
  sourcemap: true,
  target: 'node20',
});
