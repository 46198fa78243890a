import { describe, expect, it } from 'vitest';
import { createBlockScorer } from './block-scores';
import { createPipelinedBlockScorer } from './pipelined-block-scores';
import { lcg } from './test-fixtures';
import { thrownBy } from './test-utils';

const FACTORS = 6;
const N_ITEMS = 300;
const N_USERS = 200;

function factorRows(rows: number, seed: number): Float32Array {
  const next = lcg(seed);
  return Float32Array.from({ length: rows * FACTORS }, () => next() - 0.5);
}

describe('pipelined block scorer', () => {
  it('gives every block the exact floats of the one-thread block scorer, one block in flight', () => {
    const items = factorRows(N_ITEMS, 1);
    const users = factorRows(N_USERS, 2);
    const direct = createBlockScorer(items, FACTORS, 16);
    const pipelined = createPipelinedBlockScorer(items, FACTORS, 16);
    try {
      const block = (b: number) => users.subarray(b * 16 * FACTORS, (b + 1) * 16 * FACTORS);
      pipelined.request(block(0), 16);
      for (let b = 0; b < 12; b++) {
        const scores = pipelined.take();
        // The next block is scored while this one is read: this view must stay intact.
        if (b + 1 < 12) pipelined.request(block(b + 1), b + 1 === 11 ? 8 : 16);
        const want = direct.score(block(b), b === 11 ? 8 : 16);
        expect(Buffer.from(scores.buffer, scores.byteOffset, scores.byteLength)).toEqual(
          Buffer.from(want.buffer, want.byteOffset, want.byteLength),
        );
      }
      expect(pipelined.threaded).toBe(true);
    } finally {
      pipelined.close();
    }
  });

  it('still scores after close (on the calling thread), and refuses misuse by code', () => {
    const items = factorRows(N_ITEMS, 3);
    const users = factorRows(4, 4);
    const pipelined = createPipelinedBlockScorer(items, FACTORS, 4);
    pipelined.close();
    expect(pipelined.threaded).toBe(false);
    pipelined.request(users, 4);
    expect(Array.from(pipelined.take())).toEqual(
      Array.from(createBlockScorer(items, FACTORS, 4).score(users, 4)),
    );
    expect(thrownBy(() => pipelined.take())).toMatchObject({ code: 'invalid-input' });
    expect(thrownBy(() => pipelined.request(users, 5))).toMatchObject({
      code: 'invalid-input',
      field: 'nUsers',
    });
  });
});
