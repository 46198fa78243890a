import { buildAliasTable, sampleAlias } from './alias';
import { ByteSink } from './byte-sink';
import type { SynthCatalog } from './catalog';
import { COMMA, csvField, digitTable, NEWLINE, writeUint } from './format';
import type { SynthLatent } from './latent';
import { Rng } from './rng';
import { relevanceLogit, type TagVocabulary } from './tag-vocabulary';
import type { UserSimulator } from './user-simulator';
import type { FileSummary } from './write-genome';

/** ml-20m: 465,564 tag applications for 20,000,263 ratings, by 7,801 of 138,493 users. */
const TAGS_PER_RATING = 465_564 / 20_000_263;
const TAGGER_SHARE = 7_801 / 138_493;
/**
 * A tagger looks at this many random tags and applies the most fitting one: the highest relevance
 * logit plus Gumbel noise of scale TAG_TEMPERATURE (a softmax choice among the candidates).
 */
const TAG_CANDIDATES = 24;
const TAG_TEMPERATURE = 0.5;

/**
 * tags.csv: `userId,movieId,tag,timestamp`, sorted by user, movie and time like ml-20m's. A few
 * percent of users tag, with heavy-tailed zeal; they tag movies by popularity and choose tags that
 * fit the movie's genres and traits. Spellings vary as in the real file (capitalised variants), and
 * some free-text tags hold commas or quotes, so the file needs CSV quoting.
 */
export async function writeTags(
  path: string,
  catalog: SynthCatalog,
  latent: SynthLatent,
  vocabulary: TagVocabulary,
  simulator: UserSimulator,
  seed: number,
): Promise<FileSummary> {
  const rng = new Rng(seed, 4);
  const rows = simulateTagRows(catalog, latent, vocabulary, simulator, rng);
  const { user, movie, text, time } = rows;
  const order = Uint32Array.from({ length: user.length }, (_, i) => i).sort(
    (a, b) => user[a]! - user[b]! || movie[a]! - movie[b]! || time[a]! - time[b]! || text[a]! - text[b]!,
  );
  const encoded = rows.texts.map((t) => Buffer.from(csvField(t)));
  const movieDigits = digitTable(catalog.movieId);
  const sink = await ByteSink.open(path, 4 << 20);
  try {
    await sink.writeString('userId,movieId,tag,timestamp\n');
    let written = 0;
    let previous = -1;
    for (const i of order) {
      // The same user applying the same text to the same movie twice is one application.
      if (
        previous >= 0 &&
        user[i] === user[previous] &&
        movie[i] === movie[previous] &&
        text[i] === text[previous]
      )
        continue;
      previous = i;
      const bytes = encoded[text[i]!]!;
      if (sink.needsFlush(bytes.length + 40)) await sink.flush();
      const buffer = sink.buffer;
      let pos = writeUint(buffer, sink.pos, user[i]! + 1);
      buffer[pos++] = COMMA;
      const m = movie[i]!;
      const digits = movieDigits.bytes.subarray(
        m * movieDigits.stride,
        m * movieDigits.stride + movieDigits.length[m]!,
      );
      buffer.set(digits, pos);
      pos += digits.length;
      buffer[pos++] = COMMA;
      buffer.set(bytes, pos);
      pos += bytes.length;
      buffer[pos++] = COMMA;
      pos = writeUint(buffer, pos, time[i]!);
      buffer[pos++] = NEWLINE;
      sink.pos = pos;
      written++;
    }
    await sink.close();
    return { rows: written, bytes: sink.bytesWritten };
  } catch (error) {
    await sink.close().catch(() => {});
    throw error;
  }
}

/** Tag applications in the order drawn; `text` indexes `texts`, the distinct spellings. */
interface TagRows {
  readonly user: Uint32Array;
  readonly movie: Uint32Array;
  readonly text: Uint32Array;
  readonly time: Float64Array;
  readonly texts: string[];
}

/**
 * Draws the applications: a few percent of users tag, with heavy-tailed zeal; each application
 * is a movie by popularity and the best-fitting of a few random tags, then spelled and timed.
 */
function simulateTagRows(
  catalog: SynthCatalog,
  latent: SynthLatent,
  vocabulary: TagVocabulary,
  simulator: UserSimulator,
  rng: Rng,
): TagRows {
  const users = latent.activity.length;
  const applications = Math.round(latent.activity.reduce((a, b) => a + b, 0) * TAGS_PER_RATING);
  const taggerCount = Math.max(1, Math.round(users * TAGGER_SHARE));
  const taggers = new Uint32Array(taggerCount);
  for (let i = 0; i < taggerCount; i++) taggers[i] = rng.int(users);
  const zeal = buildAliasTable(Float64Array.from(taggers, () => Math.exp(2 * rng.normal())));

  // Distinct tag texts get ids; rows refer to them and are written from pre-encoded bytes.
  const textIds = new Map<string, number>();
  const rows: TagRows = {
    user: new Uint32Array(applications),
    movie: new Uint32Array(applications),
    text: new Uint32Array(applications),
    time: new Float64Array(applications),
    texts: [],
  };
  for (let i = 0; i < applications; i++) {
    const u = taggers[sampleAlias(zeal, rng)]!;
    const m = sampleAlias(catalog.popularityTable, rng);
    const text = spell(vocabulary.names[bestTag(vocabulary, catalog, latent, m, rng)]!, vocabulary, rng);
    let id = textIds.get(text);
    if (id === undefined) {
      id = rows.texts.length;
      textIds.set(text, id);
      rows.texts.push(text);
    }
    simulator.planSessions(u, latent.activity[u]!);
    rows.user[i] = u;
    rows.movie[i] = m;
    rows.text[i] = id;
    rows.time[i] = simulator.timestamp(catalog.release[m]!, rng);
  }
  return rows;
}

/** The most fitting of TAG_CANDIDATES random tags for movie m: highest relevance logit plus Gumbel noise. */
function bestTag(
  vocabulary: TagVocabulary,
  catalog: SynthCatalog,
  latent: SynthLatent,
  m: number,
  rng: Rng,
): number {
  let best = 0;
  let bestKey = Number.NEGATIVE_INFINITY;
  for (let c = 0; c < TAG_CANDIDATES; c++) {
    const t = rng.int(vocabulary.size);
    const key =
      relevanceLogit(vocabulary, t, catalog, latent, m) -
      TAG_TEMPERATURE * Math.log(-Math.log(1 - rng.float()));
    if (key > bestKey) {
      bestKey = key;
      best = t;
    }
  }
  return best;
}

/** Most tags are written as named; some are capitalised, a few are free text with a comma or quotes. */
function spell(name: string, vocabulary: TagVocabulary, rng: Rng): string {
  const u = rng.float();
  if (u < 0.8) return name;
  if (u < 0.95) return name.charAt(0).toUpperCase() + name.slice(1);
  if (u < 0.99) return `${name}, ${vocabulary.names[rng.int(vocabulary.size)]}`;
  return `"${name}"`;
}
