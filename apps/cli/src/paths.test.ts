import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { thrownBy } from '@reco/core/testing';
import { describe, expect, it } from 'vitest';
import { CliError } from './cli-error';
import { checkPath } from './paths';

const root = mkdtempSync(join(tmpdir(), 'reco-cli-paths-'));
const file = join(root, 'a-file.txt');
writeFileSync(file, 'x');
const folder = join(root, 'a-folder');
mkdirSync(folder);

const failure = (run: () => unknown) => thrownBy(CliError, run);

describe('checkPath', () => {
  it('returns the absolute path of what is there', () => {
    expect(checkPath('--artifacts', folder, 'folder')).toBe(folder);
    expect(checkPath('--ratings', file, 'file')).toBe(file);
  });

  it('says what the path is instead, with code path and exit 1, and no errno text', () => {
    const cases = [
      {
        run: () => checkPath('--artifacts', join(root, 'nope'), 'folder', 'run reco train'),
        says: 'no such folder; run reco train',
      },
      { run: () => checkPath('--artifacts', file, 'folder'), says: 'is a file, not a folder' },
      { run: () => checkPath('--ratings', folder, 'file'), says: 'is a folder, not a file' },
      {
        run: () => checkPath('--artifacts', join(file, 'inside'), 'folder'),
        says: 'a part of this path is a file',
      },
    ];
    for (const { run, says } of cases) {
      const error = failure(run);
      expect(error.code).toBe('path');
      expect(error.exitCode).toBe(1);
      expect(error.message).toContain(says);
      expect(error.message).not.toMatch(/E[A-Z]{3,}/);
    }
  });

  // root reads everything, so the permission case can only be observed as another user.
  it.skipIf(process.getuid?.() === 0)('says when a folder cannot be read', () => {
    const locked = join(root, 'locked');
    mkdirSync(locked);
    chmodSync(locked, 0o000);
    try {
      const error = failure(() => checkPath('--artifacts', locked, 'folder'));
      expect(error.code).toBe('path');
      expect(error.message).toContain('permission denied');
    } finally {
      chmodSync(locked, 0o755);
    }
  });
});
