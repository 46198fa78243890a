import { featureSafe, NO_GENRES } from './genres';
import { BASELINE_COLUMNS } from './rows/baseline';
import { TASTE_COLUMNS } from './rows/taste';
import { TIME_COLUMNS } from './rows/time';

/** Feature families that can be switched on and off. */
export type FeatureFamily = 'user' | 'movie' | 'interaction' | 'content' | 'cf' | RowFamilyName;

/** Families computed per row from per-slice tables (see rows/family.ts). */
export type RowFamilyName = 'baseline' | 'taste' | 'time';

export const ROW_FAMILIES: readonly RowFamilyName[] = ['baseline', 'taste', 'time'];

export const FEATURE_FAMILIES: readonly FeatureFamily[] = [
  'user',
  'movie',
  'interaction',
  'content',
  'cf',
  ...ROW_FAMILIES,
];

/** Column names of each row family, in output order. */
export const ROW_FAMILY_COLUMNS: Readonly<Record<RowFamilyName, readonly string[]>> = {
  baseline: BASELINE_COLUMNS,
  taste: TASTE_COLUMNS,
  time: TIME_COLUMNS,
};

/**
 * Column positions inside the per-user and per-movie statistic tables. The tables always hold every
 * column (the interaction features read the user's genre preferences even when the user family is
 * not output); families only decide which blocks are copied into feature rows.
 */
export const U = {
  mean: 0,
  std: 1,
  likeRatio: 2,
  count: 3,
  topHour: 4,
  weekendShare: 5,
  cold: 6,
  /** First of the per-genre preferences. */
  pref: 7,
} as const;

export const M = {
  mean: 0,
  cold: 1,
  count: 2,
  logPopularity: 3,
  year: 4,
  yearMissing: 5,
  trendScore: 6,
  trending: 7,
  /** First of the genre one-hots (vocabulary genres, then "(no genres listed)"). */
  genre: 8,
} as const;

export interface Column {
  readonly name: string;
  readonly family: FeatureFamily;
  /** Binary flags and one-hots keep their 0/1 values; every other column is standardized. */
  readonly scaled: boolean;
}

export interface Layout {
  readonly columns: readonly Column[];
  readonly userCols: number;
  readonly movieCols: number;
  /** Output offsets of each block, or -1 when its family is off. */
  readonly userAt: number;
  readonly movieAt: number;
  readonly ageAt: number;
  readonly affinityAt: number;
  readonly contentAt: number;
  readonly cfAt: number;
  /** Output offset of each row family, -1 when off. */
  readonly rowAt: Readonly<Record<RowFamilyName, number>>;
  readonly contentDims: number;
}

export function userColumns(genreNames: readonly string[]): Column[] {
  const c = (name: string, scaled = true): Column => ({ name, family: 'user', scaled });
  return [
    c('user_mean'),
    c('user_std'),
    c('user_like_ratio'),
    c('user_count'),
    c('user_top_hour'),
    c('user_weekend_share'),
    c('user_cold', false),
    ...genreNames.map((g) => c(`pref_${featureSafe(g)}`)),
  ];
}

export function movieColumns(genreNames: readonly string[]): Column[] {
  const c = (name: string, scaled = true): Column => ({ name, family: 'movie', scaled });
  return [
    c('movie_mean'),
    c('movie_cold', false),
    c('movie_count'),
    c('movie_log_popularity'),
    c('movie_year'),
    c('movie_year_missing', false),
    c('movie_trend_score'),
    c('movie_trending', false),
    ...[...genreNames, NO_GENRES].map((g) => c(`genre_${featureSafe(g)}`, false)),
  ];
}

export function buildLayout(
  genreNames: readonly string[],
  families: Readonly<Record<FeatureFamily, boolean>>,
  contentDims: number,
): Layout {
  const user = userColumns(genreNames);
  const movie = movieColumns(genreNames);
  const columns: Column[] = [];
  const take = (on: boolean, block: readonly Column[]) => {
    if (!on) return -1;
    const at = columns.length;
    columns.push(...block);
    return at;
  };
  const userAt = take(families.user, user);
  const movieAt = take(families.movie, movie);
  const ageAt = take(families.movie, [{ name: 'movie_age_at_rating', family: 'movie', scaled: true }]);
  const affinityAt = take(families.interaction, [
    { name: 'user_genre_affinity', family: 'interaction', scaled: true },
  ]);
  const contentAt = take(
    families.content,
    Array.from({ length: contentDims }, (_, d) => ({
      name: `content_${d}`,
      family: 'content' as const,
      scaled: true,
    })),
  );
  const cfAt = take(families.cf, [{ name: 'cf_score', family: 'cf', scaled: true }]);
  const rowAt = {} as Record<RowFamilyName, number>;
  for (const family of ROW_FAMILIES) {
    const block = ROW_FAMILY_COLUMNS[family].map((name) => ({ name, family, scaled: true }));
    rowAt[family] = take(families[family], block);
  }
  return {
    columns,
    userCols: user.length,
    movieCols: movie.length,
    userAt,
    movieAt,
    ageAt,
    affinityAt,
    contentAt,
    cfAt,
    rowAt,
    contentDims,
  };
}
