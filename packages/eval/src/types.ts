/** Binary labels: 1 = positive (liked), 0 = negative. */
export type Labels = Uint8Array;

/** Model scores, usually probabilities of the positive class. */
export type Scores = Float32Array | Float64Array;

/** Real-valued predictions or targets, e.g. star ratings. */
export type Values = Float32Array | Float64Array;
