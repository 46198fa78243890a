/** Wall and CPU seconds per named stage, in the order the stages ran. */
export interface StageTimer {
  /** Wall-clock seconds. */
  readonly seconds: Record<string, number>;
  /**
   * CPU seconds of this process (user + system, all threads). On a shared machine wall time
   * swings with the neighbours' load; CPU time says what the stage itself cost.
   */
  readonly cpuSeconds: Record<string, number>;
  /** Runs `work` as stage `name` and adds its seconds to the stage. */
  time<T>(name: string, work: () => Promise<T> | T): Promise<T>;
}

export function createStageTimer(): StageTimer {
  const seconds: Record<string, number> = {};
  const cpuSeconds: Record<string, number> = {};
  return {
    seconds,
    cpuSeconds,
    async time(name, work) {
      const started = performance.now();
      const cpu = process.cpuUsage();
      try {
        return await work();
      } finally {
        const used = process.cpuUsage(cpu);
        seconds[name] = (seconds[name] ?? 0) + (performance.now() - started) / 1000;
        cpuSeconds[name] = (cpuSeconds[name] ?? 0) + (used.user + used.system) / 1e6;
      }
    },
  };
}

/** The process's peak resident set size so far, in bytes (the kernel's high-water mark). */
export function peakRssBytes(): number {
  return process.resourceUsage().maxRSS * 1024;
}
