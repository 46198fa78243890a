import { describe, expect, it } from 'vitest';
import { wasm } from './api';
import { encodeModule, type FunctionCode, op, signedLeb, unsignedLeb, valueType } from './encoding';

const { i32, f32 } = valueType;

describe('LEB128', () => {
  it('encodes the examples of the WebAssembly spec and the edges', () => {
    expect(unsignedLeb(0)).toEqual([0x00]);
    expect(unsignedLeb(127)).toEqual([0x7f]);
    expect(unsignedLeb(128)).toEqual([0x80, 0x01]);
    expect(unsignedLeb(624_485)).toEqual([0xe5, 0x8e, 0x26]);
    expect(unsignedLeb(0xffffffff)).toEqual([0xff, 0xff, 0xff, 0xff, 0x0f]);
    expect(signedLeb(0)).toEqual([0x00]);
    expect(signedLeb(-1)).toEqual([0x7f]);
    expect(signedLeb(63)).toEqual([0x3f]);
    expect(signedLeb(64)).toEqual([0xc0, 0x00]);
    expect(signedLeb(-64)).toEqual([0x40]);
    expect(signedLeb(-123_456)).toEqual([0xc0, 0xbb, 0x78]);
  });
});

// (func $scaleSum (param $at $n i32) (param $scale f32) (result f32) (local $sum f32)
//   loop: sum += f32.load(at) * scale; at += 4; n -= 1; br_if (n != 0)
//   f32.store offset=8 (0, sum); sum)
const scaleSum: FunctionCode = {
  params: [i32, i32, f32],
  results: [f32],
  locals: [f32],
  body: [
    op.loop,
    op.localGet(3),
    op.localGet(0),
    op.f32Load(),
    op.localGet(2),
    op.f32Mul,
    op.f32Add,
    op.localSet(3),
    op.localGet(0),
    op.i32Const(4),
    op.i32Add,
    op.localSet(0),
    op.localGet(1),
    op.i32Const(1),
    op.i32Sub,
    op.localTee(1),
    op.brIf(0),
    op.end,
    op.i32Const(0),
    op.localGet(3),
    op.f32Store(8),
    op.localGet(3),
  ],
};

describe('encodeModule', () => {
  it.each([false, true])('builds a module that V8 compiles and runs (shared memory: %s)', (shared) => {
    const memory = new wasm.Memory({ initial: 1, maximum: 2, shared });
    const bytes = encodeModule({ scaleSum }, { maxPages: 2, shared });
    const { exports } = new wasm.Instance(new wasm.Module(bytes), { env: { memory } });
    const view = new Float32Array(memory.buffer, 0, 64);
    view.set([1.5, 2, -0.5], 16); // bytes 64..75
    const result = (exports as { scaleSum: (at: number, n: number, scale: number) => number }).scaleSum(
      64,
      3,
      2,
    );
    expect(result).toBe(6);
    expect(view[2]).toBe(6); // stored at byte offset 8
    expect(memory.buffer instanceof SharedArrayBuffer).toBe(shared);
  });

  it('rejects a memory the module does not accept', () => {
    const bytes = encodeModule({ scaleSum }, { maxPages: 2, shared: true });
    const unshared = new wasm.Memory({ initial: 1, maximum: 2 });
    expect(() => new wasm.Instance(new wasm.Module(bytes), { env: { memory: unshared } })).toThrow();
  });
});
