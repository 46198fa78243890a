/**
 * Progress of long work, the same shape in every reco package, so the CLI draws one kind of line.
 * Packages never draw; they call the injected callback.
 */
export interface Progress {
  /** What is running, for people: 'parse ratings', 'features (with CF)'. */
  readonly stage: string;
  readonly done: number;
  readonly total: number;
  /** Unit of done/total, e.g. 'bytes', 'rows' or 'users'. */
  readonly unit?: string;
}

export type OnProgress = (progress: Progress) => void;

/**
 * A callback that reports at most every `every` units (and always the last), so a hot loop can
 * call it per row without flooding the listener.
 */
export function throttleProgress(
  onProgress: OnProgress | undefined,
  stage: string,
  total: number,
  options: { unit?: string; every?: number } = {},
): (done: number) => void {
  if (onProgress === undefined) return () => {};
  const every = Math.max(1, options.every ?? Math.ceil(total / 100));
  let next = 0;
  return (done) => {
    if (done < next && done < total) return;
    next = done + every;
    onProgress({ stage, done, total, ...(options.unit === undefined ? {} : { unit: options.unit }) });
  };
}
