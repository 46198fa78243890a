import { runStudy, loadRecommender } from '@reco/recommender';
const t0 = performance.now();
const r = await runStudy({ data: '/work/main/datasets/ml-latest-small', models: ['lr'], tune: 'none', cf: 'off', als: false, top10: false, trainSample: 20000, out: '/tmp/apitry/artifacts' });
console.log('study s', (performance.now() - t0) / 1000, r.best, Object.keys(r.manifest.files));
const t1 = performance.now();
const rec = await loadRecommender('/tmp/apitry/artifacts');
console.log('load s', (performance.now() - t1) / 1000, rec.info);
let t2 = performance.now();
for (let u = 1; u <= 200; u++) rec.recommend(u, { n: 10 });
console.log('recommend ms', (performance.now() - t2) / 200);
t2 = performance.now();
for (let m = 1; m <= 200; m++) { try { rec.similar(m, { n: 10 }); } catch {} }
console.log('similar ms', (performance.now() - t2) / 200);
console.log(rec.recommend(1, {n: 3}), rec.searchMovies('', {limit: 2}));
rec.dispose();
