import { describe, expect, it } from 'vitest';
import { GROUPLENS_BASE_URL, isReleaseName, MOVIELENS_RELEASES, RELEASE_NAMES } from './releases';

describe('release registry', () => {
  it('knows every GroupLens release by name', () => {
    expect(RELEASE_NAMES.sort()).toEqual(
      ['ml-100k', 'ml-1m', 'ml-10m', 'ml-20m', 'ml-25m', 'ml-latest', 'ml-latest-small'].sort(),
    );
    for (const name of RELEASE_NAMES) expect(MOVIELENS_RELEASES[name].name).toBe(name);
    expect(isReleaseName('ml-20m')).toBe(true);
    expect(isReleaseName('ml-30m')).toBe(false);
    expect(isReleaseName('toString')).toBe(false);
  });

  it('points every release at its zip and checksum file on files.grouplens.org', () => {
    for (const release of Object.values(MOVIELENS_RELEASES)) {
      expect(release.url).toBe(`https://files.grouplens.org/datasets/movielens/${release.name}.zip`);
      expect(release.url.startsWith(GROUPLENS_BASE_URL)).toBe(true);
      expect(release.md5Url).toBe(`${release.url}.md5`);
    }
  });

  it('records the layout of each release and the odd zip folder of ml-10m', () => {
    const layouts = Object.fromEntries(RELEASE_NAMES.map((n) => [n, MOVIELENS_RELEASES[n].layout]));
    expect(layouts).toEqual({
      'ml-100k': 'ml-100k',
      'ml-1m': 'dat',
      'ml-10m': 'dat',
      'ml-20m': 'csv',
      'ml-25m': 'csv',
      'ml-latest': 'csv',
      'ml-latest-small': 'csv',
    });
    expect(MOVIELENS_RELEASES['ml-10m'].zipFolder).toBe('ml-10M100K');
  });

  it('pins size and md5 for the frozen releases only', () => {
    for (const release of Object.values(MOVIELENS_RELEASES)) {
      if (release.frozen) {
        expect(release.md5).toMatch(/^[0-9a-f]{32}$/);
        expect(Number.isInteger(release.bytes) && release.bytes! > 1_000_000).toBe(true);
      } else {
        expect(release.md5).toBeUndefined();
        expect(release.bytes).toBeUndefined();
      }
    }
    expect(MOVIELENS_RELEASES['ml-latest'].frozen).toBe(false);
    expect(MOVIELENS_RELEASES['ml-latest-small'].frozen).toBe(false);
    // Bigger releases have bigger zips.
    const sizes = (['ml-100k', 'ml-1m', 'ml-10m', 'ml-20m', 'ml-25m'] as const).map(
      (n) => MOVIELENS_RELEASES[n].bytes!,
    );
    expect([...sizes].sort((a, b) => a - b)).toEqual(sizes);
  });
});
