import { describe, expect, it } from 'vitest';
import { compareRuns, growthExponent, scalingTable } from './compare';
import type { PythonRun } from './python';
import type { RecoRun } from './reco';

const outside = {
  exitCode: 0,
  wallSeconds: 100,
  cpuSeconds: 150,
  maxRssBytes: 2 ** 30,
  method: 'gnu-time' as const,
};
const reco: RecoRun = {
  command: 'node reco train',
  stages: {
    load: { wall: 2, cpu: 3 },
    split: { wall: 1, cpu: 1 },
    features: { wall: 4, cpu: 6 },
    'cf feature': { wall: 30, cpu: 55 },
    train: { wall: 20, cpu: 38 },
    evaluate: { wall: 5, cpu: 9 },
    'serving cf': { wall: 8, cpu: 15 },
  },
  totalSeconds: 70,
  peakRssBytes: 2 ** 30,
  outside,
  modelFitSeconds: { 'lr baseline': 2, 'rf baseline': 10, 'xgb baseline': 8 },
  quality: { best: 'xgb baseline', bestTestRocAuc: 0.8, cfFeatureUsed: true, rankingNdcg: {} },
};
const python: PythonRun = {
  command: 'python3 pipeline.py',
  stages: {
    load: { wall: 6, cpu: 6 },
    label: { wall: 0.5, cpu: 0.5 },
    split: { wall: 1.5, cpu: 1.5 },
    features_user: { wall: 3, cpu: 3 },
    features_movie: { wall: 1, cpu: 1 },
    features_join: { wall: 2, cpu: 2 },
    features_scale: { wall: 2, cpu: 2 },
    model_lr: { wall: 5, cpu: 9 },
    model_rf: { wall: 40, cpu: 80 },
    model_xgb: { wall: 15, cpu: 29 },
    cf: { wall: 16, cpu: 20 },
  },
  totalSeconds: 140,
  peakRssBytes: 3 * 2 ** 30,
  outside,
  quality: { testRocAuc: { xgb: 0.79 } },
  versions: {},
};

describe('compareRuns', () => {
  it('adds up the stages of each comparable line and divides Python by reco', () => {
    const rows = Object.fromEntries(compareRuns(reco, python).map((r) => [r.name.split(' (')[0]!, r]));
    expect(rows['split + features']).toMatchObject({ recoSeconds: 5, pythonSeconds: 10, speedup: 2 });
    expect(rows['models: fit + score val/test']).toMatchObject({
      recoSeconds: 25,
      pythonSeconds: 60,
      recoCpu: 47,
    });
    expect(rows['model rf']).toMatchObject({ recoSeconds: 10, pythonSeconds: 40, speedup: 4 });
    expect(rows.CF!.speedup).toBe(2);
    expect(rows.total).toMatchObject({ recoSeconds: 70, pythonSeconds: 140, speedup: 2, recoCpu: 127 });
  });

  it('still reports reco when the Python reference did not run', () => {
    const rows = compareRuns(reco, null);
    expect(rows.every((r) => r.pythonSeconds === null && r.speedup === null)).toBe(true);
    expect(rows.find((r) => r.name.startsWith('load'))!.recoSeconds).toBe(2);
  });

  it('leaves a line empty when a stage is missing on one side rather than summing part of it', () => {
    const { features: _dropped, ...stages } = reco.stages;
    const rows = compareRuns({ ...reco, stages }, python);
    expect(rows.find((r) => r.name === 'split + features')!.recoSeconds).toBeNull();
  });
});

describe('growthExponent', () => {
  it('recovers k from exact power laws', () => {
    const sizes = [1e6, 5e6, 2e7];
    expect(growthExponent(sizes.map((n) => ({ ratings: n, seconds: 3e-6 * n })))).toBeCloseTo(1, 10);
    expect(growthExponent(sizes.map((n) => ({ ratings: n, seconds: 1e-12 * n ** 1.5 })))).toBeCloseTo(
      1.5,
      10,
    );
  });

  it('needs two usable sizes', () => {
    expect(growthExponent([{ ratings: 1e6, seconds: 3 }])).toBeNull();
    expect(
      growthExponent([
        { ratings: 1e6, seconds: 3 },
        { ratings: 5e6, seconds: 0 },
      ]),
    ).toBeNull();
  });
});

describe('scalingTable', () => {
  it('flags a stage that grows faster than ratings^1.1 and fits the others on the sizes they ran at', () => {
    const rows = scalingTable([
      { ratings: 1e6, stages: { load: 1, top10: 10 } },
      { ratings: 4e6, stages: { load: 4, top10: 160 } },
      { ratings: 16e6, stages: { load: 16 } },
    ]);
    const load = rows.find((r) => r.stage === 'load')!;
    const top10 = rows.find((r) => r.stage === 'top10')!;
    expect(load.k).toBeCloseTo(1, 10);
    expect(load.superlinear).toBe(false);
    expect(top10.seconds).toEqual([10, 160, null]);
    expect(top10.k).toBeCloseTo(2, 10);
    expect(top10.superlinear).toBe(true);
  });
});
