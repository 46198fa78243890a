import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { trainMf } from './mf';

const run = promisify(execFile);
const dist = new URL('../dist/index.js', import.meta.url).href;

/** A deterministic rating set both sides can rebuild (the child process has no test helpers). */
const DATA = `
  const n = 6000, nUsers = 120, nItems = 90;
  const user = new Uint32Array(n), item = new Uint32Array(n), rating = new Float32Array(n);
  for (let t = 0; t < n; t++) { user[t] = (t * 7919) % nUsers; item[t] = (t * 104729 + (t >> 5)) % nItems; rating[t] = 1 + ((t * 31) % 9) / 2; }
  const data = { user, item, rating, nUsers, nItems, seed: 11, epochs: 3, factors: 6 };`;

const digest = (m: { userFactors: Float32Array; itemFactors: Float32Array }) =>
  createHash('sha256').update(m.userFactors).update(m.itemFactors).digest('hex');

it('the built package loads dist/kernels.wasm in the main thread and its workers, and trains the same model', {
  timeout: 60_000,
}, async () => {
  // Run by turbo after `build`; the child imports dist/index.js as a user's code would.
  const script = `import { createHash } from 'node:crypto';
    import { trainMf } from ${JSON.stringify(dist)};
    ${DATA}
    const m = await trainMf({ ...data, threads: 2 });
    console.log(createHash('sha256').update(m.userFactors).update(m.itemFactors).digest('hex'));`;
  // A file, not --eval: worker threads inherit execArgv, and --input-type would break them.
  const dir = await mkdtemp(join(tmpdir(), 'cf-svd-dist-'));
  const file = join(dir, 'train.mjs');
  await writeFile(file, script);
  const { stdout } = await run(process.execPath, [file]).finally(() => rm(dir, { recursive: true }));
  const data = new Function(`${DATA}; return data;`)() as Parameters<typeof trainMf>[0];
  expect(stdout.trim()).toBe(digest(await trainMf(data)));
});
