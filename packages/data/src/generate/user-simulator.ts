import { sampleAlias } from './alias';
import type { SynthCatalog } from './catalog';
import { FACTORS, GENRE_COUNT, NOISE, type SynthLatent } from './latent';
import { maxRatingsPerUser } from './params';
import { Rng, splitmix32 } from './rng';
import { selectSmallest } from './select';
import { DAY, FIRST_TIMESTAMP, LAST_TIMESTAMP } from './timeline';

/** A user rates in at most this many bursts (sessions). */
export const MAX_SESSIONS = 8;
/** Alias draws that may fail in a row before a user switches to exact sampling (see `drawMovies`). */
const MAX_POPULARITY_TRIES = 64;
/** Users rating more than this share of the catalog sample exactly from the start. */
const LIGHT_USER_SHARE = 1 / 16;
/**
 * People pick what they expect to like: the chance that a user rates a movie grows by
 * e^SELECTION_TASTE per unit of their taste t(u, m) = q_u · p_m + genre affinity (sd ≈ 0.5), on top
 * of its popularity. Without it, which movies a user rates carries no personal signal and no
 * top-N model can beat a most-popular list, unlike on real MovieLens data.
 */
export const SELECTION_TASTE = 2;
/** Taste is capped here (about two sd) so the acceptance test below is a probability. */
const TASTE_CAP = 1;

/**
 * Replays one user at a time: their sessions, which movies they rate, and the latent score of
 * each rating. Every user owns a PRNG stream derived from (seed, user), so a user's output does not
 * depend on who was simulated before; the calibration pass can replay a sample of users and see
 * exactly the scores the writer will later produce.
 *
 * All scratch memory is allocated once and reused, which keeps the per-user loop free of
 * allocations: at ml-20m scale it runs 138k times and draws 20M movies.
 */
export class UserSimulator {
  /** Movies of the current user, ascending dense index (= ascending movieId). */
  readonly movies: Uint32Array;
  /** Latent score per movie of the current user, aligned with `movies`. */
  readonly scores: Float64Array;
  /** Session start times (Unix seconds) of the current user, ascending. */
  readonly sessionStart = new Float64Array(MAX_SESSIONS);
  readonly sessionLength = new Float64Array(MAX_SESSIONS);
  sessionCount = 0;
  /** The current user's stream: after `simulate`, it continues with the per-rating draws. */
  readonly rng = new Rng(0);

  /** marks[m] === epoch when the current user already rates m: a set that clears in O(1). */
  private readonly marks: Int32Array;
  private epoch = 0;
  /** Scratch for exact sampling: a key and a movie per catalog entry. */
  private readonly keys: Float64Array;
  private readonly candidates: Uint32Array;
  private readonly streamSeed: number;

  constructor(
    private readonly catalog: SynthCatalog,
    private readonly latent: SynthLatent,
    seed: number,
  ) {
    const capacity = maxRatingsPerUser(catalog.size);
    this.movies = new Uint32Array(capacity);
    this.scores = new Float64Array(capacity);
    this.marks = new Int32Array(catalog.size);
    this.keys = new Float64Array(catalog.size);
    this.candidates = new Uint32Array(catalog.size);
    this.streamSeed = splitmix32(seed ^ 0x5eed5eed);
  }

  /** Simulates user u and returns their number of ratings; results are in `movies` and `scores`. */
  simulate(u: number): number {
    const count = this.latent.activity[u]!;
    this.planSessions(u, count);
    this.drawMovies(u, count);
    // Sorting the dense indices is the same as sorting by movieId: rows come out in file order.
    this.movies.subarray(0, count).sort();
    this.score(u, count);
    return count;
  }

  /**
   * A user's sessions: one to eight bursts, the first at a uniform time in the timeline, the rest
   * weeks or months apart; the more ratings, the more (and longer) sessions. Re-seeds the user's
   * stream, so it also serves the tag writer, which needs a tagger's sessions but not their ratings.
   */
  planSessions(u: number, count: number): void {
    const rng = this.rng.reseed(this.streamSeed, u);
    let sessions =
      1 + Math.min(MAX_SESSIONS - 1, Math.floor(rng.exponential() * (1 + 0.6 * Math.log(count / 20))));
    for (let j = 0; j < sessions; j++) {
      // About 20-60 seconds per rating, at most two days per burst.
      this.sessionLength[j] = Math.min(2 * DAY, 600 + (count / sessions) * (20 + 40 * rng.float()));
    }
    const span = LAST_TIMESTAMP - FIRST_TIMESTAMP - this.sessionLength[0]!;
    this.sessionStart[0] = FIRST_TIMESTAMP + Math.floor(rng.float() * span);
    for (let j = 1; j < sessions; j++) {
      const gap = DAY / 4 + rng.exponential() * 90 * DAY;
      const start = Math.floor(this.sessionStart[j - 1]! + this.sessionLength[j - 1]! + gap);
      if (start + this.sessionLength[j]! > LAST_TIMESTAMP) {
        sessions = j;
        break;
      }
      this.sessionStart[j] = start;
    }
    this.sessionCount = sessions;
  }

