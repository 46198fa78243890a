import { spawnSync } from 'node:child_process';
import { findPython } from '@reco/core/testing';

/** Test helper: a Python with xgboost and numpy (`findPython`), or null. */
export function findPythonWithXGBoost(): string | null {
  return findPython(['xgboost', 'numpy']);
}

export function runPython(python: string, script: string, args: readonly string[]): string {
  const result = spawnSync(python, ['-c', script, ...args], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`python failed (${result.status}): ${result.stderr}`);
  return result.stdout;
}
