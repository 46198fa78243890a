/**
 * What the content-hash cache key costs on a hit: one xxhash64 read of every source file. Measured
 * on a 500 MB file (ml-20m's ratings.csv is 533 MB), cold-ish (first read) and from the page cache.
 * Results go to bench-results/hash.json.
 */
import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashFile, loadXxhash } from '../src/cache/content-hash';
import { machine, round, writeResults } from './measure';

const MB = 1 << 20;
const size = Number(process.env.HASH_BENCH_MB ?? 500) * MB;
const path = join(tmpdir(), `reco-hash-bench-${process.pid}.csv`);
const line = Buffer.from('138493,68954,4.5,1258126920\n');
const block = Buffer.alloc(4 * MB);
for (let i = 0; i + line.length <= block.length; i += line.length) line.copy(block, i);
const fd = openSync(path, 'w');
for (let written = 0; written < size; written += block.length)
  writeSync(fd, block, 0, Math.min(block.length, size - written));
closeSync(fd);
try {
  const xx = await loadXxhash();
  const runs: number[] = [];
  let digest = '';
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    digest = hashFile(xx, path);
    runs.push((performance.now() - started) / 1000);
  }
  const best = Math.min(...runs);
  const result = {
    bench: 'cache key: xxhash64 of a whole file',
    machine: machine(),
    megabytes: size / MB,
    secondsPerRun: runs.map((s) => round(s, 3)),
    bestMegabytesPerSecond: round(size / MB / best, 0),
    digest,
  };
  console.log(JSON.stringify(result));
  console.log(`wrote ${await writeResults('hash', result)}`);
} finally {
  rmSync(path, { force: true });
}
