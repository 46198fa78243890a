import type { Catalog } from '@reco/data';
import { type Phases, runAtOnce, runInSlices } from './phases';

/** Whether every character is 7-bit ASCII (a loop: biome refuses control characters in a regex). */
function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

/**
 * Lower case, accents removed (NFKD, then combining marks dropped: "Amélie" -> "amelie"), every
 * run of punctuation or spaces turned into one space.
 */
export function normalizeText(text: string): string {
  // Most titles are plain ASCII, which needs no Unicode normalisation: the same result, ~5x faster.
  if (isAscii(text))
    return text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, ' ')
      .trim();
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Trailing articles MovieLens moves to the end of a title: "Matrix, The", "Grande illusion, La". */
const TRAILING_ARTICLE =
  /^(.*),\s*(the|a|an|les|le|la|l'|el|il|lo|los|las|der|die|das|den|det|de|un|une|una|o|os|as|i|gli)$/i;

/**
 * The names a movie can be searched by: the title as stored, with its trailing article moved to
 * the front ("The Matrix"), and each alternative title in parentheses ("Amelie (Fabuleux destin
 * d'Amélie Poulain, Le)" also answers to "Le Fabuleux destin d'Amélie Poulain"). All normalized.
 */
export function titleVariants(title: string): string[] {
  const variants = new Set<string>();
  const add = (raw: string) => {
    const trimmed = raw.trim();
    if (trimmed === '') return;
    variants.add(normalizeText(trimmed));
    const match = TRAILING_ARTICLE.exec(trimmed);
    if (match !== null) variants.add(normalizeText(`${match[2]} ${match[1]}`));
  };
  add(title);
  const main = title.replace(/\([^()]*\)/g, ' ');
  add(main);
  for (const alt of title.matchAll(/\(([^()]*)\)/g)) {
    const inner = alt[1]!.replace(/^(a\.k\.a\.|aka)\s+/i, '');
    add(inner);
  }
  return [...variants].filter((v) => v !== '');
}

/** English trailing articles, the ones worth moving back for display. */
const TRAILING_ENGLISH_ARTICLE = /^(.*),\s*(The|A|An)$/;

/**
 * A title as a person would say it, for reasons: alternative titles in parentheses dropped and a
 * trailing English article moved to the front ("Usual Suspects, The" -> "The Usual Suspects").
 */
export function displayTitle(title: string): string {
  const main = title.replace(/\s*\([^()]*\)/g, '').trim() || title;
  const match = TRAILING_ENGLISH_ARTICLE.exec(main);
  return match === null ? main : `${match[2]} ${match[1]}`;
}

/** Precomputed search keys of a catalog; built once per recommender. */
export interface TitleIndex {
  /** Normalized names per movie (see `titleVariants`). */
  readonly variants: readonly (readonly string[])[];
  /** Distinct words of all names per movie, for the word-prefix match. */
  readonly words: readonly (readonly string[])[];
  readonly years: readonly (number | null)[];
}

/** Indexes already built, per catalogue: a reload builds its index in slices before serving. */
const built = new WeakMap<Catalog, TitleIndex>();

/** Movies indexed per phase: a few milliseconds of work, so a reload never holds the loop long. */
const MOVIES_PER_PHASE = 1000;

/** The catalogue's title index: built once (now, unless `prepareTitleIndex` already did). */
export function buildTitleIndex(catalog: Catalog): TitleIndex {
  let index = built.get(catalog);
  if (index === undefined) {
    index = runAtOnce(titleIndexPhases(catalog));
    built.set(catalog, index);
  }
  return index;
}

/** Builds the catalogue's title index one slice per event-loop turn (~55 ms at 10k titles in one go). */
export async function prepareTitleIndex(catalog: Catalog): Promise<void> {
  if (built.has(catalog)) return;
  built.set(catalog, await runInSlices(titleIndexPhases(catalog)));
}

function* titleIndexPhases(catalog: Catalog): Phases<TitleIndex> {
  const variants: string[][] = [];
  const words: string[][] = [];
  for (const [m, movie] of catalog.movies.entries()) {
    const names = titleVariants(movie.title);
    variants.push(names);
    words.push([...new Set(names.flatMap((name) => name.split(' ')))]);
    if (m % MOVIES_PER_PHASE === MOVIES_PER_PHASE - 1) yield;
  }
  return { variants, words, years: catalog.movies.map((movie) => movie.year) };
}

/** A query split into its text and, when it ends with one, a year ("alien 1979"). */
interface ParsedQuery {
  readonly text: string;
  readonly tokens: readonly string[];
  /** The query without its trailing year, when it has one and something else. */
  readonly withoutYear: {
    readonly text: string;
    readonly tokens: readonly string[];
    readonly year: number;
  } | null;
}

function parseQuery(query: string): ParsedQuery {
  const text = normalizeText(query);
  const tokens = text === '' ? [] : text.split(' ');
  const last = tokens[tokens.length - 1];
  let withoutYear: ParsedQuery['withoutYear'] = null;
  if (tokens.length > 1 && last !== undefined && /^(18|19|20)\d\d$/.test(last)) {
    const rest = tokens.slice(0, -1);
    withoutYear = { text: rest.join(' '), tokens: rest, year: Number(last) };
  }
  return { text, tokens, withoutYear };
}

/**
 * How well movie m matches: 3 = a name equals the text, 2 = a name starts with it (at a word
 * boundary), 1 = every query word starts a word of the names, 0 = no match.
 */
function matchScore(index: TitleIndex, m: number, text: string, tokens: readonly string[]): number {
  if (tokens.length === 0) return 0;
  let best = 0;
  for (const name of index.variants[m]!) {
    if (name === text) return 3;
    if (name.startsWith(text) && name.charCodeAt(text.length) === 32) best = 2;
  }
  if (best > 0) return best;
  const words = index.words[m]!;
  for (const token of tokens) {
    let found = false;
    for (const word of words) {
      if (word.startsWith(token)) {
        found = true;
        break;
      }
    }
    if (!found) return 0;
  }
  return 1;
}

export interface TitleSearchOptions {
  /** Only movies passing this mask (1 = keep); e.g. a genre filter. */
  readonly eligible?: Uint8Array | null;
  /** Breaks ties between equally good matches: more popular first. */
  readonly popularity: Uint32Array;
}

/**
 * Every movie matching the query, best match first: the match quality of the query as typed, or
 * of the query without a trailing year when the movie is from that year (a year match ranks just
 * above the same match without one); ties go to the more-rated movie, then the lower index.
 * Returns dense movie indices. Linear in the catalogue (a few milliseconds for 60k titles).
 */
export function searchTitles(index: TitleIndex, query: string, options: TitleSearchOptions): Uint32Array {
  const parsed = parseQuery(query);
  const { eligible = null, popularity } = options;
  if (parsed.tokens.length === 0) return browse(index.variants.length, eligible, popularity);
  const matches: number[] = [];
  const scores: number[] = [];
  for (let m = 0; m < index.variants.length; m++) {
    if (eligible !== null && eligible[m] !== 1) continue;
    let score = matchScore(index, m, parsed.text, parsed.tokens);
    const y = parsed.withoutYear;
    if (y !== null && index.years[m] === y.year) {
      const yearScore = matchScore(index, m, y.text, y.tokens);
      if (yearScore > 0) score = Math.max(score, yearScore + 0.5);
    }
    if (score > 0) {
      matches.push(m);
      scores.push(score);
    }
  }
  // Only the matches are sorted (a handful), never the catalogue.
  const order = matches.map((_, i) => i);
  order.sort(
    (a, b) =>
      scores[b]! - scores[a]! ||
      popularity[matches[b]!]! - popularity[matches[a]!]! ||
      matches[a]! - matches[b]!,
  );
  return Uint32Array.from(order, (i) => matches[i]!);
}

/** An empty query browses: every eligible movie, the most rated first (ties by catalogue order). */
function browse(nMovies: number, eligible: Uint8Array | null, popularity: ArrayLike<number>): Uint32Array {
  const movies: number[] = [];
  for (let m = 0; m < nMovies; m++) if (eligible === null || eligible[m] === 1) movies.push(m);
  movies.sort((a, b) => popularity[b]! - popularity[a]! || a - b);
  return Uint32Array.from(movies);
}
