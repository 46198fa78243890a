import { defineConfig } from 'tsup';

export default defineConfig({
  // The ratings worker is its own entry: `parseRatingsFile` starts it from `dist/ratings-worker.js`.
  entry: { index: 'src/index.ts', 'ratings-worker': 'src/parse/ratings-worker.ts' },
  format: ['esm'],
  dts: { entry: { index: 'src/index.ts' }, compilerOptions: { customConditions: [] } },
  clean: true,
  sourcemap: true,
  target: 'node20',
});
