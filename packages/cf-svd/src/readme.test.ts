import { fileURLToPath } from 'node:url';
import { runReadmeExample } from '@reco/core/testing';
import { expect, it } from 'vitest';

it('runs the README example as a user would import it', { timeout: 60_000 }, async () => {
  const example = await runReadmeExample(fileURLToPath(new URL('..', import.meta.url)));
  expect(example.model).toMatchObject({ kind: 'mf', nUsers: 5, nItems: 3, factors: 4 });
  const best = example.best as Uint32Array;
  expect(best).toHaveLength(1);
  expect([1, 2]).toContain(best[0]);
  expect(example.error).toEqual({ code: 'invalid-option', field: 'threads' });
});
