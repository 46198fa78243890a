/**
 * A long synchronous job written as a generator that `yield`s between its phases, so one body
 * serves two callers: batch code runs it at once, a server runs one phase per event-loop turn and
 * keeps answering requests while it loads a bundle.
 */
export type Phases<T> = Generator<void, T, void>;

/** Runs every phase now. */
export function runAtOnce<T>(phases: Phases<T>): T {
  for (;;) {
    const step = phases.next();
    if (step.done) return step.value;
  }
}

/**
 * Runs one phase per turn of the event loop. `setImmediate` fires after the poll phase, so the
 * requests that arrived during a phase are answered before the next one starts.
 */
export async function runInSlices<T>(phases: Phases<T>): Promise<T> {
  for (;;) {
    const step = phases.next();
    if (step.done) return step.value;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
