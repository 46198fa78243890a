import type { SynthCatalog } from './catalog';
import { FACTORS, type SynthLatent } from './latent';
import { Rng } from './rng';
import { GENERIC_TAGS, GENRE_TAGS, GENRES, TAG_MODIFIERS, TAG_SUBJECTS } from './vocabulary';

/** Taggers pick from at least this many names, even when the genome is small or empty. */
const MIN_VOCABULARY = 128;
/** How much a movie's genre raises the relevance logit of the genre's tags. */
const GENRE_MATCH = 3;
const FACTOR_WEIGHT = 1 / Math.sqrt(FACTORS);

/**
 * Tag names with a hidden meaning: each tag has a direction in factor space and maybe a genre, and
 * its relevance to a movie is sigmoid(bias_t + v_t · p_m / sqrt(FACTORS) + GENRE_MATCH·[genre_t ∈ m]).
 * The genome reports that relevance (plus noise) and taggers prefer relevant tags, so tags and
 * genome scores carry the same movie traits the ratings depend on.
 */
export interface TagVocabulary {
  readonly size: number;
  /** Names in candidate order: genre tags first, then generic, then modifier-subject pairs. */
  readonly names: readonly string[];
  /** Associated genre index, or -1. */
  readonly genre: Int8Array;
  /** size x FACTORS. */
  readonly vectors: Float32Array;
  readonly bias: Float32Array;
  /** Vocabulary indices of the genome tags sorted by name: genome tagId j + 1 is genomeOrder[j]. */
  readonly genomeOrder: Uint32Array;
}

export function buildTagVocabulary(genomeTags: number, latent: SynthLatent, seed: number): TagVocabulary {
  const rng = new Rng(seed, 3);
  const candidates = candidateNames(rng);
  const size = Math.min(candidates.length, Math.max(genomeTags, MIN_VOCABULARY));
  const names = candidates.slice(0, size).map((c) => c.name);
  const genre = Int8Array.from(candidates.slice(0, size), (c) => c.genre);
  const vectors = new Float32Array(size * FACTORS);
  const bias = new Float32Array(size);
  for (let t = 0; t < size; t++) {
    const g = genre[t]!;
    let norm = 0;
    if (g >= 0) for (let k = 0; k < FACTORS; k++) norm += latent.genreEmbedding[g * FACTORS + k]! ** 2;
    norm = Math.sqrt(norm) || 1;
    for (let k = 0; k < FACTORS; k++) {
      // A genre's tags point roughly where the genre sits in factor space.
      const towardsGenre = g >= 0 ? (2 * latent.genreEmbedding[g * FACTORS + k]!) / norm : 0;
      vectors[t * FACTORS + k] = towardsGenre + rng.normal();
    }
    bias[t] = (g >= 0 ? -3.2 : -2.4) + 0.6 * rng.normal();
  }
  const genomeOrder = Uint32Array.from({ length: genomeTags }, (_, i) => i).sort((a, b) =>
    names[a]! < names[b]! ? -1 : names[a]! > names[b]! ? 1 : 0,
  );
  return { size, names, genre, vectors, bias, genomeOrder };
}

/** The noiseless relevance logit of tag t for movie m. */
export function relevanceLogit(
  vocabulary: TagVocabulary,
  t: number,
  catalog: SynthCatalog,
  latent: SynthLatent,
  m: number,
): number {
  let dot = 0;
  const v = t * FACTORS;
  const p = m * FACTORS;
  for (let k = 0; k < FACTORS; k++) dot += vocabulary.vectors[v + k]! * latent.movieFactors[p + k]!;
  let logit = vocabulary.bias[t]! + FACTOR_WEIGHT * dot;
  const g = vocabulary.genre[t]!;
  if (g >= 0) {
    const end = catalog.genreStart[m + 1]!;
    for (let j = catalog.genreStart[m]!; j < end; j++) {
      if (catalog.genreIds[j] === g) {
        logit += GENRE_MATCH;
        break;
      }
    }
  }
  return logit;
}

/** Genre tags round-robin over genres, then generic tags, then shuffled modifier-subject pairs. */
function candidateNames(rng: Rng): { name: string; genre: number }[] {
  const seen = new Set<string>();
  const out: { name: string; genre: number }[] = [];
  const add = (name: string, genre: number) => {
    if (seen.has(name)) return;
    seen.add(name);
    out.push({ name, genre });
  };
  const lists = GENRES.map((g) => GENRE_TAGS[g.name]);
  const longest = Math.max(...lists.map((l) => l.length));
  for (let r = 0; r < longest; r++) {
    for (let g = 0; g < lists.length; g++) {
      const name = lists[g]![r];
      if (name !== undefined) add(name, g);
    }
  }
  for (const name of GENERIC_TAGS) add(name, -1);
  const pairs: string[] = [];
  for (const modifier of TAG_MODIFIERS)
    for (const subject of TAG_SUBJECTS) pairs.push(`${modifier} ${subject}`);
  for (let i = pairs.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [pairs[i], pairs[j]] = [pairs[j]!, pairs[i]!];
  }
  for (const name of pairs) add(name, -1);
  return out;
}
