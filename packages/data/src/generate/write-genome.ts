import type { OnProgress } from '../types';
import { ByteSink } from './byte-sink';
import type { SynthCatalog } from './catalog';
import { COMMA, csvField, digitTable, NEWLINE, writeFixed5 } from './format';
import type { SynthLatent } from './latent';
import { Rng } from './rng';
import { relevanceLogit, type TagVocabulary } from './tag-vocabulary';

/** Noise on the genome's relevance logits: the genome is a noisy reading of the movie traits. */
const GENOME_NOISE = 0.4;
const MAX_ROW_BYTES = 10 + 1 + 10 + 1 + 7 + 1;

export interface FileSummary {
  readonly rows: number;
  readonly bytes: number;
}

/** genome-tags.csv: `tagId,tag`, tagIds 1..n in alphabetical order like ml-20m's. */
export async function writeGenomeTags(path: string, vocabulary: TagVocabulary): Promise<FileSummary> {
  const sink = await ByteSink.open(path, 1 << 20);
  try {
    await sink.writeString('tagId,tag\n');
    const order = vocabulary.genomeOrder;
    for (let j = 0; j < order.length; j++) {
      await sink.writeString(`${j + 1},${csvField(vocabulary.names[order[j]!]!)}\n`);
    }
    await sink.close();
    return { rows: order.length, bytes: sink.bytesWritten };
  } catch (error) {
    await sink.close().catch(() => {});
    throw error;
  }
}

/**
 * genome-scores.csv: `movieId,tagId,relevance` for the most popular movies (in movieId order) x
 * every genome tag, relevance with five decimals. At ml-20m scale that is 11.7M rows, so rows
 * are formatted into the sink's buffer like ratings.
 */
export async function writeGenomeScores(
  path: string,
  catalog: SynthCatalog,
  latent: SynthLatent,
  vocabulary: TagVocabulary,
  genomeMovies: number,
  seed: number,
  onProgress: OnProgress | undefined,
  signal: AbortSignal | undefined,
): Promise<FileSummary> {
  const rng = new Rng(seed, 5);
  const movies = catalog.byPopularity.slice(0, genomeMovies).sort();
  const tags = vocabulary.genomeOrder;
  const tagDigits = digitTable(Array.from({ length: tags.length }, (_, j) => j + 1));
  const movieDigits = digitTable(catalog.movieId);
  const sink = await ByteSink.open(path, Math.max(16 << 20, tags.length * MAX_ROW_BYTES * 2));
  try {
    await sink.writeString('movieId,tagId,relevance\n');
    const total = movies.length * tags.length;
    let rows = 0;
    for (let i = 0; i < movies.length; i++) {
      if (sink.needsFlush(tags.length * MAX_ROW_BYTES)) {
        await sink.flush();
        if (signal?.aborted) throw signal.reason;
        onProgress?.({ stage: 'genome-scores', done: rows, total, unit: 'rows' });
      }
      const m = movies[i]!;
      const buffer = sink.buffer;
      let pos = sink.pos;
      const idStart = m * movieDigits.stride;
      const idEnd = idStart + movieDigits.length[m]!;
      for (let j = 0; j < tags.length; j++) {
        for (let b = idStart; b < idEnd; b++) buffer[pos++] = movieDigits.bytes[b]!;
        buffer[pos++] = COMMA;
        const tagStart = j * tagDigits.stride;
        const tagEnd = tagStart + tagDigits.length[j]!;
        for (let b = tagStart; b < tagEnd; b++) buffer[pos++] = tagDigits.bytes[b]!;
        buffer[pos++] = COMMA;
        const logit = relevanceLogit(vocabulary, tags[j]!, catalog, latent, m) + GENOME_NOISE * rng.normal();
        pos = writeFixed5(buffer, pos, Math.round(100_000 / (1 + Math.exp(-logit))));
        buffer[pos++] = NEWLINE;
      }
      sink.pos = pos;
      rows += tags.length;
    }
    await sink.close();
    onProgress?.({ stage: 'genome-scores', done: rows, total, unit: 'rows' });
    return { rows, bytes: sink.bytesWritten };
  } catch (error) {
    await sink.close().catch(() => {});
    throw error;
  }
}
