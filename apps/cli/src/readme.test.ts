/**
 * The README's first ```sh block is the quick start a newcomer types; it is run here, line by
 * line, with the built `reco`, in an empty folder, so a renamed flag or a changed default fails
 * this test rather than the newcomer.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';

const exec = promisify(execFile);
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const bin = join(root, 'apps/cli/bin/reco.js');
const work = mkdtempSync(join(tmpdir(), 'reco-cli-readme-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The commands of the README's first ```sh block: comments dropped, one argv per line. */
function quickStart(): string[][] {
  const readme = readFileSync(join(root, 'apps/cli/README.md'), 'utf8');
  const block = /^```sh\n([\s\S]*?)^```/m.exec(readme)?.[1] ?? '';
  return block
    .split('\n')
    .map((line) => line.replace(/#.*$/, '').trim())
    .filter((line) => line !== '')
    .map((line) => {
      // Plain words only, so splitting on spaces is the shell's own reading of the line.
      expect(line, 'a quick-start line without quotes or shell syntax').toMatch(/^[\w ./=,-]+$/);
      return line.split(/\s+/);
    });
}

it('runs the README quick start as a newcomer would type it', async () => {
  if (!existsSync(join(root, 'apps/cli/dist/bin.js'))) throw new Error('run "pnpm build" first');
  const commands = quickStart();
  expect(commands.map((argv) => argv.slice(0, 2).join(' '))).toEqual([
    'reco info',
    'reco train',
    'reco recommend',
  ]);
  const outputs: string[] = [];
  for (const [name, ...args] of commands) {
    expect(name).toBe('reco');
    // An empty folder: the release name resolves through RECO_DATASETS, as from outside the repo.
    const { stdout } = await exec(process.execPath, [bin, ...args], {
      cwd: work,
      env: { ...process.env, RECO_DATASETS: join(root, 'datasets'), NO_COLOR: '1' },
      maxBuffer: 64 << 20,
    });
    outputs.push(stdout);
  }
  const [info, , recommend] = outputs;
  expect(info).toMatch(/ratings\s+100,836/);
  expect(existsSync(join(work, 'artifacts', 'manifest.json'))).toBe(true);
  expect(recommend).toMatch(/^Top 5 for user 1 /);
  expect(recommend!.trimEnd().split('\n').slice(1)).toHaveLength(5);
}, 300_000);
