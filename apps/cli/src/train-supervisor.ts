import { spawn } from 'node:child_process';
import { readdirSync, readlinkSync, rmSync } from 'node:fs';
import { constants } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';

/** Set in the child's environment: the child runs the study itself instead of supervising. */
export const TRAIN_CHILD_ENV = 'RECO_TRAIN_CHILD';

const FORWARDED = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** True when `reco <args>` is a `train` run this process should supervise rather than run. */
export function shouldSupervise(args: readonly string[], env: NodeJS.ProcessEnv = process.env): boolean {
  if (env[TRAIN_CHILD_ENV] === '1' || args[0] !== 'train') return false;
  return !args.some((a) => a === '--help' || a === '-h');
}

/** The `--out` / `-o` folder of a train command line (default `artifacts`), absolute. */
export function outOf(args: readonly string[]): string {
  let out = 'artifacts';
  for (let i = 1; i < args.length; i++) {
    const a = args[i]!;
    if ((a === '--out' || a === '-o') && i + 1 < args.length) out = args[++i]!;
    else if (a.startsWith('--out=')) out = a.slice('--out='.length);
  }
  return resolve(out);
}

/** The bundle's temporary entries beside `out`: staging folders and links, and version folders. */
function bundleEntries(out: string): Set<string> {
  const name = basename(out);
  const prefixes = [`.${name}.tmp-`, `.${name}.v-`];
  try {
    return new Set(readdirSync(dirname(out)).filter((e) => prefixes.some((p) => e.startsWith(p))));
  } catch {
    return new Set();
  }
}

/**
 * Removes the bundle entries the child created that `out` does not point at: a staging folder
 * being written, or a version folder renamed but not yet published. The previous bundle (what
 * `out` points at) and anything that was there before the run are left alone.
 */
export function removeChildTemps(out: string, before: ReadonlySet<string>): string[] {
  let current: string | null = null;
  try {
    current = readlinkSync(out);
  } catch {
    // No bundle yet, or a plain folder.
  }
  const removed: string[] = [];
  for (const entry of bundleEntries(out)) {
    if (before.has(entry) || entry === current) continue;
    rmSync(join(dirname(out), entry), { recursive: true, force: true });
    removed.push(entry);
  }
  return removed;
}

/**
 * Runs `reco train` as a child node process (same binary, arguments and environment plus
 * RECO_TRAIN_CHILD=1) and waits for it. The study runs long native calls (libxgboost) during which
 * a signal handler in its own process could not run; here the parent stays idle and responsive.
 * On SIGINT / SIGTERM / SIGHUP the signal goes to the child (a terminal's Ctrl-C reaches it
 * directly too), the child dies with its worker threads, and the parent removes the temporary
 * bundle entries the child left, so the previous `--out` bundle stays exactly as it was.
 * Resolves with the child's exit code, or 128 + the signal's number.
 */
export function superviseTrain(args: readonly string[]): Promise<number> {
  const out = outOf(args);
  const before = bundleEntries(out);
  const child = spawn(process.execPath, [...process.execArgv, process.argv[1]!, ...args], {
    stdio: 'inherit',
    env: { ...process.env, [TRAIN_CHILD_ENV]: '1' },
  });
  let signalled: NodeJS.Signals | null = null;
  const forward = (signal: NodeJS.Signals) => {
    signalled ??= signal;
    child.kill(signal);
  };
  for (const signal of FORWARDED) process.on(signal, forward);
  return new Promise((resolveCode, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      for (const s of FORWARDED) process.off(s, forward);
      const ended = signal ?? signalled;
      if (ended !== null || code !== 0) {
        const removed = removeChildTemps(out, before);
        if (ended !== null) {
          process.stderr.write(
            `reco train stopped by ${ended}${removed.length > 0 ? `; removed ${removed.length} unfinished bundle folder(s)` : ''}; ${out} is unchanged\n`,
          );
        }
      }
      resolveCode(ended !== null ? 128 + constants.signals[ended] : (code ?? 1));
    });
  });
}
