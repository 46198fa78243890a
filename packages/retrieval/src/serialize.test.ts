import { describe, expect, it } from 'vitest';
import { buildInteractions } from './interactions';
import { plantedRatings } from './internal/fixtures';
import { fitRetriever, RETRIEVER_KINDS, scoreNewUser } from './retriever';
import { decodeRetriever, encodeRetriever } from './serialize';

const data = plantedRatings(30, 16, 2, 4);
const rows = Uint32Array.from({ length: data.user.length }, (_, i) => i);
const matrix = buildInteractions({ ...data, likeThreshold: 3.5 });

describe('encodeRetriever / decodeRetriever', () => {
  it.each(RETRIEVER_KINDS)('round-trips %s through JSON and bytes, scoring the same', async (kind) => {
    const params = kind === 'als' ? { factors: 4, iterations: 3 } : kind === 'ease' ? { maxItems: 10 } : {};
    const model = await fitRetriever(kind, params as never, { matrix, ratings: data, rows, seed: 1 });
    const { header, data: bytes } = encodeRetriever(model);
    const back = decodeRetriever(JSON.parse(JSON.stringify(header)), bytes.slice());
    expect(back.kind).toBe(kind);
    const a = new Float32Array(16);
    const b = new Float32Array(16);
    scoreNewUser(model, [0, 3, 5], [5, 4, 4], a);
    scoreNewUser(back, [0, 3, 5], [5, 4, 4], b);
    expect(Array.from(b)).toEqual(Array.from(a));
  });

  it('rejects a foreign header, an unknown kind and truncated data', async () => {
    const { header, data: bytes } = encodeRetriever(
      await fitRetriever('item-knn', {}, { matrix, ratings: data, rows, seed: 1 }),
    );
    expect(() => decodeRetriever({ ...header, version: 99 }, bytes)).toThrow(
      expect.objectContaining({ code: 'invalid-model', field: 'format' }),
    );
    expect(() => decodeRetriever({ ...header, kind: 'svd' as never }, bytes)).toThrow(
      expect.objectContaining({ field: 'kind' }),
    );
    expect(() => decodeRetriever(header, bytes.subarray(0, 8))).toThrow(
      expect.objectContaining({ code: 'invalid-model' }),
    );
  });
});
