import { describe, expect, it } from 'vitest';
import { CfError } from './errors';
import { type CsrMatrix, csrFromCoo, csrTranspose } from './sparse';
import { thrownBy } from './test-utils';

function toDense(m: CsrMatrix): number[][] {
  const out = Array.from({ length: m.nRows }, () => new Array<number>(m.nCols).fill(0));
  for (let r = 0; r < m.nRows; r++) {
    for (let k = m.indptr[r]!; k < m.indptr[r + 1]!; k++) out[r]![m.indices[k]!]! += m.data[k]!;
  }
  return out;
}

describe('csrFromCoo', () => {
  it('sums duplicates and sorts the columns of every row', () => {
    const m = csrFromCoo({
      nRows: 3,
      nCols: 4,
      row: [2, 0, 0, 2, 0, 2],
      col: [3, 2, 0, 1, 2, 3],
      value: [1, 5, 7, 2, 0.5, 4],
    });
    expect(Array.from(m.indptr)).toEqual([0, 2, 2, 4]);
    expect(Array.from(m.indices)).toEqual([0, 2, 1, 3]);
    expect(Array.from(m.data)).toEqual([7, 5.5, 2, 5]);
    expect(toDense(m)).toEqual([
      [7, 0, 5.5, 0],
      [0, 0, 0, 0],
      [0, 2, 0, 5],
    ]);
  });

  it('rejects out-of-range and mismatched input', () => {
    const outside = thrownBy(() => csrFromCoo({ nRows: 2, nCols: 2, row: [2], col: [0], value: [1] }));
    expect(outside).toBeInstanceOf(CfError);
    expect(outside).toMatchObject({ code: 'invalid-input' });
    const mismatched = thrownBy(() => csrFromCoo({ nRows: 2, nCols: 2, row: [0, 1], col: [0], value: [1] }));
    expect(mismatched).toMatchObject({ code: 'invalid-input' });
  });
});

describe('csrTranspose', () => {
  it('matches the dense transpose, with sorted rows', () => {
    const m = csrFromCoo({
      nRows: 3,
      nCols: 4,
      row: [0, 0, 1, 2, 2, 2],
      col: [1, 3, 0, 0, 1, 3],
      value: [1, 2, 3, 4, 5, 6],
    });
    const t = csrTranspose(m);
    const dense = toDense(m);
    const denseT = toDense(t);
    expect(t.nRows).toBe(4);
    expect(t.nCols).toBe(3);
    for (let r = 0; r < 3; r++) for (let c = 0; c < 4; c++) expect(denseT[c]![r]).toBe(dense[r]![c]);
    for (let r = 0; r < t.nRows; r++) {
      for (let k = t.indptr[r]! + 1; k < t.indptr[r + 1]!; k++) {
        expect(t.indices[k]!).toBeGreaterThan(t.indices[k - 1]!);
      }
    }
  });
});
