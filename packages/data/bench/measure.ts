/**
 * Helpers shared by the data benchmarks: each measurement runs in a fresh Node process against
 * the built package (`dist/`), because peak RSS (`maxRSS`) only ever grows within a process and
 * a warm JIT would flatter later runs.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const distEntry = join(packageDir, 'dist', 'index.js');

/** What a child reports: its own timings plus its peak resident set. */
export interface ChildResult {
  readonly seconds: number;
  readonly peakRssMb: number;
  readonly [key: string]: unknown;
}

/**
 * Runs `body` (an async function body with `data` bound to the built @reco/data module) in a new
 * Node process. The body returns a JSON-able object; `seconds` must be in it.
 */
let children = 0;

export async function runInChild(body: string): Promise<ChildResult> {
  if (!existsSync(distEntry)) {
    throw new Error(`${distEntry} is missing: build the package first (pnpm --filter @reco/data build)`);
  }
  const code = `
    const data = await import(${JSON.stringify(pathToFileURL(distEntry).href)});
    const result = await (async () => { ${body} })();
    const peakRssMb = Math.round(process.resourceUsage().maxRSS / 102.4) / 10;
    process.stdout.write(JSON.stringify({ ...result, peakRssMb }));
  `;
  // A plain Node running a script file: no loader flags from tsx, which runs this file.
  const script = join(tmpdir(), `reco-bench-${process.pid}-${children++}.mjs`);
  await writeFile(script, code);
  const env = { ...process.env, NODE_OPTIONS: '' };
  const child = spawn(process.execPath, [script], { stdio: ['ignore', 'pipe', 'inherit'], env });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
  });
  const exitCode = await new Promise<number | null>((done) => child.on('close', done));
  await rm(script, { force: true });
  if (exitCode !== 0) throw new Error(`benchmark child exited with ${exitCode}`);
  return JSON.parse(out) as ChildResult;
}

/** The machine, and how busy it was: the figures mean little on a loaded machine. */
export function machine() {
  return {
    cpus: cpus().length,
    cpu: cpus()[0]?.model,
    node: process.version,
    loadAverage1m: Math.round(loadavg()[0]! * 100) / 100,
  };
}

export async function writeResults(name: string, result: unknown): Promise<string> {
  const out = join(packageDir, 'bench-results', `${name}.json`);
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, `${JSON.stringify(result, null, 2)}\n`);
  return out;
}

export function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
