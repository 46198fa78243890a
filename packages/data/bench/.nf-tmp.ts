import { generate, loadMovieLens } from '@reco/data';
const out = '/tmp/C-bench/nf-10m';
const t0 = performance.now();
await generate({ layout: 'netflix', out, ratings: 10_000_000, seed: 1 }).catch((e) => console.log('gen', e.code ?? e));
const t1 = performance.now();
const d = await loadMovieLens(out);
const t2 = performance.now();
console.log(JSON.stringify({ generateSeconds: (t1 - t0) / 1000, loadSeconds: (t2 - t1) / 1000, ratings: d.ratings.length, users: d.users.size, probe: d.predefinedSplit?.test.length }));
