import { syntheticProblem } from './src/internal/synthetic';
import { RandomForestClassifier } from './src/random-forest';

const n = 100000,
  c = 60;
const p = syntheticProblem({ nRows: n, nCols: c, seed: 1, signal: 1.5, missingRate: 0.02 });
for (const [maxDepth, nTrees] of [
  [6, 20],
  [8, 20],
  [10, 20],
  [10, 40],
]) {
  const f = new RandomForestClassifier({ nTrees, maxDepth, nthread: 2 });
  const r = f.fit(p.X, n, c, p.y);
  console.log(maxDepth, nTrees, r.seconds.toFixed(2));
  f.dispose();
}
