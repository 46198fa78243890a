import { loadRecommender } from '@reco/serving';
const t0 = performance.now();
const rec = await loadRecommender(process.argv[2]);
console.log('load', (performance.now()-t0).toFixed(0), 'ms');
const ids = [];
for (let u = 1; u <= 3000; u++) ids.push(u);
let t = performance.now();
for (const id of ids) { try { rec.recommend(id, { n: 10 }); } catch {} }
console.log('per user', ((performance.now()-t)/ids.length).toFixed(3), 'ms');
