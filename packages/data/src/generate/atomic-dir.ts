import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * A fresh, uniquely named folder beside `target` (same file system, so a rename can move it into
 * place) whose name starts with a dot and says what it is for.
 */
export async function makeTempDirBeside(target: string, purpose = 'tmp'): Promise<string> {
  const parent = dirname(target);
  await mkdir(parent, { recursive: true });
  for (;;) {
    // Not mkdtemp: it creates mode 0700, and this folder becomes the (shareable) dataset.
    const path = join(parent, `.${basename(target)}.${purpose}-${randomBytes(6).toString('hex')}`);
    try {
      await mkdir(path);
      return path;
    } catch (error) {
      if (!isCode(error, 'EEXIST')) throw error;
    }
  }
}

/**
 * Renames the finished folder `from` to `target`. When `target` already exists it is first
 * renamed aside and deleted afterwards, so `target` is at every moment either the old complete
 * folder, absent for an instant, or the new complete folder: never a half-written mix.
 */
export async function moveIntoPlace(from: string, target: string): Promise<void> {
  try {
    await rename(from, target);
    return;
  } catch (error) {
    if (!isCode(error, 'ENOTEMPTY') && !isCode(error, 'EEXIST')) throw error;
  }
  const aside = await makeTempDirBeside(target, 'old');
  await rename(target, aside);
  try {
    await rename(from, target);
  } catch (error) {
    await rename(aside, target).catch(() => {});
    throw error;
  }
  await rm(aside, { recursive: true, force: true });
}

export function isCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}
