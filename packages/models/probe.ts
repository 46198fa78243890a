import { syntheticProblem } from './src/internal/synthetic';
import { XGBoostClassifier } from './src/xgboost';
const p = syntheticProblem({ nRows: 800, nCols: 6, seed: 41, signal: 1.2, missingRate: 0.02 });
for (const nthread of [1, 2, 1, 2]) {
  const t = performance.now();
  for (let k = 0; k < 5; k++) { const m = new XGBoostClassifier({ nRounds: 30, nthread, subsample: 0.8 }); m.fit(p.X, 800, 6, p.y); m.dispose(); }
  console.log(nthread, ((performance.now() - t) / 5).toFixed(1), 'ms per fit');
}
