/**
 * Speed of @reco/models at the sizes issue 4 names, against Python xgboost 1.7 as the anchor.
 *
 *   pnpm --filter @reco/models bench                       # full size (several minutes)
 *   RECO_BENCH_SCALE=small pnpm --filter @reco/models bench # a quick run at ~1/20 size
 *   RECO_BENCH_ONLY=xgboost,scoring ...                     # a subset: xgboost, forest, logistic, logistic-wide, scoring
 *
 * Data: a synthetic dense Float32 matrix with a learnable signal and 2% NaN (the feature pipeline
 * is not ready yet); the JSON says so. Results go to bench-results/models.json and stdout.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LogisticRegression, RandomForestClassifier, XGBoostClassifier } from '../src/index';
import { buildInfo, libxgboost } from '../src/internal/libxgboost';
import { rocAuc } from '../src/internal/metrics';
import { syntheticProblem } from '../src/internal/synthetic';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = join(root, '.bench-data');
const resultsDir = join(root, 'bench-results');
const small = process.env.RECO_BENCH_SCALE === 'small';
const only = new Set(
  (process.env.RECO_BENCH_ONLY ?? 'xgboost,forest,logistic,logistic-wide,scoring').split(','),
);
const PYTHON = '/usr/bin/python3';
const THREADS = 2;

const sizes = small
  ? {
      treeRows: 100_000,
      treeCols: 60,
      rounds: 50,
      lrRows: 700_000,
      lrCols: 24,
      wideRows: 200_000,
      wideCols: 60,
      scoreTrainRows: 20_000,
    }
  : {
      treeRows: 2_000_000,
      treeCols: 60,
      rounds: 300,
      lrRows: 14_000_000,
      lrCols: 24,
      wideRows: 2_000_000,
      wideCols: 60,
      scoreTrainRows: 60_000,
    };

const results: Record<string, unknown> = {
  bench: '@reco/models',
  date: new Date().toISOString(),
  scale: small ? 'small' : 'full',
  data: 'synthetic dense matrix',
  dataNote:
    'Row-major Float32 with standard-normal columns at random scales and offsets; label drawn from a logistic ' +
    'model with linear, interaction and threshold terms (signal 1.5); 2% of cells NaN. Stands in for features ' +
    'of a generated 20M-rating dataset until @reco/features lands.',
  machine: {
    cpus: cpus().length,
    cpu: cpus()[0]?.model,
    node: process.version,
    libxgboost: libxgboost().version.join('.'),
    // DEBUG: true means built without NDEBUG (assertions compiled in); Debian's package reports it.
    libxgboostBuild: buildInfo(),
    ompWaitPolicy: process.env.OMP_WAIT_POLICY,
    loadAverageAtStart: loadavg(),
  },
};

function log(message: string): void {
  process.stdout.write(`${message}\n`);
}

function seconds(since: number): number {
  return (performance.now() - since) / 1000;
}

function pythonHasXGBoost(): boolean {
  return spawnSync(PYTHON, ['-c', 'import xgboost, numpy'], { encoding: 'utf8' }).status === 0;
}

// Same settings on both sides; every other parameter is XGBoost's default on both sides too.
const XGB = {
  nRounds: sizes.rounds,
  eta: 0.1,
  maxDepth: 6,
  treeMethod: 'hist',
  nthread: THREADS,
  seed: 0,
} as const;
const PYTHON_TRAIN = `
import json, sys, time, numpy as np, xgboost as xgb
data, labels, n, c, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
X = np.fromfile(data, dtype='<f4').reshape(n, c)
y = np.fromfile(labels, dtype=np.uint8).astype(np.float32)
t0 = time.perf_counter()
d = xgb.DMatrix(X, label=y, missing=np.nan, nthread=${THREADS})
t1 = time.perf_counter()
params = {'objective': 'binary:logistic', 'eta': 0.1, 'max_depth': 6, 'tree_method': 'hist',
          'nthread': ${THREADS}, 'seed': 0, 'eval_metric': 'auc'}
booster = xgb.train(params, d, rounds)
t2 = time.perf_counter()
print(json.dumps({'dmatrixSeconds': t1 - t0, 'trainSeconds': t2 - t1, 'totalSeconds': t2 - t0,
                  'rounds': booster.num_boosted_rounds(), 'version': xgb.__version__}))
`;

function benchTrees(): void {
  const { treeRows: n, treeCols: c } = sizes;
  log(`generating ${n} x ${c} ...`);
  const problem = syntheticProblem({ nRows: n, nCols: c, seed: 1, signal: 1.5, missingRate: 0.02 });
  const { X, y } = problem;
  const sample = Math.min(n, 200_000);

  if (only.has('xgboost')) {
    log(`xgboost: ${sizes.rounds} rounds, depth 6, hist, ${THREADS} threads ...`);
    const model = new XGBoostClassifier(XGB);
    let boostingStarted = 0;
    const started = performance.now();
    model.fit(X, n, c, y, {
      onProgress: (p) => {
        if (p.done === 0) boostingStarted = performance.now();
      },
    });
    const ours = {
      totalSeconds: seconds(started),
      dmatrixSeconds: (boostingStarted - started) / 1000,
      trainSeconds: seconds(boostingStarted),
      rounds: model.training?.iterations,
      trainAuc: rocAuc(y.subarray(0, sample), model.predictProba(X.subarray(0, sample * c), sample)),
    };
    model.dispose();
    log(`  ours: ${ours.totalSeconds.toFixed(1)} s (DMatrix ${ours.dmatrixSeconds.toFixed(1)} s)`);

    let python: Record<string, unknown> = { skipped: `${PYTHON} cannot import xgboost` };
    if (pythonHasXGBoost()) {
      mkdirSync(dataDir, { recursive: true });
      const dataPath = join(dataDir, `trees-${n}x${c}.f32`);
      const labelPath = join(dataDir, `trees-${n}.u8`);
      writeFileSync(dataPath, X);
      writeFileSync(labelPath, y);
      log('  python anchor ...');
      const run = spawnSync(
        PYTHON,
        ['-c', PYTHON_TRAIN, dataPath, labelPath, String(n), String(c), String(sizes.rounds)],
        {
          encoding: 'utf8',
          env: process.env,
        },
      );
      rmSync(dataPath, { force: true });
      rmSync(labelPath, { force: true });
      if (run.status !== 0) throw new Error(`python anchor failed: ${run.stderr}`);
      python = JSON.parse(run.stdout) as Record<string, number>;
      log(`  python: ${(python.totalSeconds as number).toFixed(1)} s`);
    }
    results.xgboost = {
      rows: n,
      cols: c,
      params: XGB,
      target: 'within 1.1x of Python xgboost 1.7 on the same matrix',
      ours,
      python,
      ratio:
        typeof python.totalSeconds === 'number'
          ? {
              total: ours.totalSeconds / python.totalSeconds,
              train: ours.trainSeconds / (python.trainSeconds as number),
            }
          : null,
      pythonEnvironment: { OMP_WAIT_POLICY: process.env.OMP_WAIT_POLICY },
      loadAverageAfter: loadavg(),
    };
  }

  if (only.has('forest')) {
    log('random forest: 100 trees ...');
    const forest = new RandomForestClassifier({ nthread: THREADS });
    const report = forest.fit(X, n, c, y);
    results.randomForest = {
      rows: n,
      cols: c,
      params: forest.params,
      target: '100 trees on 2M rows in <= 120 s',
      seconds: report.seconds,
      trainAuc: rocAuc(y.subarray(0, sample), forest.predictProba(X.subarray(0, sample * c), sample)),
      loadAverageAfter: loadavg(),
    };
    forest.dispose();
    log(`  ${report.seconds.toFixed(1)} s`);
  }
}

function benchLogistic(): void {
  const { lrRows: n, lrCols: c } = sizes;
  log(`generating ${n} x ${c} ...`);
  const { X, y } = syntheticProblem({ nRows: n, nCols: c, seed: 2, signal: 1.5, missingRate: 0.02 });
  const sample = Math.min(n, 1_000_000);
  log('logistic regression ...');
  const lr = new LogisticRegression();
  const report = lr.fit(X, n, c, y);
  results.logistic = {
    rows: n,
    cols: c,
    params: lr.params,
    target: '<= 30 s to converge on 14M rows',
    seconds: report.seconds,
    convergence: report.convergence,
    trainAuc: rocAuc(y.subarray(0, sample), lr.predictProba(X.subarray(0, sample * c), sample)),
    loadAverageAfter: loadavg(),
  };
  log(`  ${report.seconds.toFixed(1)} s, ${report.convergence?.iterations} iterations`);
}

/**
 * Logistic regression as the study fits it (tolerance 1e-4, l2 1e-4, standardized, 2 threads) on
 * the 20M run's training-sample shape, 2M x 60: with the bench's 2% NaN and with none (the
 * feature pipeline imputes by default, so the study's matrix has no NaN).
 */
