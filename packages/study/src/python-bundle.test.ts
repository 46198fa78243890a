/**
 * docs/python.md's promise: with numpy and xgboost only, docs/python/reco_bundle.py rebuilds the
 * feature rows of (user, movie) pairs from the bundle's .npy arrays and reproduces reco's like
 * probability to 1e-5. One small synthetic study (lr and xgb, the CF feature on) is trained once.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  BUNDLE_PATHS,
  type Bundle,
  modelPath,
  predictionKey,
  readBundle,
  readBundleBytes,
  readBundleJson,
} from '@reco/bundle';
import { findPython } from '@reco/core/testing';
import { generateMovieLens } from '@reco/data';
import { FeaturePipeline } from '@reco/features';
import { loadClassifierFromBytes } from '@reco/models';
import { loadRecommender, readPredictions, readStoredData } from '@reco/serving';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runStudy } from './run-study';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const script = join(root, 'docs/python/reco_bundle.py');
const TOLERANCE = 1e-5;

const python = findPython(['numpy', 'xgboost']);
if (python === null) {
  console.log(
    'python-bundle.test: skipping, no python3 with numpy and xgboost (apt install python3-numpy python3-xgboost)',
  );
}

function runPython(args: readonly string[]): unknown {
  const run = spawnSync(python!, args, {
    encoding: 'utf8',
    env: { ...process.env, PYTHONPATH: join(root, 'docs/python') },
    maxBuffer: 16 << 20,
  });
  if (run.status !== 0) throw new Error(`python exited ${run.status}: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

interface PythonRow {
  readonly userId: number;
  readonly movieId: number;
  readonly probability: number;
}

let work: string;
let out: string;
let bundle: Bundle;

describe.skipIf(python === null)('the Python reader of docs/python.md', () => {
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'reco-python-'));
    out = join(work, 'artifacts');
    const data = join(work, 'synth');
    await generateMovieLens({ out: data, ratings: 8_000, users: 150, movies: 300, seed: 4 });
    await runStudy({
      data,
      models: ['lr', 'xgb'],
      tune: 'none',
      cf: 'on',
      als: false,
      ranking: false,
      top10: false,
      seed: 9,
      out,
    });
    bundle = await readBundle(out);
  }, 300_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("the docs' snippet gives the served recommender's probabilities for test pairs", async () => {
    const snippet = /```python\n([\s\S]*?)```/.exec(readFileSync(join(root, 'docs/python.md'), 'utf8'))![1]!;
    const rows = runPython(['-c', snippet, out]) as PythonRow[];
    expect(rows).toHaveLength(5);
    const recommender = await loadRecommender(out);
    for (const row of rows) {
      const [served] = recommender.predict(row.userId, [row.movieId]).predictions;
      expect(
        Math.abs(row.probability - served!.probability),
        `${row.userId} ${row.movieId}`,
      ).toBeLessThanOrEqual(TOLERANCE);
    }
  });

  it('reco_bundle.py matches every saved model on pairs of any user and movie', () => {
    const pipeline = FeaturePipeline.fromJSON(readBundleJson(bundle, BUNDLE_PATHS.pipeline));
    expect(pipeline.featureNames).toContain('cf_score');
    const users = [0, 3, 77, pipeline.nUsers - 1, 12, 12];
    const movies = [0, 150, 42, pipeline.nMovies - 1, 7, 299];
    const pairs = users.flatMap((u, i) => [
      String(pipeline.userIds![u]),
      String(pipeline.movieIds[movies[i]!]),
    ]);
    const features = pipeline.transformPairs({
      user: Uint32Array.from(users),
      movie: Uint32Array.from(movies),
    });
    expect(bundle.manifest.models.length).toBe(2);
    for (const { model, variant } of bundle.manifest.models) {
      const classifier = loadClassifierFromBytes(readBundleBytes(bundle, modelPath(model, variant)));
      const reco = classifier.predictProba(features.data, features.nRows);
      classifier.dispose?.();
      const rows = runPython([script, out, ...pairs, '--model', `${model}-${variant}`]) as PythonRow[];
      rows.forEach((row, i) => {
        expect(row.userId).toBe(pipeline.userIds![users[i]!]);
        expect(Math.abs(row.probability - reco[i]!), `${model} pair ${i}`).toBeLessThanOrEqual(TOLERANCE);
      });
    }
  });

  it('dated by the ratings themselves, it reproduces the saved test scores', () => {
    const driver = `
import json, sys
import numpy as np
from reco_bundle import Bundle, feature_rows, like_probabilities
bundle = Bundle(sys.argv[1])
ratings = bundle.columns("data/ratings")
rows = bundle.array("split/test")[:40]
users = ratings["userIds"][ratings["user"][rows]]
movies = bundle.array("pipeline/movie_ids")[ratings["movie"][rows]]
X = feature_rows(bundle, users, movies, at=ratings["timestamp"][rows].astype(np.int64))
out = {}
for m in bundle.manifest["models"]:
    name = m["model"] + "-" + m["variant"]
    out[name] = like_probabilities(bundle, X, name).tolist()
print(json.dumps(out))
`;
    const seen = runPython(['-c', driver, out]) as Record<string, number[]>;
    const saved = readPredictions(bundle);
    expect(readStoredData(bundle).split.test.length).toBeGreaterThan(40);
    for (const { model, variant } of bundle.manifest.models) {
      const reco = saved[predictionKey(model, variant, 'test')]!;
      const mine = seen[`${model}-${variant}`]!;
      expect(mine).toHaveLength(40);
      mine.forEach((p, i) => {
        expect(Math.abs(p - reco[i]!), `${model} test row ${i}`).toBeLessThanOrEqual(TOLERANCE);
      });
    }
  });

  it("takes dtypes and shapes from manifest.json's arrays and refuses an .npy that contradicts them", () => {
    const driver = `
import json, sys
from reco_bundle import Bundle
bundle = Bundle(sys.argv[1])
entry = bundle.manifest["arrays"]["split/test"]
shape = list(bundle.array("split/test").shape)
entry["shape"] = [shape[0] + 1]
try:
    bundle.array("split/test")
    refused = None
except ValueError as e:
    refused = str(e)
print(json.dumps({"dtype": entry["dtype"], "shape": shape, "refused": refused}))
`;
    const seen = runPython(['-c', driver, out]) as { dtype: string; shape: number[]; refused: string };
    const test = readStoredData(bundle).split.test;
    expect(seen).toMatchObject({ dtype: '<u4', shape: [test.length] });
    expect(bundle.manifest.arrays!['split/test']).toMatchObject({ dtype: '<u4', shape: [test.length] });
    expect(seen.refused).toMatch(
      /arrays\/split\/test\.npy: <u4 .*manifest\.json arrays\['split\/test'\] says/,
    );
  });
});
