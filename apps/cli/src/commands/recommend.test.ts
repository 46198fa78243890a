import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RecommendationItem } from '@reco/serving';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../program';
import { renderItems, toJsonItems } from './recommend';

const items: RecommendationItem[] = [
  {
    movieId: 1,
    title: 'Alien',
    year: 1979,
    genres: ['Horror', 'Sci-Fi'],
    score: 0.91234,
    reason: 'you rate Sci-Fi 4.3 on average',
  },
  {
    movieId: 2,
    title: 'Untitled',
    year: null,
    genres: [],
    score: 0.5,
    reason: 'popular with people like you',
  },
];

describe('output of recommend and similar', () => {
  it('--json keeps exactly movieId, title, year, genres, score, reason', () => {
    const extra = { ...items[0]!, imdbId: 'tt0078748' } as RecommendationItem;
    expect(toJsonItems([extra])).toEqual([
      {
        movieId: 1,
        title: 'Alien',
        year: 1979,
        genres: ['Horror', 'Sci-Fi'],
        score: 0.91234,
        reason: 'you rate Sci-Fi 4.3 on average',
      },
    ]);
  });

  it('numbers the items and shows title (year), score, reason and genres', () => {
    const lines = renderItems(items).trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^ {2}1\. Alien \(1979\) +0\.912 {2}you rate Sci-Fi 4\.3 on average {2}\[Horror\|Sci-Fi\]$/,
    );
    expect(lines[1]).toMatch(/^ {2}2\. Untitled +0\.500 {2}popular with people like you {2}\[-\]$/);
    expect(renderItems([])).toContain('nothing matches');
  });
});

describe('argument errors', () => {
  let stderr: string;
  beforeEach(() => {
    stderr = '';
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      stderr += String(chunk);
      return true;
    });
  });
  afterEach(() => vi.restoreAllMocks());

  it('recommend needs --user and a known strategy', async () => {
    expect(await runCli(['recommend', '--artifacts', 'x'])).toBe(2);
    expect(stderr).toContain('--user');
    expect(await runCli(['recommend', '--user', '1', '--strategy', 'magic'])).toBe(2);
  });

  it('similar needs exactly one of --movie and --title', async () => {
    expect(await runCli(['similar', '--artifacts', 'x'])).toBe(2);
    expect(await runCli(['similar', '--movie', '1', '--title', 'Alien'])).toBe(2);
    expect(stderr).toContain('exactly one of --movie');
  });

  it('a folder without artifacts is one readable line and exit 1', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'reco-empty-'));
    expect(await runCli(['recommend', '--artifacts', empty, '--user', '1'])).toBe(1);
    expect(stderr).toMatch(/^error: .*manifest\.json/);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });
});
