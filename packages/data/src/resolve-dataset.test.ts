import { mkdirSync, mkdtempSync } from 'node:fs';
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
    ).toThrow(/"my-synth" is neither a folder nor a dataset in .*other/);
  });

  it('names the download command for a release that is not there yet', () => {
    expect(() => resolveDatasetDir('ml-25m', { cwd: root })).toThrow(
      `release ml-25m is not in ${join(root, 'datasets')}; get it with: pnpm reco download ml-25m`,
    );
  });

  it('says a missing path does not exist', () => {
    expect(() => resolveDatasetDir('./missing/folder', { cwd: root })).toThrow(DataError);
    expect(() => resolveDatasetDir('./missing/folder', { cwd: root })).toThrow(
      /missing\/folder does not exist/,
    );
  });
});
