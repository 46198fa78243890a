import { fileURLToPath } from 'node:url';
import { runReadmeExample } from '@reco/core/testing';
import { expect, expectTypeOf, it } from 'vitest';
import type { Scorer } from './scorer';
import type { RecommendationItem } from './types';

it('runs the README example as a user would import it', async () => {
  const exports = await runReadmeExample(fileURLToPath(new URL('..', import.meta.url)));
  const items = exports.items as RecommendationItem[];
  expect(items).toHaveLength(5);
  for (const item of items) expect(item.reason.length).toBeGreaterThan(0);
  expectTypeOf<Scorer['kind']>().toEqualTypeOf<'xgboost' | 'random-forest' | 'logistic'>();
}, 120_000);
