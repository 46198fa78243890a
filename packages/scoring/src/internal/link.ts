const fround = Math.fround;
/** Upper clamp of the exponent, as in XGBoost's own sigmoid. */
const MAX_EXPONENT = fround(88.7);

/** XGBoost's `common::Sigmoid` step by step in f32, so probabilities match libxgboost's bit for bit in practice. */
export function sigmoidF32(margin: number): number {
  const denominator = fround(fround(Math.exp(Math.min(-margin, MAX_EXPONENT))) + 1);
  return fround(1 / denominator);
}

/** Softmax probability of class `k` from `nClass` margins at `margins[at..]`, in f32 as XGBoost does. */
export function softmaxF32(margins: Float32Array, at: number, nClass: number, k: number): number {
  let max = margins[at]!;
  for (let c = 1; c < nClass; c++) max = Math.max(max, margins[at + c]!);
  let sum = 0;
  for (let c = 0; c < nClass; c++) sum = fround(sum + fround(Math.exp(fround(margins[at + c]! - max))));
  return fround(fround(Math.exp(fround(margins[at + k]! - max))) / sum);
}
