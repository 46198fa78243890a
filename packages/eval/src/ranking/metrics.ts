import { EvaluationError } from '../errors';
import { assertK } from '../internal/validate';
import { assertCsr, assertRelevanceSets, rankedLists, relevanceSets } from './csr';
import { meanPopularity } from './popularity';
import type { ItemLists, RankedLists, RelevanceSets } from './types';

/**
 * NDCG gain of a relevant item: `'binary'` (1), `'graded'` (its gain g from `relevance.gains`)
 * or `'exponential'` (2^g - 1). Items outside the relevance set always gain 0.
 */
export type GainKind = 'binary' | 'graded' | 'exponential';

export interface RankingOptions {
  /** Cutoff: only the first k items of each list count. Default 10. */
  readonly k?: number;
  /** NDCG gain, see `GainKind`. Default `'binary'`; the others need `relevance.gains`. */
  readonly gain?: GainKind;
}

export interface RankingReportOptions extends RankingOptions {
  /** Number of items in the catalog, for `coverage`. Without it `coverage` is null. */
  readonly catalogSize?: number;
  /** Popularity per catalogue item (e.g. `itemPopularity` of the training rows), for `meanPopularity`. */
  readonly popularity?: Float64Array | Float32Array | Uint32Array;
}

/** Per-user values, NaN for users without relevant items (they are skipped, see `evaluated`). */
export interface RankingMetricsPerUser {
  readonly k: number;
  readonly precision: Float64Array;
  readonly recall: Float64Array;
  readonly ndcg: Float64Array;
  readonly averagePrecision: Float64Array;
  readonly reciprocalRank: Float64Array;
  readonly hit: Float64Array;
  /** 1 when the user has at least one relevant item and so counts in the averages. */
  readonly evaluated: Uint8Array;
  readonly evaluatedUsers: number;
}

/** Ranking metrics averaged over the users that have at least one relevant item. */
export interface RankingReport {
  readonly k: number;
  readonly users: number;
  readonly evaluatedUsers: number;
  /** Users with no relevant item: every metric is undefined for them, so they are left out of the means. */
  readonly skippedUsers: number;
  readonly precision: number;
  readonly recall: number;
  readonly ndcg: number;
  readonly map: number;
  readonly mrr: number;
  readonly hitRate: number;
  /** Distinct items across the top k of every list (all users, skipped ones included). */
  readonly distinctItems: number;
  /** distinctItems / catalogSize, or null without `catalogSize`. */
  readonly coverage: number | null;
  /** Mean popularity of the top-k items shown to all users (popularity bias), or null without `popularity`. */
  readonly meanPopularity: number | null;
}

type ListsInput = RankedLists | ItemLists;
type RelevanceInput = RelevanceSets | ItemLists;

/**
 * Every per-user ranking metric in one pass over the lists. For a user with relevant set R
 * (|R| > 0) and top-k list L (shorter when the list is shorter), with hits counted once per
 * relevant item at its first position:
 * - precision@k = hits / k, recall@k = hits / |R|, hit@k = [hits > 0]
 * - AP@k = (1 / min(k, |R|)) * sum over hit positions i of (hits within the first i) / i
 * - RR@k = 1 / (position of the first hit), 0 without a hit
 * - NDCG@k = DCG / IDCG, DCG = sum_i gain(L_i) / log2(i + 1), IDCG = the DCG of the best
 *   possible list: the user's min(k, |R|) largest gains in descending order.
 */