function benchLogisticWide(): void {
  const { wideRows: n, wideCols: c } = sizes;
  const nTest = Math.round(n / 4);
  const runs: Record<string, unknown>[] = [];
  for (const missingRate of [0.02, 0]) {
    log(`generating ${n + nTest} x ${c}, ${missingRate * 100}% NaN ...`);
    const { X, y } = syntheticProblem({ nRows: n + nTest, nCols: c, seed: 4, signal: 1.5, missingRate });
    log('logistic regression, study settings ...');
    const lr = new LogisticRegression({ tolerance: 1e-4, l2: 1e-4, nthread: THREADS });
    const report = lr.fit(X.subarray(0, n * c), n, c, y.subarray(0, n));
    const testAuc = rocAuc(y.subarray(n), lr.predictProba(X.subarray(n * c), nTest));
    runs.push({ missingRate, seconds: report.seconds, convergence: report.convergence, testAuc });
    log(
      `  ${report.seconds.toFixed(1)} s, ${report.convergence?.iterations} iterations, test AUC ${testAuc}`,
    );
  }
  results.logisticWide = {
    rows: n,
    cols: c,
    params: { tolerance: 1e-4, l2: 1e-4, standardize: true, nthread: THREADS },
    target: '<= 10 s to converge on 2M x 60 (was 32 s for 62 iterations in the 20M run)',
    runs,
    loadAverageAfter: loadavg(),
  };
}

