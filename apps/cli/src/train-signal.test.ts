/**
 * Ctrl-C during `reco train`, end to end with the built CLI: the run is stopped mid-study, its
 * unfinished bundle folders are removed, and the previous `--out` bundle is untouched.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

const exec = promisify(execFile);
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const bin = join(root, 'apps/cli/bin/reco.js');
const work = mkdtempSync(join(tmpdir(), 'reco-cli-signal-'));
const data = join(work, 'synth');
const out = join(work, 'artifacts');
const trainArgs = ['train', '-d', data, '--tune', 'none', '--models', 'xgb', '-o', out];

beforeAll(async () => {
  if (!existsSync(join(root, 'apps/cli/dist/bin.js'))) throw new Error('run "pnpm build" first');
  await exec(process.execPath, [bin, 'synth', '--ratings', '150000', '--seed', '3', '-o', data, '--quiet']);
  await exec(process.execPath, [bin, ...trainArgs, '--quiet'], { maxBuffer: 64 << 20 });
}, 300_000);

function stopAfterLoad(signal: NodeJS.Signals): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [bin, ...trainArgs], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  let sent = false;
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    // Signal once the study is under way (past loading, into the features and fits).
    if (!sent && /loaded \d+ ratings/.test(stderr)) {
      sent = true;
      setTimeout(() => child.kill(signal), 300);
    }
  });
  return new Promise((done) => child.once('exit', (code) => done({ code, stderr })));
}

describe('reco train stopped by a signal', () => {
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    it(`${signal}: exits ${code}, leaves no temporary folders and the previous bundle`, async () => {
      const previous = readlinkSync(out);
      const entriesBefore = readdirSync(work).sort();
      const result = await stopAfterLoad(signal);
      expect(result.code, result.stderr).toBe(code);
      expect(result.stderr).toContain(`stopped by ${signal}`);
      expect(readlinkSync(out)).toBe(previous);
      expect(readdirSync(work).sort()).toEqual(entriesBefore);
    }, 120_000);
  }
});
