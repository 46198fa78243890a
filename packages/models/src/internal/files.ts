import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { ModelError } from '../errors';

let sequence = 0;

/**
 * Writes a file atomically: the bytes go to a temporary file in the same folder (same filesystem),
 * which is then renamed over the target, so a reader never sees half a model.
 */
export function writeFileAtomic(path: string, bytes: Uint8Array): void {
  const target = resolve(path);
  const temporary = join(dirname(target), `.${basename(target)}.${process.pid}.${sequence++}.tmp`);
  try {
    writeFileSync(temporary, bytes);
    renameSync(temporary, target);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw new ModelError('io', `could not write model to ${target}: ${messageOf(error)}`, { cause: error });
  }
}

export function readModelFile(path: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new ModelError('io', `could not read model file ${resolve(path)}: ${messageOf(error)}`, {
      cause: error,
    });
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
