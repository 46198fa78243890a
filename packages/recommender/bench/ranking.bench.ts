/**
 * Ranking evaluation on a real dataset (default: the bundled ml-latest-small): each user's latest
 * 20% of ratings held out, every part trained on the rest, all strategies compared.
 *
 *   pnpm --filter @reco/recommender bench:ranking [-- <dataset dir>] [--sweep]
 *
 * `--sweep` also evaluates the two-stage hybrid at several classifier weights.
 */
import { resolve } from 'node:path';
import { loadMovieLens } from '@reco/data';
import { evaluateRanking, type RankingEvaluation } from '../src/ranking/evaluate-ranking';
import { rankingHoldout } from '../src/ranking/holdout';
import { rankingTerminalTable } from '../src/ranking/report';
import { trainParts } from './train-parts';
import { writeResult } from './write-result';

const positional = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const sweep = process.argv.includes('--sweep');
const dir = resolve(positional[0] ?? new URL('../../../datasets/ml-latest-small', import.meta.url).pathname);
const seed = 42;
const dataset = await loadMovieLens(dir, { include: { genome: false } });
const split = rankingHoldout(dataset.ratings, { fraction: 0.2, seed });
const { parts, seconds } = await trainParts(dataset, split.train, { seed });
const started = performance.now();
const evaluation: RankingEvaluation = evaluateRanking({
  parts,
  ratings: dataset.ratings,
  holdoutRows: split.holdout,
  seed,
  onProgress: (p) => process.stderr.write(`\r${p.stage}: ${p.done}/${p.total}`),
});
process.stderr.write('\n');
console.log(rankingTerminalTable(evaluation));
const hybridSweep: { hybridWeight: number; ndcg: number; recall: number; map: number }[] = [];
if (sweep) {
  for (const hybridWeight of [0, 0.1, 0.2, 0.3, 0.5, 0.7]) {
    const e = evaluateRanking({
      parts,
      ratings: dataset.ratings,
      holdoutRows: split.holdout,
      seed,
      strategies: ['hybrid'],
      serving: { hybridWeight },
    });
    const { ndcg, recall, map } = e.results[0]!;
    hybridSweep.push({ hybridWeight, ndcg, recall, map });
    console.log(
      `hybrid weight ${hybridWeight}: NDCG@10 ${ndcg.toFixed(4)}, recall@10 ${recall.toFixed(4)}, MAP@10 ${map.toFixed(4)}`,
    );
  }
}
const path = writeResult('ranking', {
  dataset: dir,
  ratings: dataset.ratings.length,
  users: dataset.users.size,
  movies: dataset.movies.movies.length,
  trainSeconds: seconds,
  evaluationSeconds: (performance.now() - started) / 1000,
  evaluation,
  ...(sweep ? { hybridSweep } : {}),
});
console.log(`wrote ${path}`);
parts.classifier.dispose();
