import { alsItemScores } from '@reco/cf-svd';
import { type Retriever, scoreNewUser } from '@reco/retrieval';
import { FROM_CF, FROM_POPULAR, FROM_TRENDING } from './explain';
import type { RecommenderParts } from './parts';
import { topKMovies } from './top-k';
import type { UserView } from './user-view';

/** Which CF model scores a user: ALS when asked for, present and folded in for this user; else MF. */
export interface CfScoring {
  readonly parts: Pick<RecommenderParts, 'mf' | 'als'>;
  readonly cfModel: 'als' | 'mf';
}

/**
 * s_m = x_u·y_m (ALS) or μ + b_u + b_m + p_u·q_m (MF), for eligible movies only, NaN elsewhere,
 * written into `out` (a reused catalogue-sized buffer): the mat-vec is the cost of a CF request,
 * and movies under the rating minimum or already rated need no score.
 */
export function cfScoresInto(
  out: Float32Array,
  { parts: { mf, als }, cfModel }: CfScoring,
  view: UserView,
  eligible: Uint8Array,
): Float32Array {
  const useAls = cfModel === 'als' && als != null && view.als !== null;
  const vector = useAls ? view.als! : view.mf.factors;
  const factors = useAls ? als!.itemFactors : mf.itemFactors;
  const offset = useAls ? 0 : mf.globalMean + view.mf.bias;
  const f = vector.length;
  out.fill(Number.NaN);
  for (let m = 0; m < out.length; m++) {
    if (eligible[m] !== 1) continue;
    let dot = useAls ? 0 : mf.itemBias[m]!;
    const o = m * f;
    for (let k = 0; k < f; k++) dot += factors[o + k]! * vector[k]!;
    out[m] = offset + dot;
  }
  return out;
}

export interface RetrievalQuotas {
  readonly retrieveCf: number;
  readonly retrievePopular: number;
  readonly retrieveTrending: number;
}

/** Retrieved candidates (dense movie indices) and, per movie, FROM_* flags saying where each came from. */
export interface Retrieved {
  readonly candidates: Uint32Array;
  readonly flags: Uint8Array;
}

/**
 * The first stage: the user's top `retrieveCf` eligible movies by CF score, then the first
 * `retrievePopular` popular and `retrieveTrending` trending eligible movies not already in.
 */
export function retrieve(
  cf: Float32Array,
  eligible: Uint8Array,
  lists: { readonly popular: Uint32Array; readonly trending: Uint32Array },
  quotas: RetrievalQuotas,
): Retrieved {
  const flags = new Uint8Array(cf.length);
  const top = topKMovies(cf, eligible, quotas.retrieveCf);
  const candidates = new Uint32Array(top.movies.length + quotas.retrievePopular + quotas.retrieveTrending);
  candidates.set(top.movies);
  let size = top.movies.length;
  for (let j = 0; j < top.movies.length; j++) flags[top.movies[j]!] = FROM_CF;
  const addFrom = (list: Uint32Array, quota: number, flag: number) => {
    let added = 0;
    for (let j = 0; j < list.length && added < quota; j++) {
      const m = list[j]!;
      if (eligible[m] !== 1) continue;
      if (flags[m] === 0) {
        candidates[size++] = m;
        added++;
      }
      flags[m]! |= flag;
    }
  };
  addFrom(lists.popular, quotas.retrievePopular, FROM_POPULAR);
  addFrom(lists.trending, quotas.retrieveTrending, FROM_TRENDING);
  return { candidates: candidates.subarray(0, size), flags };
}

/** Every eligible movie, ascending: the candidates of exhaustive scoring. */
export function eligibleMovies(eligible: Uint8Array): Uint32Array {
  let n = 0;
  for (let m = 0; m < eligible.length; m++) n += eligible[m]!;
  const out = new Uint32Array(n);
  let j = 0;
  for (let m = 0; m < eligible.length; m++) if (eligible[m] === 1) out[j++] = m;
  return out;
}

/**
 * A retrieval model's score for every movie into `out` (a reused catalogue-sized buffer), NaN where
 * a movie is not eligible. Item-item models sum the rows of the user's training (or new) ratings
 * that pass the model's like rule, which is also their fold-in; ALS uses a known user's vector and
 * solves a new user's.
 */
export function retrieverScoresInto(
  out: Float32Array,
  model: Retriever,
  view: UserView,
  eligible: Uint8Array,
): Float32Array {
  if (model.kind === 'als' && view.user >= 0) alsItemScores(model, view.user, out);
  else scoreNewUser(model, view.movies, view.ratings, out);
  return maskedInto(out, out, eligible);
}

/** `scores` into `out` (which may be `scores`), NaN where a movie is not eligible. */
export function maskedInto(out: Float32Array, scores: Float32Array, eligible: Uint8Array): Float32Array {
  for (let m = 0; m < out.length; m++) out[m] = eligible[m] === 1 ? scores[m]! : Number.NaN;
  return out;
}
