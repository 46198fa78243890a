import { spawnSync } from 'node:child_process';

/**
 * Test helper: Debian's python3-xgboost lives in the system interpreter, which may not be the
 * `python3` first on PATH (e.g. under pyenv), so the system one is tried first.
 */
export const PYTHON_CANDIDATES = ['/usr/bin/python3', 'python3'];

export function findPythonWithXGBoost(): string | null {
  for (const python of PYTHON_CANDIDATES) {
    const probe = spawnSync(python, ['-c', 'import xgboost, numpy'], { encoding: 'utf8' });
    if (probe.status === 0) return python;
  }
  return null;
}

export function runPython(python: string, script: string, args: readonly string[]): string {
  const result = spawnSync(python, ['-c', script, ...args], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`python failed (${result.status}): ${result.stderr}`);
  return result.stdout;
}