export function rankingMetricsPerUser(
  lists: ListsInput,
  relevance: RelevanceInput,
  options: RankingOptions = {},
): RankingMetricsPerUser {
  const { k = 10, gain = 'binary' } = options;
  const { ranked, relevant } = checkedRankingInputs(lists, relevance, k, gain);
  const users = ranked.offsets.length - 1;
  const gains = relevant.gains;
  const metrics = unevaluatedMetrics(users);
  const { precision, recall, ndcg, averagePrecision, reciprocalRank, hit, evaluated } = metrics;
  // discount[i] = 1 / log2(i + 2): the weight of 0-based position i, shared by every user.
  const discount = new Float64Array(k);
  for (let i = 0; i < k; i++) discount[i] = 1 / Math.log2(i + 2);
  // Binary IDCG of depth d, summed in the same order as a per-user loop would: a lookup per user.
  const binaryIdcg = new Float64Array(k + 1);
  for (let i = 0; i < k; i++) binaryIdcg[i + 1] = binaryIdcg[i]! + discount[i]!;
  // Each relevant entry belongs to one user, so one flag per entry marks "already hit" without resets.
  const seen = new Uint8Array(relevant.items.length);
  // Scratch for graded IDCG: the user's gains, sorted to find the largest min(k, |R|).
  const scratch =
    gains === undefined || gain === 'binary' ? undefined : new Float64Array(maxSetSize(relevant.offsets));
  const listItems = ranked.items;
  const relevantItems = relevant.items;
  let evaluatedUsers = 0;

  for (let u = 0; u < users; u++) {
    const first = relevant.offsets[u]!;
    const end = relevant.offsets[u + 1]!;
    const size = end - first;
    if (size === 0) continue;
    evaluated[u] = 1;
    evaluatedUsers++;
    const listStart = ranked.offsets[u]!;
    const depth = Math.min(k, ranked.offsets[u + 1]! - listStart);
    let hits = 0;
    let precisionSum = 0;
    let firstHit = 0;
    let dcg = 0;
    for (let i = 0; i < depth; i++) {
      const j = indexOf(relevantItems, first, end, listItems[listStart + i]!);
      if (j < 0 || seen[j] === 1) continue;
      seen[j] = 1;
      hits++;
      precisionSum += hits / (i + 1);
      if (firstHit === 0) firstHit = i + 1;
      dcg += gainOf(gain, gains, j) * discount[i]!;
    }
    const idealDepth = Math.min(k, size);
    precision[u] = hits / k;
    recall[u] = hits / size;
    hit[u] = hits > 0 ? 1 : 0;
    averagePrecision[u] = precisionSum / idealDepth;
    reciprocalRank[u] = firstHit === 0 ? 0 : 1 / firstHit;
    const idcg =
      scratch === undefined
        ? binaryIdcg[idealDepth]!
        : gradedIdcg(gain, discount, idealDepth, scratch, gains!, first, end);
    ndcg[u] = dcg / idcg;
  }
  return { k, ...metrics, evaluatedUsers };
}

/** Lists and relevance in CSR form, checked to cover the same users with a usable gain. */
function checkedRankingInputs(
  lists: ListsInput,
  relevance: RelevanceInput,
  k: number,
  gain: GainKind,
): { ranked: RankedLists; relevant: RelevanceSets } {
  assertK(k);
  const ranked = toRankedLists(lists);
  const relevant = toRelevanceSets(relevance);
  const users = ranked.offsets.length - 1;
  if (relevant.offsets.length - 1 !== users) {
    throw new EvaluationError(
      'length-mismatch',
      `lists cover ${users} users but relevance covers ${relevant.offsets.length - 1}; give both one entry per user`,
    );
  }
  if (users === 0)
    throw new EvaluationError(
      'empty-input',
      'lists and relevance have no users: there is nothing to evaluate',
    );
  if (gain !== 'binary' && gain !== 'graded' && gain !== 'exponential') {
    throw new EvaluationError(
      'invalid-option',
      `gain must be 'binary', 'graded' or 'exponential', got '${String(gain)}'`,
    );
  }
  if (gain !== 'binary' && relevant.gains === undefined) {
    throw new EvaluationError(
      'invalid-option',
      `gain '${gain}' needs relevance.gains; pass gains or use gain 'binary'`,
    );
  }
  return { ranked, relevant };
}

/** Every per-user metric NaN and no user evaluated, until the pass fills them in. */
function unevaluatedMetrics(users: number): Omit<RankingMetricsPerUser, 'k' | 'evaluatedUsers'> {
  return {
    precision: new Float64Array(users).fill(Number.NaN),
    recall: new Float64Array(users).fill(Number.NaN),
    ndcg: new Float64Array(users).fill(Number.NaN),
    averagePrecision: new Float64Array(users).fill(Number.NaN),
    reciprocalRank: new Float64Array(users).fill(Number.NaN),
    hit: new Float64Array(users).fill(Number.NaN),
    evaluated: new Uint8Array(users),
  };
}

/**
 * IDCG with graded gains: the DCG of the best list of `idealDepth` items, from the user's
 * gains[first..end) copied into `scratch` and sorted.
 */
