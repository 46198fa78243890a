import { isRecoError, RecoError } from '@reco/core';
import { describe, expect, it } from 'vitest';
import { CfError } from './errors';
import { allocateArena } from './simd/arena';
import { readKernelBytes } from './simd/kernels';
import { thrownBy } from './test-utils';

describe('CfError', () => {
  it('is a RecoError with a stable code, its location fields and a cause', () => {
    const cause = new Error('disk');
    const error = new CfError('io', 'cannot read', { file: 'factors.bin', field: 'dir', cause });
    expect(error).toBeInstanceOf(RecoError);
    expect(error).toMatchObject({ name: 'CfError', code: 'io', file: 'factors.bin', field: 'dir', cause });
    expect(isRecoError(error, 'io')).toBe(true);
    expect(isRecoError(error, 'bad-model')).toBe(false);
  });

  it('says out-of-memory before allocating more than a wasm32 memory can address', () => {
    const tooBig = thrownBy(() => allocateArena('test', { a: { type: 'f32', length: 2 ** 30 + 16 } }));
    expect(tooBig).toMatchObject({ name: 'CfError', code: 'out-of-memory' });
  });

  it('says kernels-missing when the compiled kernels are nowhere to be found', () => {
    const nowhere = [new URL('file:///nonexistent/kernels.wasm')];
    expect(thrownBy(() => readKernelBytes(nowhere))).toMatchObject({ code: 'kernels-missing' });
    // The real candidates resolve (this test runs after the build, as turbo orders it).
    expect(readKernelBytes().byteLength).toBeGreaterThan(0);
  });
});
