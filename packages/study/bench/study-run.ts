/**
 * One study in its own process (so the peak RSS is this run's alone), printed as one JSON line.
 * Run by study.bench.ts: `tsx bench/study-run.ts '<StudyConfig JSON>'`.
 */
import { runStudy } from '../src/index';

const config = JSON.parse(process.argv[2] ?? '{}');
const started = performance.now();
const result = await runStudy(config, {
  log: (message) => process.stderr.write(`  ${message}\n`),
});
const bestTest = result.comparison.find(
  (r) => r.model === result.best.model && r.variant === result.best.variant && r.split === 'test',
)!;
process.stdout.write(
  `${JSON.stringify({
    seconds: (performance.now() - started) / 1000,
    peakRssBytes: result.peakRssBytes,
    timings: result.timings,
    cpuTimings: result.cpuTimings,
    best: result.best,
    bestTestRocAuc: bestTest.rocAuc,
    dataset: result.dataset.counts,
    split: result.split,
    cf: result.cf,
    comparison: result.comparison.map(
      ({ model, variant, split, rocAuc, prAuc, f1, logLoss, fitSeconds }) => ({
        model,
        variant,
        split,
        rocAuc,
        prAuc,
        f1,
        logLoss,
        fitSeconds,
      }),
    ),
  })}\n`,
);
