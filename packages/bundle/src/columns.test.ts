import { describe, expect, it } from 'vitest';
import { decodeColumns, encodeColumns } from './columns';

describe('encodeColumns / decodeColumns', () => {
  it('round-trips typed arrays of every supported type, 8-byte aligned', () => {
    const columns = {
      a: new Uint8Array([1, 2, 3]),
      b: new Uint32Array([7, 4_000_000_000]),
      c: new Int32Array([-5, 9]),
      d: new Float32Array([0.5, Number.NaN, -1.25]),
    };
    const { header, bytes } = encodeColumns(columns);
    expect(header.columns.map((c) => c.offset % 8)).toEqual([0, 0, 0, 0]);
    const back = decodeColumns(JSON.parse(JSON.stringify(header)), bytes.slice(), 'test.bin');
    expect(Array.from(back.a!)).toEqual([1, 2, 3]);
    expect(Array.from(back.b!)).toEqual([7, 4_000_000_000]);
    expect(Array.from(back.c!)).toEqual([-5, 9]);
    expect(Array.from(back.d!)).toEqual([0.5, Number.NaN, -1.25]);
    expect(back.d).toBeInstanceOf(Float32Array);
  });

  it('rejects a column that points past the end of the data', () => {
    const { header, bytes } = encodeColumns({ a: new Uint32Array(4) });
    expect(() => decodeColumns(header, bytes.subarray(0, 8), 'x.bin')).toThrow(
      expect.objectContaining({ code: 'bad-artifacts' }),
    );
  });
});
