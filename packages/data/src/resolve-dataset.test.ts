import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataError } from './errors';
import { resolveDatasetDir } from './resolve-dataset';

describe('resolveDatasetDir', () => {
  const root = mkdtempSync(join(tmpdir(), 'reco-resolve-'));
  mkdirSync(join(root, 'datasets', 'ml-1m'), { recursive: true });
  mkdirSync(join(root, 'datasets', 'my-synth'), { recursive: true });
  mkdirSync(join(root, 'deep', 'er'), { recursive: true });
  mkdirSync(join(root, 'other', 'ml-1m'), { recursive: true });

  it('uses an existing folder as it is, relative to cwd', () => {
    expect(resolveDatasetDir(join(root, 'datasets', 'ml-1m'))).toBe(join(root, 'datasets', 'ml-1m'));
    expect(resolveDatasetDir('other/ml-1m', { cwd: root })).toBe(join(root, 'other', 'ml-1m'));
  });

  it('finds a name in the nearest datasets/ folder at or above cwd', () => {
    expect(resolveDatasetDir('ml-1m', { cwd: join(root, 'deep', 'er') })).toBe(
      join(root, 'datasets', 'ml-1m'),
    );
    expect(resolveDatasetDir('my-synth', { cwd: root })).toBe(join(root, 'datasets', 'my-synth'));
  });

  it('prefers a folder named like the argument in cwd over datasets/', () => {
    expect(resolveDatasetDir('ml-1m', { cwd: join(root, 'other') })).toBe(join(root, 'other', 'ml-1m'));
  });

  it('looks only in datasetsDir when given', () => {
    expect(resolveDatasetDir('ml-1m', { cwd: join(root, 'deep'), datasetsDir: join(root, 'other') })).toBe(
      join(root, 'other', 'ml-1m'),
    );
    expect(() =>
      resolveDatasetDir('my-synth', { cwd: join(root, 'deep'), datasetsDir: join(root, 'other') }),
    ).toThrow(expect.objectContaining({ code: 'not-found' }));
  });

  it('names the download command for a release that is not there yet', () => {
    expect(() => resolveDatasetDir('ml-25m', { cwd: root })).toThrow(
      expect.objectContaining({ code: 'missing-release' }),
    );
  });

  it('says a missing path does not exist', () => {
    expect(() => resolveDatasetDir('./missing/folder', { cwd: root })).toThrow(DataError);
    expect(() => resolveDatasetDir('./missing/folder', { cwd: root })).toThrow(
      expect.objectContaining({ code: 'not-found', file: join(root, 'missing', 'folder') }),
    );
  });

  it('says a file is a file, not a missing folder', () => {
    writeFileSync(join(root, 'datasets', 'ml-1m', 'ratings.csv'), 'userId,movieId,rating,timestamp\n');
    const file = join(root, 'datasets', 'ml-1m', 'ratings.csv');
    expect(() => resolveDatasetDir(file)).toThrow(expect.objectContaining({ code: 'not-a-folder', file }));
    expect(() => resolveDatasetDir('ml-1m/ratings.csv', { cwd: join(root, 'datasets') })).toThrow(
      expect.objectContaining({ code: 'not-a-folder' }),
    );
  });

  it.skipIf(process.getuid?.() === 0)('says a folder it may not read is unreadable', () => {
    const locked = join(root, 'locked');
    mkdirSync(locked);
    chmodSync(locked, 0o000);
    try {
      expect(() => resolveDatasetDir(locked)).toThrow(expect.objectContaining({ code: 'unreadable' }));
    } finally {
      chmodSync(locked, 0o755);
    }
  });
});
