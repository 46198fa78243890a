import { loadRecommender, type RecommendationItem, type ScoringStrategy } from '@reco/serving';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { positiveInteger } from '../options';

interface RecommendFlags {
  artifacts: string;
  user: number;
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
    .description('Top-N movies for a user of the training data, each with a short reason.')
    .option('--artifacts <dir>', 'artifact folder written by reco train', 'artifacts')
    .requiredOption('--user <id>', 'MovieLens userId', userId)
    .option('--n <count>', 'how many movies', positiveInteger, 10)
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
      const recommender = await loadRecommender(flags.artifacts);
      try {
        const result = recommender.recommend(flags.user, {
          n: flags.n,
          strategy: flags.strategy,
          exhaustive: flags.exhaustive === true,
          excludeRated: flags.includeRated !== true,
          ...(flags.genres === undefined ? {} : { genres: flags.genres }),
          ...(flags.minYear === undefined ? {} : { minYear: flags.minYear }),
          ...(flags.maxYear === undefined ? {} : { maxYear: flags.maxYear }),
        });
        if (flags.json) {
          process.stdout.write(`${JSON.stringify(toJsonItems(result.items))}\n`);
          return;
        }
        const { model, variant } = recommender.info;
        const how = result.fallback
          ? 'most popular movies (this user has no training ratings)'
          : `${result.strategy}${flags.exhaustive ? ', exhaustive' : ''}; model ${model}-${variant}`;
        process.stdout.write(`Top ${result.items.length} for user ${flags.user} (${how}):\n`);
        process.stdout.write(renderItems(result.items));
      } finally {
        recommender.dispose();
      }
    });
}

/** The `--json` shape of `reco recommend` and `reco similar`: one object per item. */
export interface JsonItem {
  readonly movieId: number;
  readonly title: string;
  readonly year: number | null;
  readonly genres: readonly string[];
  readonly score: number;
  readonly reason: string;
}

export function toJsonItems(items: readonly RecommendationItem[]): JsonItem[] {
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
  const titles = items.map((item) => (item.year === null ? item.title : `${item.title} (${item.year})`));
  const titleWidth = Math.min(48, Math.max(...titles.map((t) => t.length)));
  const lines = items.map((item, j) => {
    const title = titles[j]!.length > titleWidth ? `${titles[j]!.slice(0, titleWidth - 1)}…` : titles[j]!;
    const genres = item.genres.length > 0 ? item.genres.join('|') : '-';
    return (
      `  ${String(j + 1).padStart(width)}. ${title.padEnd(titleWidth)}  ${item.score.toFixed(scoreDigits).padStart(7)}  ` +
      `${item.reason}  [${genres}]`
    );
  });
  return `${lines.join('\n')}\n`;
}