function gradedIdcg(
  gain: GainKind,
  discount: Float64Array,
  idealDepth: number,
  scratch: Float64Array,
  gains: Float32Array | Float64Array,
  first: number,
  end: number,
): number {
  const size = end - first;
  const userGains = scratch.subarray(0, size);
  userGains.set(gains.subarray(first, end));
  userGains.sort();
  let idcg = 0;
  for (let i = 0; i < idealDepth; i++) idcg += gainValue(gain, userGains[size - 1 - i]!) * discount[i]!;
  return idcg;
}

/**
 * Precision@k, recall@k, NDCG@k, MAP@k, MRR@k and hit rate@k averaged over users with at least
 * one relevant item (others are skipped and counted in `skippedUsers`), plus catalog coverage of
 * the top-k lists and, with `popularity`, their mean popularity. Throws `EvaluationError` when no user has a relevant item.
 */
export function rankingReport(
  lists: ListsInput,
  relevance: RelevanceInput,
  options: RankingReportOptions = {},
): RankingReport {
  const { catalogSize, popularity, ...rankingOptions } = options;
  const ranked = toRankedLists(lists);
  const perUser = rankingMetricsPerUser(ranked, relevance, rankingOptions);
  const distinctItems = countDistinctTopK(ranked, perUser.k, catalogSize);
  const users = perUser.evaluated.length;
  return {
    k: perUser.k,
    users,
    evaluatedUsers: perUser.evaluatedUsers,
    skippedUsers: users - perUser.evaluatedUsers,
    precision: meanMetric(perUser, 'precision'),
    recall: meanMetric(perUser, 'recall'),
    ndcg: meanMetric(perUser, 'ndcg'),
    map: meanMetric(perUser, 'averagePrecision'),
    mrr: meanMetric(perUser, 'reciprocalRank'),
    hitRate: meanMetric(perUser, 'hit'),
    distinctItems,
    coverage: catalogSize === undefined ? null : distinctItems / catalogSize,
    meanPopularity:
      popularity === undefined || distinctItems === 0
        ? null
        : meanPopularity(ranked, { k: perUser.k, popularity }),
  };
}

/** Mean precision@k over users with relevant items (precision@k = hits in the top k / k). */
export function precisionAtK(
  lists: ListsInput,
  relevance: RelevanceInput,
  options: RankingOptions = {},
): number {
  return meanMetric(rankingMetricsPerUser(lists, relevance, options), 'precision');
}

/** Mean recall@k over users with relevant items (recall@k = hits in the top k / |relevant|). */
export function recallAtK(
  lists: ListsInput,
  relevance: RelevanceInput,
  options: RankingOptions = {},
): number {
  return meanMetric(rankingMetricsPerUser(lists, relevance, options), 'recall');
}

/** Mean NDCG@k over users with relevant items. */
export function ndcgAtK(lists: ListsInput, relevance: RelevanceInput, options: RankingOptions = {}): number {
  return meanMetric(rankingMetricsPerUser(lists, relevance, options), 'ndcg');
}

/** Mean average precision@k, each user's AP divided by min(k, |relevant|). */
export function mapAtK(lists: ListsInput, relevance: RelevanceInput, options: RankingOptions = {}): number {
  return meanMetric(rankingMetricsPerUser(lists, relevance, options), 'averagePrecision');
}

/** Mean reciprocal rank of the first relevant item within the top k (0 for a user without a hit). */
export function mrr(lists: ListsInput, relevance: RelevanceInput, options: RankingOptions = {}): number {
  return meanMetric(rankingMetricsPerUser(lists, relevance, options), 'reciprocalRank');
}

/** Share of users with relevant items that get at least one of them in their top k. */
export function hitRateAtK(
  lists: ListsInput,
  relevance: RelevanceInput,
  options: RankingOptions = {},
): number {
  return meanMetric(rankingMetricsPerUser(lists, relevance, options), 'hit');
}

export interface CatalogCoverageOptions {
  /** Cutoff: only the first k items of each list count. Default 10. */
  readonly k?: number;
  /** Number of items in the catalog; list items must be dense indices below it. */
  readonly catalogSize: number;
}

/** Share of the catalog that appears in at least one user's top k: |union of top-k lists| / catalogSize. */
export function catalogCoverage(lists: ListsInput, options: CatalogCoverageOptions): number {
  const { k = 10, catalogSize } = options;
  assertK(k);
  if (catalogSize === undefined) {
    throw new EvaluationError(
      'invalid-option',
      'catalogCoverage needs catalogSize, the number of items in the catalog',
    );
  }
  return countDistinctTopK(toRankedLists(lists), k, catalogSize) / catalogSize;
}

