import { describe, expect, it } from 'vitest';
import { resolveStudyConfig } from './config';
import { StudyError } from './errors';
import { sampleRows } from './split';

describe('resolveStudyConfig', () => {
  it('fills the documented defaults', () => {
    expect(resolveStudyConfig()).toMatchObject({
      data: 'ml-latest-small',
      models: ['lr', 'rf', 'xgb'],
      tune: 'both',
      split: 'random',
      likeThreshold: 3.5,
      trainSample: null,
      seed: 42,
      out: 'artifacts',
      cf: 'auto',
      families: {},
    });
  });

  it('passes feature-family switches through to the pipeline options', () => {
    expect(resolveStudyConfig({ families: { time: true, taste: false } }).families).toEqual({
      time: true,
      taste: false,
    });
  });

  it('names the bad value and the accepted ones', () => {
    const bad = (config: object, message: RegExp) => {
      expect(() => resolveStudyConfig(config)).toThrow(message);
      expect(() => resolveStudyConfig(config)).toThrow(StudyError);
    };
    bad({ models: ['lr', 'knn'] }, /unknown model "knn"; choose from lr, rf, xgb/);
    bad({ models: [] }, /at least one/);
    bad({ tune: 'bayes' }, /unknown tuning mode "bayes"/);
    bad({ split: 'weekly' }, /unknown split "weekly"; choose from random, user-time, time/);
    bad({ likeThreshold: 0.5 }, /outside the rating scale/);
    bad({ likeThreshold: 5.5 }, /outside the rating scale/);
    bad({ trainSample: 10 }, /trainSample/);
    bad({ seed: -1 }, /seed/);
  });

  it('accepts the scale edges a like can sit on', () => {
    expect(resolveStudyConfig({ likeThreshold: 5 }).likeThreshold).toBe(5);
    expect(resolveStudyConfig({ likeThreshold: 1 }).likeThreshold).toBe(1);
  });
});

describe('sampleRows', () => {
  const rows = Uint32Array.from({ length: 1000 }, (_, i) => 3 * i);

  it('returns a sorted subset of the requested size, the same for the same seed', () => {
    const a = sampleRows(rows, 100, 7);
    expect(a).toHaveLength(100);
    expect(new Set(a).size).toBe(100);
    const all = new Set(rows);
    for (let i = 0; i < a.length; i++) {
      expect(all.has(a[i]!)).toBe(true);
      if (i > 0) expect(a[i]!).toBeGreaterThan(a[i - 1]!);
    }
    expect(Array.from(sampleRows(rows, 100, 7))).toEqual(Array.from(a));
    expect(Array.from(sampleRows(rows, 100, 8))).not.toEqual(Array.from(a));
  });

  it('keeps every row when the sample is not smaller', () => {
    expect(sampleRows(rows, null, 1)).toBe(rows);
    expect(sampleRows(rows, 5000, 1)).toBe(rows);
  });
});
