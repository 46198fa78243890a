import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** What a Netflix Prize folder holds, as names relative to it. */
export interface NetflixFiles {
  readonly movies: string;
  /** `combined_data_1.txt`... (Kaggle), or `training_set/mv_0000001.txt`... (the original). */
  readonly ratingParts: readonly string[];
  readonly probe?: string;
  readonly qualifying?: string;
}

const TITLES = ['movie_titles.csv', 'movie_titles.txt'];
const COMBINED = /^combined_data_[1-9]\.txt$/;
const MOVIE_FILE = /^mv_\d+\.txt$/;

/** The required files of the Netflix layouts, for messages. */
export const NETFLIX_REQUIREMENTS = [
  'netflix: combined_data_1.txt ... combined_data_4.txt + movie_titles.csv',
  'netflix: training_set/mv_*.txt + movie_titles.csv',
] as const;

/** The Netflix Prize files in a folder, or undefined when it holds neither Netflix layout. */
export function matchNetflix(
  dir: string,
  names: readonly string[],
  folders: readonly string[],
): NetflixFiles | undefined {
  const movies = TITLES.find((t) => names.includes(t));
  if (movies === undefined) return undefined;
  let ratingParts = names.filter((n) => COMBINED.test(n)).sort();
  if (ratingParts.length === 0 && folders.includes('training_set')) {
    ratingParts = readdirSync(join(dir, 'training_set'))
      .filter((n) => MOVIE_FILE.test(n))
      .sort()
      .map((n) => `training_set/${n}`);
  }
  if (ratingParts.length === 0) return undefined;
  return {
    movies,
    ratingParts,
    ...(names.includes('probe.txt') ? { probe: 'probe.txt' } : {}),
    ...(names.includes('qualifying.txt') ? { qualifying: 'qualifying.txt' } : {}),
  };
}
