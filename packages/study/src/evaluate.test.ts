import type { ComparisonRow } from '@reco/eval';
import { describe, expect, it } from 'vitest';
import { bestByValidation, scoreChunks } from './evaluate';

const row = (model: string, variant: string, split: 'val' | 'test', rocAuc: number): ComparisonRow => ({
  model,
  variant,
  split,
  accuracy: 0,
  precision: 0,
  recall: 0,
  f1: 0,
  rocAuc,
  prAuc: 0,
  logLoss: 0,
  threshold: 0.5,
});

describe('bestByValidation', () => {
  it('picks the highest validation ROC AUC even when test disagrees', () => {
    const rows = [
      row('xgb', 'baseline', 'val', 0.81),
      row('xgb', 'baseline', 'test', 0.9),
      row('rf', 'grid', 'val', 0.83),
      row('rf', 'grid', 'test', 0.8),
      row('lr', 'random', 'val', 0.82),
      row('lr', 'random', 'test', 0.95),
    ];
    expect(bestByValidation(rows)).toEqual({ model: 'rf', variant: 'grid' });
  });

  it('keeps the first of tied rows and refuses a table without validation rows', () => {
    expect(bestByValidation([row('a', 'baseline', 'val', 0.8), row('b', 'baseline', 'val', 0.8)])).toEqual({
      model: 'a',
      variant: 'baseline',
    });
    expect(() => bestByValidation([row('a', 'baseline', 'test', 0.8)])).toThrow(/no validation rows/);
  });
});

describe('scoreChunks', () => {
  it('places every chunk of every model at its row offset', () => {
    // Two "models": row sum, and 10 x the first column.
    const sum = {
      predictProba: (X: Float32Array, n: number) =>
        Float32Array.from({ length: n }, (_, i) => X[2 * i]! + X[2 * i + 1]!),
    };
    const first = {
      predictProba: (X: Float32Array, n: number) =>
        Float32Array.from({ length: n }, (_, i) => 10 * X[2 * i]!),
    };
    const chunks = [
      { start: 0, nRows: 2, data: Float32Array.of(1, 2, 3, 4) },
      { start: 2, nRows: 1, data: Float32Array.of(5, 6) },
    ];
    const seen: number[] = [];
    const [a, b] = scoreChunks(chunks, 3, [sum, first] as never, (done) => seen.push(done));
    expect(Array.from(a!)).toEqual([3, 7, 11]);
    expect(Array.from(b!)).toEqual([10, 30, 50]);
    expect(seen).toEqual([2, 3]);
  });
});
