/**
 * Ranking evaluation on a real dataset (default: the bundled ml-latest-small), as `reco train`
 * runs it: two nested per-user temporal holdouts. Parts trained on the inner training rows choose
 * the hybrid weight on the inner holdout (`sweepHybridWeight`); parts trained on the outer
 * training rows compare every strategy on each user's latest 20%, with that weight.
 *
 *   pnpm --filter @reco/study bench:ranking [-- <dataset dir>]
 */
import { resolve } from 'node:path';
import { loadMovieLens } from '@reco/data';
import {
  evaluateRanking,
  nestedRankingHoldout,
  type RankingEvaluation,
  rankingTerminalTable,
  sweepHybridWeight,
} from '@reco/serving';
import { trainParts } from './train-parts';
import { writeResult } from './write-result';

const positional = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const dir = resolve(positional[0] ?? new URL('../../../datasets/ml-latest-small', import.meta.url).pathname);
const seed = 42;
const dataset = await loadMovieLens(dir, { include: { genome: false } });
const holdout = nestedRankingHoldout(dataset.ratings, { fraction: 0.2, seed });
const progress = (p: { stage: string; done: number; total: number }) =>
  process.stderr.write(`\r${p.stage}: ${p.done}/${p.total}`);

const inner = await trainParts(dataset, holdout.tuning.train, { seed });
const sweep = sweepHybridWeight({
  parts: inner.parts,
  ratings: dataset.ratings,
  holdoutRows: holdout.tuning.holdout,
  seed,
  onProgress: progress,
});
inner.parts.classifier.dispose?.();
process.stderr.write('\n');

const outer = await trainParts(dataset, holdout.train, { seed });
const started = performance.now();
const evaluation: RankingEvaluation = {
  ...evaluateRanking({
    parts: outer.parts,
    ratings: dataset.ratings,
    holdoutRows: holdout.holdout,
    seed,
    serving: { hybridWeight: sweep.chosen },
    onProgress: progress,
  }),
  hybridWeightSweep: sweep,
};
process.stderr.write('\n');
console.log(rankingTerminalTable(evaluation));
const path = writeResult('ranking', {
  dataset: dir,
  ratings: dataset.ratings.length,
  users: dataset.users.size,
  movies: dataset.movies.movies.length,
  trainSeconds: { tuning: inner.seconds, evaluation: outer.seconds },
  evaluationSeconds: (performance.now() - started) / 1000,
  evaluation,
});
console.log(`wrote ${path}`);
outer.parts.classifier.dispose?.();
