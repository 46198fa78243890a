/** Progress of long work; the same shape every @reco package reports, so the CLI draws one bar. */
export interface StudyProgress {
  readonly stage: string;
  readonly done: number;
  readonly total: number;
  readonly unit?: string;
}
export type OnStudyProgress = (progress: StudyProgress) => void;

/** Wall-clock seconds per named stage, in the order the stages ran. */
export interface StageTimer {
  readonly seconds: Record<string, number>;
  /** Runs `work` as stage `name` and adds its wall-clock seconds to the stage. */
  time<T>(name: string, work: () => Promise<T> | T): Promise<T>;
}

export function createStageTimer(): StageTimer {
  const seconds: Record<string, number> = {};
  return {
    seconds,
    async time(name, work) {
      const started = performance.now();
      try {
        return await work();
      } finally {
        seconds[name] = (seconds[name] ?? 0) + (performance.now() - started) / 1000;
      }
    },
  };
}

/** The process's peak resident set size so far, in bytes (the kernel's high-water mark). */
export function peakRssBytes(): number {
  return process.resourceUsage().maxRSS * 1024;
}
