/**
 * A compressed-sparse-row matrix on typed arrays. Row r holds columns
 * `indices[indptr[r] .. indptr[r+1]-1]` with values `data[...]` at the same positions.
 * `indptr` is a Float64Array-free Uint32Array: MovieLens-scale matrices stay under 2^32 nonzeros.
 */
export interface CsrMatrix {
  readonly nRows: number;
  readonly nCols: number;
  readonly indptr: Uint32Array;
  readonly indices: Uint32Array;
  readonly data: Float32Array;
}
