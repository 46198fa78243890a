import { RetrievalError } from './errors';
import { RETRIEVER_KINDS, type Retriever } from './retriever';

export const RETRIEVER_FORMAT_VERSION = 1;

type ArrayType = 'float32' | 'uint32';

/** The JSON header stored beside the binary: scalars as they are, arrays as (name, type, offset, length). */
export interface RetrieverHeader {
  readonly format: 'reco-retriever';
  readonly version: number;
  readonly kind: Retriever['kind'];
  readonly fields: Record<string, number | string | null>;
  readonly arrays: readonly { name: string; type: ArrayType; byteOffset: number; length: number }[];
  readonly byteLength: number;
}

/** A model as a small JSON header and one little-endian buffer of its typed arrays (8-byte aligned). */
export function encodeRetriever(model: Retriever): { header: RetrieverHeader; data: Uint8Array } {
  const fields: Record<string, number | string | null> = {};
  const parts: { name: string; type: ArrayType; array: Float32Array | Uint32Array }[] = [];
  for (const [name, value] of Object.entries(model)) {
    if (value instanceof Float32Array) parts.push({ name, type: 'float32', array: value });
    else if (value instanceof Uint32Array) parts.push({ name, type: 'uint32', array: value });
    else if (name !== 'kind') fields[name] = value as number | string | null;
  }
  const arrays: { name: string; type: ArrayType; byteOffset: number; length: number }[] = [];
  let byteLength = 0;
  for (const part of parts) {
    arrays.push({ name: part.name, type: part.type, byteOffset: byteLength, length: part.array.length });
    byteLength += Math.ceil((part.array.length * 4) / 8) * 8;
  }
  const data = new Uint8Array(byteLength);
  const view = new DataView(data.buffer);
  parts.forEach((part, p) => {
    const at = arrays[p]!.byteOffset;
    for (let i = 0; i < part.array.length; i++) {
      if (part.type === 'float32') view.setFloat32(at + 4 * i, part.array[i]!, true);
      else view.setUint32(at + 4 * i, part.array[i]!, true);
    }
  });
  const header = {
    format: 'reco-retriever',
    version: RETRIEVER_FORMAT_VERSION,
    kind: model.kind,
    fields,
    arrays,
    byteLength,
  } as const;
  return { header, data };
}

/** Rebuilds a model from `encodeRetriever`'s output; checks the format, kind and array bounds. */
export function decodeRetriever(header: RetrieverHeader, data: Uint8Array): Retriever {
  if (header.format !== 'reco-retriever' || header.version !== RETRIEVER_FORMAT_VERSION) {
    throw new RetrievalError(
      'invalid-model',
      `not a reco-retriever v${RETRIEVER_FORMAT_VERSION} header (format ${String(header.format)}, version ${String(header.version)})`,
      { field: 'format' },
    );
  }
  if (!RETRIEVER_KINDS.includes(header.kind)) {
    throw new RetrievalError('invalid-model', `unknown retriever kind '${String(header.kind)}'`, {
      field: 'kind',
    });
  }
  if (data.byteLength !== header.byteLength) {
    throw new RetrievalError(
      'invalid-model',
      `the data has ${data.byteLength} bytes but the header says ${header.byteLength}`,
      { field: 'byteLength' },
    );
  }
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const model: Record<string, unknown> = { kind: header.kind, ...header.fields };
  for (const entry of header.arrays) {
    if (entry.byteOffset + entry.length * 4 > data.byteLength) {
      throw new RetrievalError('invalid-model', `array '${entry.name}' runs past the end of the data`, {
        field: entry.name,
      });
    }
    const array = entry.type === 'float32' ? new Float32Array(entry.length) : new Uint32Array(entry.length);
    for (let i = 0; i < entry.length; i++) {
      array[i] =
        entry.type === 'float32'
          ? view.getFloat32(entry.byteOffset + 4 * i, true)
          : view.getUint32(entry.byteOffset + 4 * i, true);
    }
    model[entry.name] = array;
  }
  return model as unknown as Retriever;
}