  /**
   * Draws `count` distinct movies by popularity tilted by the user's taste (sampling without
   * replacement, weight popularity(m) x selectionWeight(u, m)), preferring movies released before
   * the user's last session.
   *
   * Light users use rejection sampling on the alias table (accepting with the taste weight): O(1)
   * expected per draw, and the `marks` epoch
   * array makes the "already rated" test O(1) without clearing anything between users. That gets
   * slow once a user has taken most of the popular mass, so heavy users (and anyone whose draws
   * keep failing) finish with an exact one-pass method over the catalog (Efraimidis-Spirakis: key
   * = Exp(1) / weight, keep the smallest keys), first among movies of their era, then, if those
   * run out, among later ones, whose ratings get a timestamp after their release.
   */
  private drawMovies(u: number, count: number): void {
    const { marks, movies, rng } = this;
    const release = this.catalog.release;
    const table = this.catalog.popularityTable;
    const lastStart = this.sessionStart[this.sessionCount - 1]!;
    const epoch = ++this.epoch;
    let drawn = 0;
    if (count <= this.catalog.size * LIGHT_USER_SHARE) {
      let tries = 0;
      while (drawn < count && tries < MAX_POPULARITY_TRIES) {
        const m = sampleAlias(table, rng);
        if (marks[m] !== epoch && release[m]! <= lastStart && rng.float() < this.selectionWeight(u, m)) {
          marks[m] = epoch;
          movies[drawn++] = m;
          tries = 0;
        } else {
          tries++;
        }
      }
    }
    if (drawn < count) drawn = this.drawExact(u, drawn, count, epoch, lastStart, true);
    if (drawn < count) this.drawExact(u, drawn, count, epoch, lastStart, false);
  }

  /** Efraimidis-Spirakis over the unrated movies of (or after) the user's era; returns the new count. */
  private drawExact(
    u: number,
    drawn: number,
    count: number,
    epoch: number,
    lastStart: number,
    ofEra: boolean,
  ): number {
    const { marks, movies, rng, keys, candidates } = this;
    const { release, popularity, size } = this.catalog;
    let n = 0;
    for (let m = 0; m < size; m++) {
      if (marks[m] === epoch || release[m]! <= lastStart !== ofEra) continue;
      keys[n] = rng.exponential() / (popularity[m]! * this.selectionWeight(u, m));
      candidates[n++] = m;
    }
    const take = Math.min(n, count - drawn);
    selectSmallest(keys, candidates, n, take);
    for (let i = 0; i < take; i++) {
      const m = candidates[i]!;
      marks[m] = epoch;
      movies[drawn++] = m;
    }
    return drawn;
  }

  /** Latent score z(u, m) of each drawn movie (formula in latent.ts). */
  private score(u: number, count: number): void {
    const { movies, scores, rng } = this;
    const { userBias, movieBias } = this.latent;
    const bias = userBias[u]!;
    for (let i = 0; i < count; i++) {
      const m = movies[i]!;
      scores[i] = bias + movieBias[m]! + this.taste(u, m) + NOISE * rng.normal();
    }
  }

  /** t(u, m) = q_u · p_m + (Σ_{g ∈ genres(m)} a_ug) / sqrt(|genres(m)|): the personal part of z. */
  taste(u: number, m: number): number {
    const { userFactors, genreAffinity, movieFactors, genreScale } = this.latent;
    const { genreStart, genreIds } = this.catalog;
    const q = u * FACTORS;
    const p = m * FACTORS;
    let t = 0;
    for (let k = 0; k < FACTORS; k++) t += userFactors[q + k]! * movieFactors[p + k]!;
    const a = u * GENRE_COUNT;
    let affinity = 0;
    const end = genreStart[m + 1]!;
    for (let j = genreStart[m]!; j < end; j++) affinity += genreAffinity[a + genreIds[j]!]!;
    return t + affinity * genreScale[m]!;
  }

  /** How much likelier than its popularity alone user u is to rate m, in (0, 1]. */
  selectionWeight(u: number, m: number): number {
    return Math.exp(SELECTION_TASTE * (Math.min(this.taste(u, m), TASTE_CAP) - TASTE_CAP));
  }

  /**
   * A timestamp for a rating of a movie released at `release`: a uniform moment in a random
   * session that starts after the release, or, when none does (a heavy user who ran out of movies
   * of their era, or a tagger), a moment within 30 days after the release. Never before the
   * release year, never after the timeline. Draws from `rng` (the user's stream by default).
   */
  timestamp(release: number, rng: Rng = this.rng): number {
    const sessions = this.sessionCount;
    let first = 0;
    while (first < sessions && this.sessionStart[first]! < release) first++;
    if (first === sessions) {
      const span = Math.min(30 * DAY, LAST_TIMESTAMP - release);
      return Math.floor(release + rng.float() * span);
    }
    const j = first + rng.int(sessions - first);
    return Math.floor(this.sessionStart[j]! + rng.float() * this.sessionLength[j]!);
  }
}
