import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** What a child process cost, measured from outside it. */
export interface ChildCost {
  readonly exitCode: number;
  readonly wallSeconds: number;
  /** User + system CPU seconds of the child and everything it waited for (null without /usr/bin/time). */
  readonly cpuSeconds: number | null;
  /** The child's peak resident set size in bytes (the kernel's high-water mark, null without /usr/bin/time). */
  readonly maxRssBytes: number | null;
  /** How the figures were taken, for the report. */
  readonly method: 'gnu-time' | 'wall-only';
}

const GNU_TIME = '/usr/bin/time';

/**
 * Parses GNU time's `-f '%e %U %S %M'` line (wall, user, system seconds, max RSS KiB).
 * The last line holds it: a child's own stderr comes first when it shares the file.
 */
export function parseGnuTime(text: string): { wall: number; cpu: number; maxRssKib: number } | null {
  const lines = text.trim().split('\n');
  const last = lines[lines.length - 1]?.trim().split(/\s+/).map(Number) ?? [];
  if (last.length !== 4 || last.some((v) => !Number.isFinite(v))) return null;
  const [wall, user, system, maxRssKib] = last as [number, number, number, number];
  return { wall, cpu: user + system, maxRssKib };
}

/**
 * Runs `command args` with stdout and stderr going to files in `dir`, and measures it from
 * outside: GNU time when it is installed (it waits on the child, so its rusage is exact),
 * otherwise wall time alone. The child's output is left in `<name>.stdout` / `<name>.stderr`.
 */
export async function runMeasured(
  name: string,
  command: string,
  args: readonly string[],
  opts: { cwd: string; dir: string; env?: NodeJS.ProcessEnv },
): Promise<ChildCost> {
  const timeFile = join(opts.dir, `${name}.time`);
  const useTime = existsSync(GNU_TIME);
  const argv = useTime ? ['-f', '%e %U %S %M', '-o', timeFile, command, ...args] : [...args];
  const started = performance.now();
  // The child writes straight into the files: nothing is buffered here, however long the log.
  const out = openSync(join(opts.dir, `${name}.stdout`), 'w');
  const err = openSync(join(opts.dir, `${name}.stderr`), 'w');
  const exitCode = await new Promise<number>((resolvePromise, reject) => {
    const child = spawn(useTime ? GNU_TIME : command, argv, {
      cwd: opts.cwd,
      env: opts.env ?? process.env,
      stdio: ['ignore', out, err],
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolvePromise(code ?? (signal ? 128 : 1)));
  }).finally(() => {
    closeSync(out);
    closeSync(err);
  });
  const wallSeconds = (performance.now() - started) / 1000;
  const parsed = useTime && existsSync(timeFile) ? parseGnuTime(readFileSync(timeFile, 'utf8')) : null;
  if (useTime) rmSync(timeFile, { force: true });
  return {
    exitCode,
    wallSeconds,
    cpuSeconds: parsed?.cpu ?? null,
    maxRssBytes: parsed === null ? null : parsed.maxRssKib * 1024,
    method: parsed === null ? 'wall-only' : 'gnu-time',
  };
}
