import { describe, expect, it } from 'vitest';
import { bestPerColumn, type ComparisonRowBody, sortRows } from './model-table';

const row = (model: string, split: string, rocAuc: number, logLoss: number): ComparisonRowBody => ({
  model,
  variant: 'baseline',
  split,
  rocAuc,
  logLoss,
  accuracy: 0,
  precision: 0,
  recall: 0,
  f1: 0,
  prAuc: 0,
  threshold: 0.5,
});

describe('model table', () => {
  const rows = [row('lr', 'test', 0.81, 0.5), row('xgb', 'test', 0.83, 0.48), row('xgb', 'val', 0.82, 0.49)];
  it('marks the best per split, lowest for log loss', () => {
    const best = bestPerColumn(rows);
    expect(best.get('test:rocAuc')).toBe(0.83);
    expect(best.get('test:logLoss')).toBe(0.48);
    expect(best.get('val:rocAuc')).toBe(0.82);
  });
  it('sorts within each split by the chosen metric', () => {
    expect(sortRows(rows, 'rocAuc', false).map((r) => `${r.split}:${r.model}`)).toEqual([
      'test:lr',
      'test:xgb',
      'val:xgb',
    ]);
  });
});
