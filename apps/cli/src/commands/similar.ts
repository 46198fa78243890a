import { loadRecommender, type Recommender, type SimilarBy } from '@reco/serving';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { CliError } from '../cli-error';
import { inCliTerms } from '../library-errors';
import { positiveInteger } from '../options';
import { checkArtifactsDir } from '../paths';
import { escapeControl } from '../terminal';
import { renderItems, toJsonItems } from './recommend';

interface SimilarFlags {
  artifacts: string;
  movie?: number;
  title?: string;
  n: number;
  by: SimilarBy;
  json?: boolean;
}

function movieId(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) throw new InvalidArgumentError(`"${value}" is not a movie id.`);
  return n;
}

/** The movie a `--title` names: the best title match, or a clear error when nothing matches. */
export function resolveTitle(recommender: Recommender, title: string): { movieId: number; others: string[] } {
  const found = recommender.searchMovies(title, { limit: 4 });
  const best = found.items[0];
  if (best === undefined) {
    throw new CliError(`no movie title matches "${title}"; try fewer words, or pass --movie <id>`, 1, {
      code: 'runtime',
    });
  }
  const label = (m: { title: string; year: number | null }) =>
    m.year === null ? m.title : `${m.title} (${m.year})`;
  return { movieId: best.movieId, others: found.items.slice(1).map(label) };
}

export function registerSimilarCommand(program: Command): void {
  program
    .command('similar')
    .description('Movies like a given one, by content, by who liked it (CF), or a blend of both.')
    .option('-a, --artifacts <dir>', 'artifact folder written by reco train', 'artifacts')
    .option('--movie <id>', 'MovieLens movieId', movieId)
    .option(
      '--title <text>',
      'a title to search for (case- and accent-insensitive, year optional: "alien 1979")',
    )
    .option('-n, --n <count>', 'how many movies', positiveInteger, 10)
    .addOption(new Option('--by <kind>', 'similarity').choices(['content', 'cf', 'blend']).default('blend'))
    .option('--json', 'print a JSON array of { movieId, title, year, genres, score, reason }')
    .action(async (flags: SimilarFlags) => {
      if ((flags.movie === undefined) === (flags.title === undefined)) {
        throw new CliError('give exactly one of --movie <id> or --title "<text>"');
      }
      const recommender = await loadRecommender(checkArtifactsDir(flags.artifacts));
      try {
        let id = flags.movie;
        let others: string[] = [];
        if (id === undefined) ({ movieId: id, others } = resolveTitle(recommender, flags.title!));
        const movieId = id;
        const items = inCliTerms(() => recommender.similar(movieId, { n: flags.n, by: flags.by }));
        if (flags.json) {
          process.stdout.write(`${JSON.stringify(toJsonItems(items))}\n`);
          return;
        }
        const movie = recommender.movie(id)!;
        const name = movie.year === null ? movie.title : `${movie.title} (${movie.year})`;
        process.stdout.write(`Movies like ${escapeControl(name)} [movieId ${id}], by ${flags.by}:\n`);
        if (others.length > 0)
          process.stdout.write(`  (other matches: ${escapeControl(others.join('; '))})\n`);
        process.stdout.write(renderItems(items));
      } finally {
        recommender.dispose();
      }
    });
}
