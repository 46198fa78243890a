import { createEngine, type RankVariant } from '../engine';
import { resolveServingOptions } from '../options';
import type { RecommenderParts } from '../parts';
import { knownUserView } from '../user-view';
import { listRequest } from './users';

export interface ServedListsOptions {
  /** Parts fitted without the held-out rows; `parts.ratings` is what each user already rated. */
  readonly parts: RecommenderParts;
  /** Dense user indices, ascending. */
  readonly users: Uint32Array;
  /** List length. */
  readonly n: number;
  /** The hybrid's classifier weight. */
  readonly hybridWeight: number;
}

/** CSR lists by user (`items[offsets[u] .. offsets[u + 1] - 1]`) for one served strategy. */
export interface ServedLists {
  readonly offsets: Uint32Array;
  readonly items: Uint32Array;
}

export interface ServedListsResult {
  readonly classifier: ServedLists;
  readonly hybrid: ServedLists;
  /** Wall milliseconds per user for the shared retrieval + scoring pass. */
  readonly msPerUser: number;
}

/**
 * The two-stage classifier and hybrid top-n of each user from one retrieval and scoring pass
 * (what `recommend` serves), as CSR lists over every user index (users not asked get none), so a
 * study can score them with `@reco/eval` beside the retrieval models' lists.
 */
export function servedLists(options: ServedListsOptions): ServedListsResult {
  const { parts, users, n, hybridWeight } = options;
  const engine = createEngine(parts, resolveServingOptions(parts, { hybridWeight }));
  const nUsers = parts.users.size;
  const variants: RankVariant[] = [{ strategy: 'classifier' }, { strategy: 'hybrid', weight: hybridWeight }];
  const out = [0, 1].map(() => ({ offsets: new Uint32Array(nUsers + 1), items: [] as number[] }));
  const request = listRequest(n, 'classifier', false);
  const started = performance.now();
  let next = 0;
  for (let u = 0; u < nUsers; u++) {
    if (next < users.length && users[next] === u) {
      next++;
      const view = knownUserView(parts, u);
      const lists = view.movies.length === 0 ? [[], []] : engine.rankVariants(view, request, variants);
      lists.forEach((list, v) => {
        for (const m of list) out[v]!.items.push(m);
      });
    }
    for (const o of out) o.offsets[u + 1] = o.items.length;
  }
  const msPerUser = (performance.now() - started) / Math.max(1, users.length);
  const [classifier, hybrid] = out.map((o) => ({ offsets: o.offsets, items: Uint32Array.from(o.items) }));
  return { classifier: classifier!, hybrid: hybrid!, msPerUser };
}
