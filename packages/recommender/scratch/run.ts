import { runStudy } from '../src/index';
const cfg = JSON.parse(process.argv[2] ?? '{}');
const t = performance.now();
const r = await runStudy({ out: '/tmp/study-art', ...cfg }, { log: (m) => console.log('·', m) });
console.log(JSON.stringify({ best: r.best, cf: r.cf, timings: r.timings, cpu: r.cpuTimings, total: r.totalSeconds, rss: r.peakRssBytes / 1e6 }, null, 1));
for (const row of r.comparison) console.log(row.model, row.variant, row.split, row.rocAuc.toFixed(4), row.f1.toFixed(4));
console.log('wall', (performance.now() - t) / 1000);
