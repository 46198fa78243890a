import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findPython } from '@reco/core/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeNpy, encodeNpy, NPY_ALIGN } from './npy';

const text = (bytes: Uint8Array, from: number, to: number) =>
  String.fromCharCode(...bytes.subarray(from, to));
const headerLength = (bytes: Uint8Array) => bytes[8]! | (bytes[9]! << 8);

describe('encodeNpy / decodeNpy', () => {
  it('round-trips every dtype with its shape, bit for bit', () => {
    const cases = [
      { data: Float32Array.of(1.5, -0, Number.NaN, 3.4028234663852886e38, 1e-45, 7), shape: [2, 3] },
      { data: Float64Array.of(Math.PI, -1e-300, Number.POSITIVE_INFINITY), shape: [3] },
      { data: Int32Array.of(-2147483648, 0, 2147483647, -1), shape: [4, 1] },
      { data: Uint32Array.of(0, 4294967295, 42), shape: [3] },
      { data: Uint8Array.of(0, 1, 255, 7), shape: [2, 2] },
    ];
    for (const { data, shape } of cases) {
      const decoded = decodeNpy(encodeNpy(data, shape));
      expect(decoded.shape).toEqual(shape);
      expect(decoded.data.constructor).toBe(data.constructor);
      const bytes = (a: ArrayBufferView) => Array.from(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
      expect(bytes(decoded.data)).toEqual(bytes(data));
    }
  });

  it('writes the NumPy 1.0 magic and a dict header, and the data starts on a 64-byte boundary', () => {
    for (const n of [0, 1, 5, 12_345, 1 << 20]) {
      const bytes = encodeNpy(new Float32Array(n));
      expect(Array.from(bytes.subarray(0, 8))).toEqual([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
      const start = 10 + headerLength(bytes);
      expect(start % NPY_ALIGN).toBe(0);
      expect(bytes.length - start).toBe(n * 4);
      const header = text(bytes, 10, start);
      expect(header.endsWith('\n')).toBe(true);
      expect(header.trimEnd()).toBe(`{'descr': '<f4', 'fortran_order': False, 'shape': (${n},), }`);
    }
    const matrix = encodeNpy(new Float64Array(6), [2, 3]);
    expect(text(matrix, 10, 10 + headerLength(matrix))).toContain("'descr': '<f8'");
    expect(text(matrix, 10, 10 + headerLength(matrix))).toContain("'shape': (2, 3)");
    const scalar = encodeNpy(Float32Array.of(3), []);
    expect(text(scalar, 10, 10 + headerLength(scalar))).toContain("'shape': ()");
    expect(decodeNpy(scalar).shape).toEqual([]);
  });

  it('refuses a shape that does not hold the data, and files that are not .npy 1.0', () => {
    expect(() => encodeNpy(new Float32Array(5), [2, 3])).toThrow(expect.objectContaining({ code: 'config' }));
    const good = encodeNpy(Uint32Array.of(1, 2, 3));
    const bad = (bytes: Uint8Array) => () => decodeNpy(bytes, 'x.npy');
    const refusal = expect.objectContaining({ code: 'bad-artifacts', file: 'x.npy' });
    expect(bad(good.subarray(0, good.length - 1))).toThrow(refusal);
    expect(bad(Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11))).toThrow(refusal);
    const v2 = good.slice();
    v2[6] = 2;
    expect(bad(v2)).toThrow(/version 2\.0/);
    const fortran = good.slice();
    fortran.set(new TextEncoder().encode("'fortran_order': True, "), 10 + 18);
    expect(bad(fortran)).toThrow(refusal);
  });
});

// NumPy itself reads what encodeNpy writes, and encodeNpy's reader reads what NumPy writes.
const python = findPython(['numpy']);
if (python === null) {
  console.log('npy.test: skipping the NumPy cross-check, no python3 with numpy (apt install python3-numpy)');
}
const dir = mkdtempSync(join(tmpdir(), 'reco-npy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(python === null)('NumPy cross-check', () => {
  it('numpy.load reads dtype, shape and values; numpy.save output decodes here', () => {
    const files = {
      f4: encodeNpy(Float32Array.of(0.1, -2, 3.5, 4, 5, 6), [3, 2]),
      f8: encodeNpy(Float64Array.of(Math.PI, Math.E)),
      i4: encodeNpy(Int32Array.of(-7, 8, 2147483647)),
      u4: encodeNpy(Uint32Array.of(4294967295, 0)),
    };
    for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, `${name}.npy`), bytes);
    const script = `
import json, sys, numpy as np
d = sys.argv[1]
out = {}
for name in ['f4', 'f8', 'i4', 'u4']:
    a = np.load(f'{d}/{name}.npy', allow_pickle=False)
    out[name] = {'dtype': a.dtype.str, 'shape': list(a.shape), 'values': [float(x) for x in a.ravel()]}
np.save(f'{d}/from-numpy.npy', np.arange(12, dtype='<f4').reshape(3, 4) / 3)
print(json.dumps(out))
`;
    const run = spawnSync(python!, ['-c', script, dir], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const seen = JSON.parse(run.stdout) as Record<
      string,
      { dtype: string; shape: number[]; values: number[] }
    >;
    expect(seen.f4).toEqual({
      dtype: '<f4',
      shape: [3, 2],
      values: Array.from(Float32Array.of(0.1, -2, 3.5, 4, 5, 6)),
    });
    expect(seen.f8).toEqual({ dtype: '<f8', shape: [2], values: [Math.PI, Math.E] });
    expect(seen.i4).toEqual({ dtype: '<i4', shape: [3], values: [-7, 8, 2147483647] });
    expect(seen.u4).toEqual({ dtype: '<u4', shape: [2], values: [4294967295, 0] });

    const back = decodeNpy(new Uint8Array(readFileSync(join(dir, 'from-numpy.npy'))), 'from-numpy.npy');
    expect(back.dtype).toBe('<f4');
    expect(back.shape).toEqual([3, 4]);
    expect(Array.from(back.data)).toEqual(Array.from(Float32Array.from({ length: 12 }, (_, i) => i / 3)));
  });
});
