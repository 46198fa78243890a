/**
 * Splits exactly `total` ratings over users: each user gets `min` plus a share of the rest
 * proportional to their weight (log-normal draws, so activity is log-normal), truncated at `cap`.
 * The scale factor is found by bisection and the rounding remainder goes to the largest fractional
 * parts, so the counts sum to `total` exactly.
 */
export function allocateActivity(
  weights: Float64Array,
  total: number,
  min: number,
  cap: number,
): Uint32Array {
  const users = weights.length;
  const extra = total - users * min;
  const room = cap - min;
  if (extra < 0 || extra > users * room) {
    throw new RangeError(`cannot split ${total} ratings over ${users} users with ${min}..${cap} each`);
  }
  const assigned = (scale: number): number => {
    let sum = 0;
    for (let u = 0; u < users; u++) sum += Math.min(room, scale * weights[u]!);
    return sum;
  };
  let lo = 0;
  let hi = 1;
  while (assigned(hi) < extra) hi *= 2;
  for (let i = 0; i < 100 && hi - lo > 1e-12 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (assigned(mid) <= extra) lo = mid;
    else hi = mid;
  }

  const counts = new Uint32Array(users);
  const fraction = new Float64Array(users);
  let given = 0;
  for (let u = 0; u < users; u++) {
    const share = Math.min(room, lo * weights[u]!);
    const whole = Math.floor(share);
    counts[u] = min + whole;
    fraction[u] = share - whole;
    given += whole;
  }
  // Hand out the remainder one rating at a time, largest fractional part first (ties by index).
  const order = Array.from({ length: users }, (_, u) => u).sort(
    (a, b) => fraction[b]! - fraction[a]! || a - b,
  );
  let left = extra - given;
  while (left > 0) {
    for (let i = 0; i < users && left > 0; i++) {
      const u = order[i]!;
      if (counts[u]! < cap) {
        counts[u] = counts[u]! + 1;
        left--;
      }
    }
  }
  return counts;
}
