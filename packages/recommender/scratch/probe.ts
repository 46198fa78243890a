import { loadMovieLens } from '../../data/src/load';
import { stratifiedSplit, fitFeaturePipeline, likeLabels } from '@reco/features';
import { createClassifier } from '../../models/src/create';
import { classificationReport } from '@reco/eval';

let t = performance.now();
const lap = (s: string) => { const n = performance.now(); console.log(s, ((n - t) / 1000).toFixed(2)); t = n; };
const ds = await loadMovieLens('../../datasets/ml-latest-small');
lap('load');
const split = stratifiedSplit(ds.ratings, { seed: 42 });
lap('split');
const p = await fitFeaturePipeline({ dataset: ds, trainRows: split.train, seed: 42 });
lap('fit features ' + p.nFeatures);
const Xt = p.transformRows(split.train, { part: 'train' });
const Xv = p.transformRows(split.validation, { part: 'eval' });
const Xs = p.transformRows(split.test, { part: 'eval' });
const yt = likeLabels(ds.ratings, { rows: split.train });
const yv = likeLabels(ds.ratings, { rows: split.validation });
const ys = likeLabels(ds.ratings, { rows: split.test });
lap('transform');
for (const [kind, params] of [['logistic', {}], ['random-forest', {}], ['xgboost', {}], ['xgboost', {maxDepth: 8, eta: 0.05, nRounds: 600, subsample: 0.8, colsampleBytree: 0.8, minChildWeight: 5}]] as const) {
  const c = createClassifier(kind as 'xgboost', params as object);
  const rep = c.fit(Xt.data, Xt.nRows, Xt.nCols, yt, { validation: { X: Xv.data, nRows: Xv.nRows, y: yv }, featureNames: Xt.names });
  const pv = c.predictProba(Xv.data, Xv.nRows);
  const ps = c.predictProba(Xs.data, Xs.nRows);
  lap(`${kind} iters=${rep.iterations} val=${classificationReport(yv, pv).rocAuc.toFixed(4)} test=${classificationReport(ys, ps).rocAuc.toFixed(4)}`);
}
console.log(process.resourceUsage().maxRSS / 1024, 'MB');