function toRankedLists(lists: ListsInput): RankedLists {
  const ranked = isItemLists(lists) ? rankedLists(lists) : lists;
  assertCsr('lists', ranked.offsets, ranked.items);
  return ranked;
}

function toRelevanceSets(relevance: RelevanceInput): RelevanceSets {
  if (isItemLists(relevance)) return relevanceSets(relevance);
  assertRelevanceSets(relevance);
  return relevance;
}

function isItemLists(input: ListsInput | RelevanceInput): input is ItemLists {
  return Array.isArray(input);
}

/** Position of `item` in the ascending slice items[first..end), or -1. */
function indexOf(items: Uint32Array, first: number, end: number, item: number): number {
  let low = first;
  let high = end;
  while (low < high) {
    const mid = (low + high) >>> 1;
    const value = items[mid]!;
    if (value === item) return mid;
    if (value < item) low = mid + 1;
    else high = mid;
  }
  return -1;
}

function gainOf(kind: GainKind, gains: Float32Array | Float64Array | undefined, j: number): number {
  return kind === 'binary' ? 1 : gainValue(kind, gains![j]!);
}

function gainValue(kind: GainKind, g: number): number {
  return kind === 'exponential' ? 2 ** g - 1 : g;
}

function maxSetSize(offsets: Uint32Array): number {
  let max = 0;
  for (let u = 0; u + 1 < offsets.length; u++) max = Math.max(max, offsets[u + 1]! - offsets[u]!);
  return max;
}

type PerUserMetric = 'precision' | 'recall' | 'ndcg' | 'averagePrecision' | 'reciprocalRank' | 'hit';

/** Mean of one per-user metric over the evaluated users; throws when there are none. */
function meanMetric(perUser: RankingMetricsPerUser, metric: PerUserMetric): number {
  const { evaluated, evaluatedUsers } = perUser;
  if (evaluatedUsers === 0) {
    throw new EvaluationError(
      'undefined-metric',
      `none of the ${evaluated.length} users has a relevant item, so every ranking metric is undefined; check the like threshold and the held-out split`,
    );
  }
  const values = perUser[metric];
  let sum = 0;
  for (let u = 0; u < values.length; u++) if (evaluated[u] === 1) sum += values[u]!;
  return sum / evaluatedUsers;
}

/**
 * Distinct items among the first k of every list. With a catalog size, one flag per catalog item
 * (linear time); without it, a sorted copy of the top-k items.
 */
function countDistinctTopK(lists: RankedLists, k: number, catalogSize: number | undefined): number {
  const { offsets, items } = lists;
  const users = offsets.length - 1;
  if (catalogSize !== undefined) {
    if (!Number.isInteger(catalogSize) || catalogSize < 1) {
      throw new EvaluationError(
        'invalid-option',
        `catalogSize must be a whole number >= 1, got ${catalogSize}`,
      );
    }
    const present = new Uint8Array(catalogSize);
    let distinct = 0;
    for (let u = 0; u < users; u++) {
      const start = offsets[u]!;
      const stop = Math.min(offsets[u + 1]!, start + k);
      for (let i = start; i < stop; i++) {
        const item = items[i]!;
        if (item >= catalogSize) {
          throw new EvaluationError(
            'invalid-structure',
            `lists.items[${i}] is ${item}, outside a catalog of ${catalogSize} items; items must be dense indices below catalogSize`,
          );
        }
        if (present[item] === 0) {
          present[item] = 1;
          distinct++;
        }
      }
    }
    return distinct;
  }
  let total = 0;
  for (let u = 0; u < users; u++) total += Math.min(offsets[u + 1]! - offsets[u]!, k);
  const top = new Uint32Array(total);
  let next = 0;
  for (let u = 0; u < users; u++) {
    const start = offsets[u]!;
    const stop = Math.min(offsets[u + 1]!, start + k);
    for (let i = start; i < stop; i++) top[next++] = items[i]!;
  }
  top.sort();
  let distinct = 0;
  for (let i = 0; i < total; i++) if (i === 0 || top[i] !== top[i - 1]) distinct++;
  return distinct;
}
