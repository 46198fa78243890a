import { fileURLToPath } from 'node:url';
import { runReadmeExample } from '@reco/core/testing';
import { expect, it } from 'vitest';
import type { ClassificationReport } from './report';

it('runs the README example as a user would import it', async () => {
  const exports = await runReadmeExample(fileURLToPath(new URL('..', import.meta.url)));
  const test = exports.test as ClassificationReport;
  // max-f1 on validation picks 0.6; on test that keeps 0.8 and leaves 0.55 below it.
  expect(test.threshold).toBeCloseTo(0.6, 6);
  expect([test.n, test.positives, test.precision, test.recall]).toEqual([4, 2, 1, 0.5]);
  expect(exports.table).toContain('xgb');
});
