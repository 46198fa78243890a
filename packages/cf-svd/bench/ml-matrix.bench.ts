/**
 * The small dense linear algebra of this package against ml-matrix 6, at the sizes reco runs:
 *  - fold-in: one symmetric positive-definite solve of size factors + 1 (MF) or factors (ALS),
 *    factors 32, 64, 128 (`solveSpd`, Cholesky) vs ml-matrix's CholeskyDecomposition, including
 *    the copy into and out of ml-matrix's row arrays that a caller would pay;
 *  - the randomized SVD's range finder: a thin QR of 20,000 x 74 (rank 64 + 10 oversamples),
 *    `orthonormalize` (CholeskyQR2) and `householderQr` vs ml-matrix's QrDecomposition.
 * Checks the answers agree, prints best-of-N milliseconds and writes bench-results/ml-matrix.json.
 *
 *   pnpm --filter @reco/cf-svd bench:ml-matrix
 *   RECO_BENCH_ROUNDS=9 ...   # best of N rounds (default 7)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createRng } from '@reco/core';
import { CholeskyDecomposition, Matrix, QrDecomposition } from 'ml-matrix';
import { householderQr, orthonormalize, solveSpd } from '../src/dense';

const rounds = Number(process.env.RECO_BENCH_ROUNDS ?? 7);
const rng = createRng(11);
const log = (text: string) => process.stderr.write(`${text}\n`);
const round = (ms: number) => Math.round(ms * 1000) / 1000;

/** Best wall time per call, in ms: `calls` calls per round, best of `rounds` after a warm-up round. */
function best(calls: number, run: () => unknown): number {
  for (let c = 0; c < calls; c++) run();
  let min = Number.POSITIVE_INFINITY;
  for (let r = 0; r < rounds; r++) {
    const t = performance.now();
    for (let c = 0; c < calls; c++) run();
    min = Math.min(min, (performance.now() - t) / calls);
  }
  return min;
}

/** A fold-in-shaped SPD system: YᵀY over 200 random item vectors plus a ridge, exactly symmetric. */
function spdSystem(n: number): { a: Float64Array; b: Float64Array } {
  const a = new Float64Array(n * n);
  const y = new Float64Array(n);
  for (let t = 0; t < 200; t++) {
    for (let k = 0; k < n; k++) y[k] = 0.1 * rng.nextGaussian();
    for (let r = 0; r < n; r++) for (let c = r; c < n; c++) a[r * n + c]! += y[r]! * y[c]!;
  }
  for (let r = 0; r < n; r++) {
    a[r * n + r]! += 0.05;
    for (let c = 0; c < r; c++) a[r * n + c] = a[c * n + r]!;
  }
  const b = Float64Array.from({ length: n }, () => rng.nextGaussian());
  return { a, b };
}

function mlMatrixSolve(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const rows = Array.from({ length: n }, (_, r) => Array.from(a.subarray(r * n, r * n + n)));
  const x = new CholeskyDecomposition(new Matrix(rows)).solve(Matrix.columnVector(Array.from(b)));
  return Float64Array.from(x.getColumn(0));
}

const results: Record<string, unknown>[] = [];
for (const factors of [32, 64, 128]) {
  for (const [model, n] of [
    ['mf', factors + 1],
    ['als', factors],
  ] as const) {
    const { a, b } = spdSystem(n);
    const ours = solveSpd(a, b, n)!;
    const theirs = mlMatrixSolve(a, b, n);
    let diff = 0;
    for (let k = 0; k < n; k++)
      diff = Math.max(diff, Math.abs(ours[k]! - theirs[k]!) / (1 + Math.abs(ours[k]!)));
    if (diff > 1e-9) throw new Error(`fold-in ${model} ${n}: answers differ by ${diff}`);
    const calls = Math.max(5, Math.round(200_000 / (n * n)));
    const row = {
      task: `fold-in solve (${model})`,
      size: n,
      recoMs: round(best(calls, () => solveSpd(a, b, n))),
      mlMatrixMs: round(best(calls, () => mlMatrixSolve(a, b, n))),
    };
    log(`${row.task} n=${n}: reco ${row.recoMs} ms, ml-matrix ${row.mlMatrixMs} ms`);
    results.push(row);
  }
}

{
  const [m, n] = [20_000, 74];
  const a = Float64Array.from({ length: m * n }, () => rng.nextGaussian());
  const rows = Array.from({ length: m }, (_, r) => Array.from(a.subarray(r * n, r * n + n)));
  const q = a.slice();
  orthonormalize(q, m, n);
  const theirs = new QrDecomposition(new Matrix(rows)).orthogonalMatrix;
  // Same column space: |Qᵀ Q_ml| has singular values 1, so its Frobenius norm² is n.
  let frob = 0;
  for (let p = 0; p < n; p++) {
    for (let c = 0; c < n; c++) {
      let s = 0;
      for (let i = 0; i < m; i++) s += q[i * n + p]! * theirs.get(i, c);
      frob += s * s;
    }
  }
  if (Math.abs(frob - n) > 1e-6) throw new Error(`QR: column spaces differ (${frob} vs ${n})`);
  const row = {
    task: 'thin QR',
    size: `${m}x${n}`,
    recoMs: round(best(1, () => orthonormalize(a.slice(), m, n))),
    recoHouseholderMs: round(best(1, () => householderQr(a.slice(), m, n))),
    mlMatrixMs: round(best(1, () => new QrDecomposition(new Matrix(rows)).orthogonalMatrix)),
  };
  log(
    `thin QR ${row.size}: reco CholeskyQR2 ${row.recoMs} ms, reco Householder ${row.recoHouseholderMs} ms, ml-matrix ${row.mlMatrixMs} ms`,
  );
  results.push(row);
}

const dir = fileURLToPath(new URL('../bench-results/', import.meta.url));
mkdirSync(dir, { recursive: true });
writeFileSync(
  `${dir}ml-matrix.json`,
  `${JSON.stringify({ rounds, node: process.version, results }, null, 2)}\n`,
);
log(`wrote ${dir}ml-matrix.json`);
