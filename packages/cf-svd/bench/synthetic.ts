/**
 * A MovieLens-shaped synthetic rating set for benchmarks: heavy-tailed user activity, power-law
 * item popularity and ratings driven by hidden low-rank taste, so factor models have signal to find.
 * Bench-only (the dataset generator proper is `@reco/data`'s `generateMovieLens`).
 */

export interface SyntheticRatings {
  readonly user: Uint32Array;
  readonly item: Uint32Array;
  readonly rating: Float32Array;
  readonly nUsers: number;
  readonly nItems: number;
}

export interface SyntheticOptions {
  readonly nUsers: number;
  readonly nItems: number;
  readonly nRatings: number;
  readonly seed: number;
  /** Rank of the hidden taste model. Default 8. */
  readonly latentRank?: number;
  /** Standard deviation of the rating noise. Default 0.6. */
  readonly noise?: number;
}

export function generateRatings(options: SyntheticOptions): SyntheticRatings {
  const { nUsers, nItems, nRatings, seed, latentRank = 8, noise = 0.6 } = options;
  let state = seed >>> 0;
  const uniform = (): number => {
    // mulberry32, inlined to keep the bench independent of package internals.
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const gaussian = (): number => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());

  // Item popularity: Zipf-like weights over a random permutation of items.
  const cdf = new Float64Array(nItems);
  let total = 0;
  for (let i = 0; i < nItems; i++) {
    total += 1 / (i + 10) ** 1.1;
    cdf[i] = total;
  }
  const itemAt = new Uint32Array(nItems);
  for (let i = 0; i < nItems; i++) itemAt[i] = i;
  for (let i = nItems - 1; i > 0; i--) {
    const j = Math.floor(uniform() * (i + 1));
    const t = itemAt[i]!;
    itemAt[i] = itemAt[j]!;
    itemAt[j] = t;
  }
  const drawItem = (): number => {
    const target = uniform() * total;
    let lo = 0;
    let hi = nItems - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cdf[mid]! < target) lo = mid + 1;
      else hi = mid;
    }
    return itemAt[lo]!;
  };

  // User activity: log-normal, at least 20 ratings, at most half the catalogue, scaled to nRatings.
  const activity = new Float64Array(nUsers);
  let activitySum = 0;
  for (let u = 0; u < nUsers; u++) {
    activity[u] = Math.exp(1.1 * gaussian());
    activitySum += activity[u]!;
  }
  const counts = new Uint32Array(nUsers);
  let assigned = 0;
  const cap = Math.floor(nItems / 2);
  for (let u = 0; u < nUsers; u++) {
    counts[u] = Math.min(cap, Math.max(20, Math.round((activity[u]! / activitySum) * nRatings)));
    assigned += counts[u]!;
  }
  // Trim or pad round-robin so the total is exactly nRatings.
  for (let u = 0; assigned !== nRatings; u = (u + 1) % nUsers) {
    if (assigned > nRatings && counts[u]! > 20) {
      counts[u]!--;
      assigned--;
    } else if (assigned < nRatings && counts[u]! < cap) {
      counts[u]!++;
      assigned++;
    }
  }

  const userTaste = new Float32Array(nUsers * latentRank);
  const itemTaste = new Float32Array(nItems * latentRank);
  const userBias = new Float32Array(nUsers);
  const itemBias = new Float32Array(nItems);
  const tasteScale = 0.7 / Math.sqrt(latentRank);
  for (let k = 0; k < userTaste.length; k++) userTaste[k] = gaussian() * tasteScale;
  for (let k = 0; k < itemTaste.length; k++) itemTaste[k] = gaussian() * tasteScale;
  for (let u = 0; u < nUsers; u++) userBias[u] = gaussian() * 0.4;
  for (let i = 0; i < nItems; i++) itemBias[i] = gaussian() * 0.5;

  const user = new Uint32Array(nRatings);
  const item = new Uint32Array(nRatings);
  const rating = new Float32Array(nRatings);
  const lastUserOf = new Int32Array(nItems).fill(-1);
  let row = 0;
  for (let u = 0; u < nUsers; u++) {
    for (let c = 0; c < counts[u]!; c++) {
      let i = drawItem();
      while (lastUserOf[i] === u) i = drawItem(); // one rating per (user, item)
      lastUserOf[i] = u;
      let taste = 0;
      for (let k = 0; k < latentRank; k++)
        taste += userTaste[u * latentRank + k]! * itemTaste[i * latentRank + k]!;
      const raw = 3.5 + userBias[u]! + itemBias[i]! + 2 * taste + noise * gaussian();
      user[row] = u;
      item[row] = i;
      rating[row] = Math.min(5, Math.max(0.5, Math.round(raw * 2) / 2));
      row++;
    }
  }
  return { user, item, rating, nUsers, nItems };
}
