import {
  loadRecommender,
  type NewUserRating,
  type RecommendationItem,
  type Recommender,
  type ScoringStrategy,
} from '@reco/serving';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { CliError } from '../cli-error';
import { inCliTerms } from '../library-errors';
import { parseRateList, readRatingsFile } from '../new-user';
import { positiveInteger } from '../options';
import { checkArtifactsDir } from '../paths';
import { escapeControl } from '../terminal';

interface RecommendFlags {
  artifacts: string;
  user?: number;
  rate?: NewUserRating[];
  ratings?: string;
  n: number;
  strategy: ScoringStrategy;
  exhaustive?: boolean;
  genres?: string[];
  minYear?: number;
  maxYear?: number;
  includeRated?: boolean;
  json?: boolean;
}

function userId(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) throw new InvalidArgumentError(`"${value}" is not a user id.`);
  return n;
}

function year(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n)) throw new InvalidArgumentError(`"${value}" is not a year.`);
  return n;
}

function genreList(value: string): string[] {
  return value
    .split(',')
    .map((g) => g.trim())
    .filter((g) => g !== '');
}

export function registerRecommendCommand(program: Command): void {
  program
    .command('recommend')
    .description(
      'Top-N movies for a user of the training data (--user), or for someone new from a few ratings (--rate, --ratings), each with a short reason.',
    )
    .option('-a, --artifacts <dir>', 'artifact folder written by reco train', 'artifacts')
    .option('-u, --user <id>', 'MovieLens userId of someone in the training data', userId)
    .option('--rate <list>', "a new user's ratings as movieId=rating pairs: 1=5,260=4.5", parseRateList)
    .option('--ratings <file>', "a new user's ratings as CSV: movieId,rating[,timestamp]")
    .option('-n, --n <count>', 'how many movies', positiveInteger, 10)
    .addOption(
      new Option('--strategy <name>', 'how candidates are scored')
        .choices(['classifier', 'cf', 'hybrid'])
        .default('classifier'),
    )
    .option('--exhaustive', 'score the whole catalogue instead of retrieval + ranking')
    .option('--genres <list>', 'keep movies of at least one of these genres (comma-separated)', genreList)
    .option('--min-year <year>', 'keep movies from this year on', year)
    .option('--max-year <year>', 'keep movies up to this year', year)
    .option('--include-rated', 'also recommend movies the user has already rated')
    .option('--json', 'print a JSON array of { movieId, title, year, genres, score, reason }')
    .action(async (flags: RecommendFlags) => {
      const given = [flags.user, flags.rate, flags.ratings].filter((v) => v !== undefined).length;
      if (given !== 1)
        throw new CliError('give exactly one of --user <id>, --rate <pairs> or --ratings <file>');
      const dir = checkArtifactsDir(flags.artifacts);
      const newRatings = flags.ratings === undefined ? flags.rate : readRatingsFile(flags.ratings);
      const recommender = await loadRecommender(dir);
      try {
        const result = inCliTerms(() => recommendFor(recommender, flags, newRatings));
        if (flags.json) {
          process.stdout.write(`${JSON.stringify(toJsonItems(result.items))}\n`);
          return;
        }
        const { model, variant } = recommender.info;
        const who =
          newRatings === undefined ? `user ${flags.user}` : `a new user from ${newRatings.length} ratings`;
        const how = result.fallback
          ? 'most popular movies (no usable ratings for this user)'
          : `${result.strategy}${flags.exhaustive ? ', exhaustive' : ''}; model ${model}-${variant}`;
        process.stdout.write(`Top ${result.items.length} for ${who} (${how}):\n`);
        process.stdout.write(renderItems(result.items));
      } finally {
        recommender.dispose();
      }
    });
}

/** The library call the flags ask for: a known user, or fold-in of a new user's ratings. */
function recommendFor(recommender: Recommender, flags: RecommendFlags, ratings?: NewUserRating[]) {
  const options = {
    n: flags.n,
    strategy: flags.strategy,
    exhaustive: flags.exhaustive === true,
    excludeRated: flags.includeRated !== true,
    ...(flags.genres === undefined ? {} : { genres: flags.genres }),
    ...(flags.minYear === undefined ? {} : { minYear: flags.minYear }),
    ...(flags.maxYear === undefined ? {} : { maxYear: flags.maxYear }),
  };
  return ratings === undefined
    ? recommender.recommend(flags.user!, options)
    : recommender.recommendForRatings(ratings, options);
}

/**
 * The `--json` shape of `reco recommend` and `reco similar`: one `RecommendationItem` per item,
 * with exactly its documented fields, whatever else the item objects carry.
 */
export function toJsonItems(items: readonly RecommendationItem[]): RecommendationItem[] {
  return items.map(({ movieId, title, year, genres, score, reason }) => ({
    movieId,
    title,
    year,
    genres,
    score,
    reason,
  }));
}

/**
 * A numbered list for a terminal: rank, title (year), genres, score, reason. Pure, so the layout
 * is testable.
 */
export function renderItems(items: readonly RecommendationItem[], scoreDigits = 3): string {
  if (items.length === 0) return '  (nothing matches)\n';
  const width = String(items.length).length;
  // Titles, reasons and genres come from data files: print them escaped.
  const titles = items.map((item) =>
    escapeControl(item.year === null ? item.title : `${item.title} (${item.year})`),
  );
  const titleWidth = Math.min(48, Math.max(...titles.map((t) => t.length)));
  const lines = items.map((item, j) => {
    const title = titles[j]!.length > titleWidth ? `${titles[j]!.slice(0, titleWidth - 1)}…` : titles[j]!;
    const genres = item.genres.length > 0 ? escapeControl(item.genres.join('|')) : '-';
    return (
      `  ${String(j + 1).padStart(width)}. ${title.padEnd(titleWidth)}  ${item.score.toFixed(scoreDigits).padStart(7)}  ` +
      `${escapeControl(item.reason)}  [${genres}]`
    );
  });
  return `${lines.join('\n')}\n`;
}
