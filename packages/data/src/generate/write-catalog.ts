import { ByteSink } from './byte-sink';
import type { SynthCatalog } from './catalog';
import { csvField } from './format';
import { GENRES, NO_GENRES } from './vocabulary';
import type { FileSummary } from './write-genome';

/** Lines are batched into strings of about this size before they reach the sink. */
const BATCH_CHARS = 1 << 20;

/** movies.csv: `movieId,title,genres`, e.g. `11,"Iron Kingdom, The (1995)",Comedy|Drama`. */
export async function writeMovies(path: string, catalog: SynthCatalog): Promise<FileSummary> {
  return writeLines(path, 'movieId,title,genres\n', catalog.size, (m) => {
    const year = catalog.year[m]!;
    const title = year > 0 ? `${catalog.title[m]} (${year})` : catalog.title[m]!;
    const start = catalog.genreStart[m]!;
    const end = catalog.genreStart[m + 1]!;
    let genres = start === end ? NO_GENRES : '';
    for (let j = start; j < end; j++) genres += (j > start ? '|' : '') + GENRES[catalog.genreIds[j]!]!.name;
    return `${catalog.movieId[m]},${csvField(title)},${genres}\n`;
  });
}

/** links.csv: `movieId,imdbId,tmdbId`, imdbId zero-padded to 7 digits, tmdbId sometimes empty. */
export async function writeLinks(path: string, catalog: SynthCatalog): Promise<FileSummary> {
  return writeLines(path, 'movieId,imdbId,tmdbId\n', catalog.size, (m) => {
    const tmdb = catalog.tmdbId[m]!;
    return `${catalog.movieId[m]},${String(catalog.imdbId[m]).padStart(7, '0')},${tmdb > 0 ? tmdb : ''}\n`;
  });
}

async function writeLines(
  path: string,
  header: string,
  rows: number,
  line: (row: number) => string,
): Promise<FileSummary> {
  const sink = await ByteSink.open(path, 4 << 20);
  try {
    let batch = header;
    for (let row = 0; row < rows; row++) {
      batch += line(row);
      if (batch.length >= BATCH_CHARS) {
        await sink.writeString(batch);
        batch = '';
      }
    }
    await sink.writeString(batch);
    await sink.close();
    return { rows, bytes: sink.bytesWritten };
  } catch (error) {
    await sink.close().catch(() => {});
    throw error;
  }
}
