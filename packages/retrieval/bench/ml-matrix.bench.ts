/**
 * EASE's Gram inverse at m = 1,000 items (the fit's only dense step): the in-place Gauss-Jordan
 * `invertSpdInPlace` against ml-matrix 6's `inverse` (LU) and a Cholesky solve against the
 * identity, on a Gram matrix XᵀX + λI built like fitEase's. Checks the inverses agree, prints
 * best-of-N seconds and writes bench-results/ml-matrix.json.
 *
 *   pnpm --filter @reco/retrieval bench:ml-matrix [-- --items 1000]
 *   RECO_BENCH_ROUNDS=3 ...   # best of N rounds (default 3)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createRng } from '@reco/core';
import { CholeskyDecomposition, inverse, Matrix } from 'ml-matrix';
import { invertSpdInPlace } from '../src/internal/invert';

const at = process.argv.indexOf('--items');
const m = at < 0 ? 1000 : Number(process.argv[at + 1]);
const rounds = Number(process.env.RECO_BENCH_ROUNDS ?? 3);
const log = (text: string) => process.stderr.write(`${text}\n`);
const rng = createRng(5);

// XᵀX of 3,000 users with about 5% of the items each, plus λ = 200 on the diagonal.
const gram = new Float64Array(m * m);
const picked: number[] = [];
for (let u = 0; u < 3000; u++) {
  picked.length = 0;
  for (let i = 0; i < m; i++) if (rng.nextFloat() < 0.05) picked.push(i);
  for (const a of picked) for (const b of picked) gram[a * m + b]!++;
}
for (let d = 0; d < m; d++) gram[d * m + d]! += 200;
const rows = () => Array.from({ length: m }, (_, r) => Array.from(gram.subarray(r * m, r * m + m)));

function bestSeconds(run: () => unknown): number {
  let min = Number.POSITIVE_INFINITY;
  for (let r = 0; r < rounds; r++) {
    const t = performance.now();
    run();
    min = Math.min(min, (performance.now() - t) / 1000);
  }
  return Math.round(min * 1000) / 1000;
}

const ours = gram.slice();
if (!invertSpdInPlace(ours, m)) throw new Error('not positive definite');
const lu = inverse(new Matrix(rows()));
let diff = 0;
for (let i = 0; i < m; i++)
  for (let j = 0; j < m; j++) diff = Math.max(diff, Math.abs(ours[i * m + j]! - lu.get(i, j)));
if (diff > 1e-12) throw new Error(`inverses differ by ${diff}`);

const result = {
  task: 'EASE Gram inverse',
  items: m,
  recoGaussJordanSeconds: bestSeconds(() => invertSpdInPlace(gram.slice(), m)),
  mlMatrixInverseSeconds: bestSeconds(() => inverse(new Matrix(rows()))),
  mlMatrixCholeskySeconds: bestSeconds(() =>
    new CholeskyDecomposition(new Matrix(rows())).solve(Matrix.eye(m, m)),
  ),
};
log(
  `EASE inverse m=${m}: reco ${result.recoGaussJordanSeconds} s, ml-matrix inverse ${result.mlMatrixInverseSeconds} s, ml-matrix Cholesky ${result.mlMatrixCholeskySeconds} s`,
);
const dir = fileURLToPath(new URL('../bench-results/', import.meta.url));
mkdirSync(dir, { recursive: true });
writeFileSync(
  `${dir}ml-matrix.json`,
  `${JSON.stringify({ rounds, node: process.version, ...result }, null, 2)}\n`,
);
log(`wrote ${dir}ml-matrix.json`);
