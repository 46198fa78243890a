import { randomBytes } from 'node:crypto';
import { lstat, readdir, readlink, rename, rm, symlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { BundleError } from './errors';

/**
 * The on-disk scheme (see README, "Atomic writes"): `<out>` is a symlink to a sibling version
 * folder `.<name>.v-<id>`. Publishing renames a fresh symlink over `<out>`, which rename(2) does
 * atomically, so `<out>` always names a whole bundle. The version being replaced is kept until the
 * next write, so a reader that resolved it just before the swap can finish.
 */
export function stagingPrefix(name: string): string {
  return `.${name}.tmp-`;
}

function versionPrefix(name: string): string {
  return `.${name}.v-`;
}

/** Renames the finished `staging` folder to a new version and points `dir` at it. */
export async function publishVersion(staging: string, dir: string): Promise<void> {
  const parent = dirname(dir);
  const name = basename(dir);
  const version = `${versionPrefix(name)}${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
  await rename(staging, join(parent, version));
  const existing = await lstat(dir).catch(() => null);
  if (existing?.isDirectory()) {
    // A plain folder (the v1 layout): a symlink cannot be renamed over a folder, so it is moved
    // aside first. This one-time migration is the only moment `dir` is briefly absent.
    await rename(dir, join(parent, `${versionPrefix(name)}legacy-${randomBytes(4).toString('hex')}`));
  } else if (existing !== null && !existing.isSymbolicLink()) {
    await removeQuietly(join(parent, version));
    throw new BundleError('config', `cannot write artifacts to ${dir}: it exists and is not a folder`, {
      file: dir,
    });
  }
  const link = join(parent, `${stagingPrefix(name)}link-${randomBytes(4).toString('hex')}`);
  await symlink(version, link, 'dir');
  try {
    await rename(link, dir);
  } catch (error) {
    await removeQuietly(link);
    throw error;
  }
}

/**
 * Removes what earlier writes left behind: every `.<name>.tmp-*` entry (a crashed or failed
 * write) and every `.<name>.v-*` version except the one `dir` points at now.
 */
export async function removeStale(dir: string): Promise<void> {
  const parent = dirname(dir);
  const name = basename(dir);
  const current = await readlink(dir).catch(() => null);
  const entries = await readdir(parent).catch(() => [] as string[]);
  for (const entry of entries) {
    const stale =
      entry.startsWith(stagingPrefix(name)) || (entry.startsWith(versionPrefix(name)) && entry !== current);
    if (stale) await removeQuietly(join(parent, entry));
  }
}

export async function removeQuietly(path: string): Promise<void> {
  await rm(path, { recursive: true, force: true }).catch(() => undefined);
}
