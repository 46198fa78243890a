import { FeatureError } from './errors';

/**
 * Typed arrays in JSON as base64 of their little-endian bytes: exact (a float32 survives bit for
 * bit, which a decimal round trip through `number` would also do, but at 3-4x the size) and compact
 * enough for per-user tables of the larger releases.
 */
type Numeric = Float32Array | Int32Array | Uint32Array;

const littleEndian = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;

export function encodeArray(array: Numeric): string {
  const bytes = Buffer.from(array.buffer, array.byteOffset, array.byteLength);
  return (littleEndian ? bytes : swap32(Buffer.from(bytes))).toString('base64');
}

export function decodeFloat32(where: string, text: unknown, length: number): Float32Array {
  return new Float32Array(decode(where, text, length));
}

export function decodeInt32(where: string, text: unknown, length: number): Int32Array {
  return new Int32Array(decode(where, text, length));
}

export function decodeUint32(where: string, text: unknown, length: number): Uint32Array {
  return new Uint32Array(decode(where, text, length));
}

function decode(where: string, text: unknown, length: number): ArrayBuffer {
  if (typeof text !== 'string') {
    throw new FeatureError('bad-pipeline-json', `FeaturePipeline.fromJSON: ${where} must be a base64 string`);
  }
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length !== length * 4) {
    throw new FeatureError(
      'bad-pipeline-json',
      `FeaturePipeline.fromJSON: ${where} holds ${bytes.length / 4} values, expected ${length}; the file is truncated or edited`,
    );
  }
  // Copy into a fresh, aligned buffer (Buffer pools may start at any offset).
  const buffer = new ArrayBuffer(bytes.length);
  new Uint8Array(buffer).set(littleEndian ? bytes : swap32(bytes));
  return buffer;
}

function swap32(bytes: Buffer): Buffer {
  return bytes.swap32();
}

/** Raw bytes (already little-endian, e.g. `@reco/cf-svd`'s model binary) as base64. */
export function encodeBytes(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

export function decodeUint8(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'base64'));
}
