/**
 * EASE fit time and memory against the item cap, on the bundled ml-latest-small (all ratings):
 *   pnpm --filter @reco/retrieval exec tsx --conditions=@reco/source bench/ease-cap.bench.ts
 * RECO_BENCH_CAPS=500,1000,2000 picks the caps. Writes bench-results/retrieval-ease-cap.json.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadMovieLens } from '@reco/data';
import { buildInteractions, fitEase } from '../src/index';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const caps = (process.env.RECO_BENCH_CAPS ?? '500,1000,2000,3000').split(',').map(Number);
const dataset = await loadMovieLens(process.env.RECO_BENCH_DATA ?? join(root, 'datasets', 'ml-latest-small'));
const matrix = buildInteractions({
  user: dataset.ratings.user,
  item: dataset.ratings.movie,
  rating: dataset.ratings.rating,
  nUsers: dataset.users.size,
  nItems: dataset.movies.ids.size,
});
const rows = [];
for (const cap of caps) {
  const load = loadavg()[0]!;
  const started = performance.now();
  const model = fitEase(matrix, { maxItems: cap, lambda: 200 });
  const seconds = (performance.now() - started) / 1000;
  // Fit memory: the float64 Gram/inverse (8 m²) plus the float32 B (4 m²).
  const row = {
    cap: model.kept.length,
    seconds,
    fitBytes: 12 * cap * cap,
    modelBytes: 4 * cap * cap,
    loadAverage: load,
  };
  rows.push(row);
  console.log(
    `cap ${cap}: ${seconds.toFixed(1)} s, fit memory ${(row.fitBytes / 1e6).toFixed(0)} MB, model ${(row.modelBytes / 1e6).toFixed(0)} MB (load average ${load.toFixed(1)})`,
  );
}
const out = join(root, 'bench-results', 'retrieval-ease-cap.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(`${out}.tmp`, `${JSON.stringify({ date: new Date().toISOString(), rows }, null, 2)}\n`);
renameSync(`${out}.tmp`, out);
