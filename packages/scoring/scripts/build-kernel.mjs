// Compiles assembly/forest.ts into dist/forest.wasm with asc, after emptying dist/ (tsup runs next
// with `clean: false`, so the kernel survives). The .wasm is a build output, never committed.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const asc = join(
  dirname(createRequire(import.meta.url).resolve('assemblyscript/package.json')),
  'bin',
  'asc.js',
);
rmSync(join(root, 'dist'), { recursive: true, force: true });
mkdirSync(join(root, 'dist'));
execFileSync(
  process.execPath,
  [
    asc,
    'assembly/forest.ts',
    '--outFile',
    'dist/forest.wasm',
    '--optimizeLevel',
    '3',
    '--shrinkLevel',
    '0',
    '--noAssert',
    '--runtime',
    'stub',
    '--importMemory',
    '--noExportMemory',
    // The kernels use i32 addresses: at most 2 GiB (32,768 pages of 64 KiB).
    '--maximumMemory',
    '32768',
    '--enable',
    'simd',
    '--use',
    'abort=',
  ],
  { cwd: root, stdio: 'inherit' },
);
