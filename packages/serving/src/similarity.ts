/** Row vectors with their inverse norms, for cosine similarity without re-normalising per query. */
export interface CosineSpace {
  readonly vectors: Float32Array;
  readonly dims: number;
  /** 1/|v_m|, 0 for an all-zero row (a movie with nothing to compare). */
  readonly inverseNorms: Float32Array;
}

export function cosineSpace(vectors: Float32Array, dims: number): CosineSpace {
  const n = dims === 0 ? 0 : vectors.length / dims;
  const inverseNorms = new Float32Array(n);
  for (let m = 0; m < n; m++) {
    let sum = 0;
    const o = m * dims;
    for (let k = 0; k < dims; k++) sum += vectors[o + k]! * vectors[o + k]!;
    inverseNorms[m] = sum > 0 ? 1 / Math.sqrt(sum) : 0;
  }
  return { vectors, dims, inverseNorms };
}

/** True when movie m has a direction in this space (a non-zero vector). */
export function hasVector(space: CosineSpace, m: number): boolean {
  return space.inverseNorms[m]! > 0;
}

/** cos(v_a, v_b), 0 when either is a zero vector. */
export function cosine(space: CosineSpace, a: number, b: number): number {
  const { vectors, dims, inverseNorms } = space;
  const scale = inverseNorms[a]! * inverseNorms[b]!;
  if (scale === 0) return 0;
  let dot = 0;
  const oa = a * dims;
  const ob = b * dims;
  for (let k = 0; k < dims; k++) dot += vectors[oa + k]! * vectors[ob + k]!;
  return dot * scale;
}

/**
 * out[j] += weight · cos(v_query, v_j) for every movie j: one pass over the row-major matrix,
 * written in place so a blend of two spaces needs no extra catalogue-sized array.
 */
export function addCosines(space: CosineSpace, query: number, weight: number, out: Float32Array): void {
  const { vectors, dims, inverseNorms } = space;
  const scale = weight * inverseNorms[query]!;
  if (scale === 0) return;
  const oq = query * dims;
  const n = inverseNorms.length;
  for (let j = 0; j < n; j++) {
    const inv = inverseNorms[j]!;
    if (inv === 0) continue;
    let dot = 0;
    const oj = j * dims;
    for (let k = 0; k < dims; k++) dot += vectors[oq + k]! * vectors[oj + k]!;
    out[j]! += dot * inv * scale;
  }
}
