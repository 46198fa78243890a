import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { runReadmeExample } from './testing';

it('runs the README example as a user would import it', async () => {
  const exports = await runReadmeExample(fileURLToPath(new URL('..', import.meta.url)));
  expect(Array.from(exports.best as Uint32Array)).toEqual([1, 2]);
  expect(typeof exports.roll).toBe('number');
});
