import { CfError } from './errors';

/**
 * A compressed-sparse-row matrix on typed arrays. Row r holds columns
 * `indices[indptr[r] .. indptr[r+1]-1]` (ascending, no duplicates when built by `csrFromCoo`) with
 * values `data[...]` at the same positions. `indptr` is a Uint32Array: MovieLens-scale matrices stay
 * under 2^32 nonzeros.
 */
export interface CsrMatrix {
  readonly nRows: number;
  readonly nCols: number;
  readonly indptr: Uint32Array;
  readonly indices: Uint32Array;
  readonly data: Float32Array;
}

/** Coordinate-format (triplet) input for `csrFromCoo`. `row`, `col` and `value` have equal length. */
export interface CooInput {
  readonly nRows: number;
  readonly nCols: number;
  readonly row: ArrayLike<number>;
  readonly col: ArrayLike<number>;
  readonly value: ArrayLike<number>;
}

/**
 * Builds a CSR matrix from (row, col, value) triplets in any order. Duplicate (row, col) pairs are
 * summed; column indices within each row come out ascending.
 *
 * Two stable counting sorts (by column, then by row) give sorted rows in O(nnz + nRows + nCols)
 * time, with no comparison sort even for a row of 60k nonzeros.
 */
export function csrFromCoo({ nRows, nCols, row, col, value }: CooInput): CsrMatrix {
  const nnz = row.length;
  if (col.length !== nnz || value.length !== nnz) {
    throw new CfError(
      'invalid-input',
      `csrFromCoo: row, col and value must have equal length (got ${nnz}, ${col.length}, ${value.length})`,
    );
  }
  assertDimension('csrFromCoo', 'nRows', nRows);
  assertDimension('csrFromCoo', 'nCols', nCols);
  for (let k = 0; k < nnz; k++) {
    const r = row[k]!;
    const c = col[k]!;
    if (!(r >= 0 && r < nRows && Number.isInteger(r)) || !(c >= 0 && c < nCols && Number.isInteger(c))) {
      throw new CfError(
        'invalid-input',
        `csrFromCoo: entry ${k} at (${r}, ${c}) is outside a ${nRows} x ${nCols} matrix`,
      );
    }
  }

  // Pass 1: order entries by column (stable counting sort).
  const colStart = new Uint32Array(nCols + 1);
  for (let k = 0; k < nnz; k++) colStart[col[k]! + 1]!++;
  for (let c = 0; c < nCols; c++) colStart[c + 1]! += colStart[c]!;
  const byCol = new Uint32Array(nnz);
  for (let k = 0; k < nnz; k++) byCol[colStart[col[k]!]!++] = k;

  // Pass 2: stable counting sort of that order by row, so each row's columns stay ascending.
  const indptr = new Uint32Array(nRows + 1);
  for (let k = 0; k < nnz; k++) indptr[row[k]! + 1]!++;
  for (let r = 0; r < nRows; r++) indptr[r + 1]! += indptr[r]!;
  const cursor = indptr.slice(0, nRows);
  const order = new Uint32Array(nnz);
  for (let t = 0; t < nnz; t++) {
    const k = byCol[t]!;
    order[cursor[row[k]!]!++] = k;
  }

  // Pass 3: copy in order, merging runs of the same (row, col).
  const indices = new Uint32Array(nnz);
  const data = new Float32Array(nnz);
  let out = 0;
  for (let r = 0; r < nRows; r++) {
    const start = indptr[r]!;
    const end = indptr[r + 1]!;
    indptr[r] = out;
    let lastCol = -1;
    for (let t = start; t < end; t++) {
      const k = order[t]!;
      const c = col[k]!;
      if (c === lastCol) {
        data[out - 1]! += value[k]!;
      } else {
        indices[out] = c;
        data[out] = value[k]!;
        out++;
        lastCol = c;
      }
    }
  }
  indptr[nRows] = out;
  return {
    nRows,
    nCols,
    indptr,
    indices: out === nnz ? indices : indices.slice(0, out),
    data: out === nnz ? data : data.slice(0, out),
  };
}

/** The transpose as a new CSR matrix (equivalently, the CSC form of `matrix`). Rows stay sorted. */
export function csrTranspose(matrix: CsrMatrix): CsrMatrix {
  const { nRows, nCols, indptr, indices, data } = matrix;
  const nnz = indptr[nRows]!;
  const outPtr = new Uint32Array(nCols + 1);
  for (let k = 0; k < nnz; k++) outPtr[indices[k]! + 1]!++;
  for (let c = 0; c < nCols; c++) outPtr[c + 1]! += outPtr[c]!;
  const cursor = outPtr.slice(0, nCols);
  const outIndices = new Uint32Array(nnz);
  const outData = new Float32Array(nnz);
  // Scanning rows in order appends to each output row in ascending original-row order.
  for (let r = 0; r < nRows; r++) {
    for (let k = indptr[r]!; k < indptr[r + 1]!; k++) {
      const dest = cursor[indices[k]!]!++;
      outIndices[dest] = r;
      outData[dest] = data[k]!;
    }
  }
  return { nRows: nCols, nCols: nRows, indptr: outPtr, indices: outIndices, data: outData };
}

/**
 * out (nRows x width, row-major) = A · X, with X (nCols x width, row-major). The inner loop runs over
 * `width` contiguous doubles of one X row, which is why the dense operands are row-major.
 */
export function csrTimesDense(a: CsrMatrix, x: Float64Array, width: number, out: Float64Array): void {
  const { nRows, indptr, indices, data } = a;
  out.fill(0);
  for (let r = 0; r < nRows; r++) {
    const o = r * width;
    for (let k = indptr[r]!; k < indptr[r + 1]!; k++) {
      const v = data[k]!;
      const xo = indices[k]! * width;
      for (let j = 0; j < width; j++) out[o + j]! += v * x[xo + j]!;
    }
  }
}

/** out (nCols x width, row-major) = Aᵀ · X, with X (nRows x width, row-major); no transpose is built. */
export function csrTransposeTimesDense(
  a: CsrMatrix,
  x: Float64Array,
  width: number,
  out: Float64Array,
): void {
  const { nRows, indptr, indices, data } = a;
  out.fill(0);
  for (let r = 0; r < nRows; r++) {
    const xo = r * width;
    for (let k = indptr[r]!; k < indptr[r + 1]!; k++) {
      const v = data[k]!;
      const o = indices[k]! * width;
      for (let j = 0; j < width; j++) out[o + j]! += v * x[xo + j]!;
    }
  }
}

function assertDimension(where: string, name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new CfError('invalid-option', `${where}: ${name} must be a non-negative integer (got ${value})`, {
      field: name,
    });
  }
}
