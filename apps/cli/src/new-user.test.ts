import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import { CliError } from './cli-error';
import { parseRateList, readRatingsFile } from './new-user';

const dir = mkdtempSync(join(tmpdir(), 'reco-cli-ratings-'));
function csv(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('parseRateList', () => {
  it('reads movieId=rating pairs', () => {
    expect(parseRateList('1=5,260=4.5, 3=0.5')).toEqual([
      { movieId: 1, rating: 5 },
      { movieId: 260, rating: 4.5 },
      { movieId: 3, rating: 0.5 },
    ]);
  });

  it('rejects a malformed pair or an off-scale rating as a usage error', () => {
    for (const bad of ['1', '1=', 'x=4', '1=6', '1=0', '1=4=5', ',']) {
      expect(() => parseRateList(bad)).toThrow(InvalidArgumentError);
    }
  });
});

describe('readRatingsFile', () => {
  it('reads a CSV with a header in any column order, and one without', () => {
    const withHeader = csv(
      'h.csv',
      'userId,rating,movieId,timestamp\n7,4.0,1,964982703\n7,3.5,50,964982224\n',
    );
    expect(readRatingsFile(withHeader)).toEqual([
      { movieId: 1, rating: 4, timestamp: 964982703 },
      { movieId: 50, rating: 3.5, timestamp: 964982224 },
    ]);
    expect(readRatingsFile(csv('n.csv', '1,5\r\n260,4.5\r\n'))).toEqual([
      { movieId: 1, rating: 5 },
      { movieId: 260, rating: 4.5 },
    ]);
  });

  it('names the file, line and field of a bad value', () => {
    const path = csv('bad.csv', 'movieId,rating\n1,5\n2,abc\n');
    try {
      readRatingsFile(path);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CliError);
      const e = error as CliError;
      expect([e.file, e.line, e.field, e.exitCode]).toEqual(['bad.csv', 3, 'rating', 1]);
      expect(e.message.startsWith('bad.csv:3: ')).toBe(true);
    }
  });

  it('rejects a missing file and an empty one', () => {
    expect(() => readRatingsFile(join(dir, 'none.csv'))).toThrow(expect.objectContaining({ code: 'path' }));
    expect(() => readRatingsFile(csv('empty.csv', 'movieId,rating\n'))).toThrow(
      expect.objectContaining({ code: 'runtime', field: 'rating' }),
    );
  });
});
