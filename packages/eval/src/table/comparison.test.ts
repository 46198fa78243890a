import { describe, expect, it } from 'vitest';
import { rankingReport } from '../ranking/metrics';
import { classificationReport } from '../report';
import { comparisonColumns, rankingColumns, toComparisonRow, toRankingRow } from './comparison';
import { toCsv, toJson, toTerminalTable } from './render';

describe('comparison rows', () => {
  const labels = Uint8Array.of(1, 1, 0, 1, 0, 0);
  const scores = Float32Array.of(0.9, 0.8, 0.7, 0.6, 0.55, 0.3);
  const report = classificationReport(labels, scores, { threshold: 0.6 });

  it('carry the metrics of the report under the keys the artifacts use, plus extras', () => {
    const row = toComparisonRow(report, {
      model: 'lr',
      variant: 'baseline',
      split: 'test',
      extra: { seconds: 1.5 },
    });
    expect(Object.keys(row)).toEqual([
      'model',
      'variant',
      'split',
      'accuracy',
      'precision',
      'recall',
      'f1',
      'rocAuc',
      'prAuc',
      'logLoss',
      'brier',
      'threshold',
      'seconds',
    ]);
    expect(row).toMatchObject({
      model: 'lr',
      variant: 'baseline',
      split: 'test',
      threshold: 0.6,
      seconds: 1.5,
    });
    expect(row.rocAuc).toBe(report.rocAuc);
    expect(row.f1).toBeCloseTo(6 / 7, 6);
  });

  it('render with the standard columns: CSV header and JSON keys match the spec, extras dropped', () => {
    const rows = [
      toComparisonRow(report, { model: 'lr', variant: 'baseline', split: 'val', extra: { seconds: 2 } }),
      toComparisonRow(report, { model: 'xgb', variant: 'random', split: 'val' }),
    ];
    expect(toCsv(rows, { columns: comparisonColumns }).split('\r\n')[0]).toBe(
      'model,variant,split,accuracy,precision,recall,f1,rocAuc,prAuc,logLoss,brier,threshold',
    );
    expect(Object.keys(JSON.parse(toJson(rows, { columns: comparisonColumns }))[0])).not.toContain('seconds');
    const header = toTerminalTable(rows, { columns: comparisonColumns }).split('\n')[0];
    expect(header).toMatch(
      /^model\s+variant\s+split\s+accuracy.*ROC AUC\s+PR AUC\s+log loss\s+Brier\s+threshold$/,
    );
  });
});

describe('ranking rows', () => {
  it('carry a strategy and the ranking metrics, and render with P@k-style headers', () => {
    const report = rankingReport([[1, 2]], [[2]], { k: 2, catalogSize: 4 });
    const row = toRankingRow(report, { strategy: 'popular', extra: { split: 'test' } });
    // Hit at rank 2: precision 1/2, recall 1, RR 1/2; coverage 2 of 4.
    expect(row).toMatchObject({
      strategy: 'popular',
      k: 2,
      precision: 0.5,
      recall: 1,
      mrr: 0.5,
      coverage: 0.5,
      split: 'test',
    });
    const other = { ...row, strategy: 'random', recall: 0.5 };
    const lines = toTerminalTable([row, other], { columns: rankingColumns }).split('\n');
    expect(lines[0]).toBe(
      'strategy  k      P@k      R@k   NDCG@k    MAP@k    MRR@k     HR@k  coverage  users',
    );
    // A metric that happens to be whole keeps its decimals; the better recall is marked.
    expect(lines[2]).toContain(' 1.0000* ');
    expect(lines[3]).toContain(' 0.5000  ');
  });
});
