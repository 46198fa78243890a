import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: this folder is `<root>/bench/e2e`. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CLI = join(REPO_ROOT, 'apps', 'cli', 'dist', 'bin.js');
export const PYTHON = '/usr/bin/python3';
const REFERENCE = join('shared', 'reference', 'pipeline.py');

/**
 * Where `shared/reference/pipeline.py` is looked for: `$RECO_SHARED/reference/pipeline.py`,
 * then `../shared` beside the repository root, then `../shared` beside the main checkout when this
 * is a git worktree (a worktree's root is not where the project's `shared/` sits).
 */
export function referenceCandidates(root: string = REPO_ROOT): string[] {
  const candidates: string[] = [];
  // biome-ignore lint/suspicious/noUndeclaredEnvVars: a benchmark script, not a turbo task.
  const env = process.env.RECO_SHARED;
  if (env) candidates.push(join(resolve(env), 'reference', 'pipeline.py'));
  candidates.push(join(root, '..', REFERENCE));
  try {
    const common = execFileSync('git', ['rev-parse', '--path-format=absolute', '--git-common-dir'], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    candidates.push(join(dirname(common), '..', REFERENCE));
  } catch {
    // Not a git checkout (an unpacked tarball): only the plain ../shared applies.
  }
  return [...new Set(candidates.map((c) => resolve(c)))];
}

export type PythonStatus =
  | { readonly ok: true; readonly script: string; readonly versions: Record<string, string> }
  | { readonly ok: false; readonly reason: string };

/** Finds the reference script and checks that /usr/bin/python3 imports its packages. */
export function pythonStatus(root: string = REPO_ROOT): PythonStatus {
  const candidates = referenceCandidates(root);
  const script = candidates.find((c) => existsSync(c));
  if (script === undefined) {
    return {
      ok: false,
      reason:
        `the Python reference pipeline is missing: looked for ${candidates.join(', ')}. ` +
        "It lives in the project's shared/ folder beside the repository (not in a clone); set RECO_SHARED to that folder.",
    };
  }
  if (!existsSync(PYTHON)) return { ok: false, reason: `${PYTHON} is missing` };
  const probe =
    'import json, importlib\nout = {}\nfor m in ("numpy", "pandas", "sklearn", "xgboost", "scipy"):\n' +
    '    try:\n        out[m] = importlib.import_module(m).__version__\n    except Exception as e:\n' +
    '        out[m] = None\nprint(json.dumps(out))';
  try {
    const versions = JSON.parse(execFileSync(PYTHON, ['-c', probe], { encoding: 'utf8' })) as Record<
      string,
      string | null
    >;
    const missing = Object.entries(versions)
      .filter(([, v]) => v === null)
      .map(([m]) => m);
    if (missing.length > 0) {
      return {
        ok: false,
        reason:
          `${PYTHON} cannot import ${missing.join(', ')}; install them with ` +
          'apt-get install -y python3-pandas python3-sklearn python3-xgboost python3-scipy',
      };
    }
    return { ok: true, script, versions: versions as Record<string, string> };
  } catch (e) {
    return { ok: false, reason: `${PYTHON} failed to start: ${(e as Error).message}` };
  }
}