function timeCalls(fn: () => unknown, repeats: number): Record<string, number> {
  for (let i = 0; i < 5; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  return {
    medianMs: at(0.5),
    p90Ms: at(0.9),
    minMs: times[0]!,
    meanMs: times.reduce((a, b) => a + b, 0) / times.length,
  };
}

function benchScoring(): void {
  const c = 80;
  log(`scoring: training a 300-tree depth-6 model on ${sizes.scoreTrainRows} x ${c} ...`);
  const train = syntheticProblem({
    nRows: sizes.scoreTrainRows + 27_000,
    nCols: c,
    seed: 3,
    signal: 1.5,
    missingRate: 0.02,
  });
  const model = new XGBoostClassifier({ nRounds: 300, maxDepth: 6, eta: 0.1, nthread: THREADS });
  model.fit(
    train.X.subarray(0, sizes.scoreTrainRows * c),
    sizes.scoreTrainRows,
    c,
    train.y.subarray(0, sizes.scoreTrainRows),
  );
  const trees = JSON.parse(new TextDecoder().decode(model.toBytes())).learner.gradient_booster.model
    .trees as {
    left_children: number[];
    right_children: number[];
  }[];
  const depthOf = (tree: (typeof trees)[number], node: number): number =>
    tree.left_children[node] === -1
      ? 0
      : 1 + Math.max(depthOf(tree, tree.left_children[node]!), depthOf(tree, tree.right_children[node]!));
  const depths = trees.map((tree) => depthOf(tree, 0));
  const candidates = train.X.slice(sizes.scoreTrainRows * c);
  const thousand = candidates.slice(0, 1000 * c);
  const scoring: Record<string, unknown> = {
    model: {
      trees: trees.length,
      maxDepth: Math.max(...depths),
      meanDepth: depths.reduce((a, b) => a + b, 0) / depths.length,
      meanNodes: trees.reduce((a, t) => a + t.left_children.length, 0) / trees.length,
      features: c,
    },
    targets: { '1000 rows': '<= 5 ms', '27000 rows': '<= 60 ms' },
    note: "wasm is the default path (predictProba's via: 'auto', @reco/scoring's AssemblyScript kernel); typescript is @reco/scoring's plain walk; in-place and dmatrix are libxgboost's two entry points",
  };
  // The WebAssembly scorer is built on first use; time that once, apart from the calls.
  const buildStarted = performance.now();
  scoring.path = model.scoringPath;
  scoring.wasmBuildMs = performance.now() - buildStarted;
  // typescript: @reco/scoring's plain-TypeScript walk (fewer calls: it is the slow one).
  for (const via of ['wasm', 'typescript', 'in-place', 'dmatrix'] as const) {
    const calls = via === 'typescript' ? 0.25 : 1;
    scoring[via] = {
      '1000 rows': timeCalls(() => model.predictProba(thousand, 1000, { via }), 200 * calls),
      '27000 rows': timeCalls(() => model.predictProba(candidates, 27_000, { via }), 40 * calls),
    };
    log(`  ${via}: ${JSON.stringify(scoring[via])}`);
  }
  scoring.python = pythonScoring(model, candidates, c);
  scoring.loadAverageAfter = loadavg();
  results.scoring = scoring;
  model.dispose();
}

/** Python's `inplace_predict` on the same saved model and rows: the anchor for scoring speed. */
const PYTHON_SCORE = `
import json, sys, time, numpy as np, xgboost as xgb
model, rows, cols = sys.argv[1], sys.argv[2], int(sys.argv[3])
booster = xgb.Booster(model_file=model)
X = np.fromfile(rows, dtype=np.float32).reshape(-1, cols)
def median_ms(Z, repeats):
    for _ in range(5): booster.inplace_predict(Z)
    times = []
    for _ in range(repeats):
        t = time.perf_counter(); booster.inplace_predict(Z); times.append((time.perf_counter() - t) * 1000)
    return sorted(times)[len(times) // 2]
print(json.dumps({'1000 rows': median_ms(X[:1000], 200), '27000 rows': median_ms(X, 40)}))
`;

function pythonScoring(model: XGBoostClassifier, rows: Float32Array, cols: number): Record<string, unknown> {
  if (!pythonHasXGBoost()) return { skipped: `${PYTHON} cannot import xgboost` };
  mkdirSync(dataDir, { recursive: true });
  const modelPath = join(dataDir, 'scoring-model.json');
  const rowsPath = join(dataDir, 'scoring-rows.f32');
  model.save(modelPath);
  writeFileSync(rowsPath, rows);
  const run = spawnSync(PYTHON, ['-c', PYTHON_SCORE, modelPath, rowsPath, String(cols)], {
    encoding: 'utf8',
    env: process.env,
  });
  rmSync(modelPath, { force: true });
  rmSync(rowsPath, { force: true });
  if (run.status !== 0) throw new Error(`python scoring anchor failed: ${run.stderr}`);
  const medians = JSON.parse(run.stdout) as Record<string, number>;
  log(`  python in-place: ${JSON.stringify(medians)}`);
  return { inPlaceMedianMs: medians };
}

if (only.has('xgboost') || only.has('forest')) benchTrees();
if (only.has('logistic')) benchLogistic();
if (only.has('logistic-wide')) benchLogisticWide();
if (only.has('scoring')) benchScoring();

mkdirSync(resultsDir, { recursive: true });
// A subset run gets its own file, so it never overwrites a full run's results.
const subset = process.env.RECO_BENCH_ONLY ? `.${[...only].join('-')}` : '';
const out = join(resultsDir, `models${small ? '.small' : ''}${subset}.json`);
writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
log(JSON.stringify(results, null, 2));
log(`written to ${out}`);
