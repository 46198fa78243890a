import type { ResolvedStudyConfig } from './config';
import type { OnStudyProgress } from './stages';

/** What every stage may read besides its input: the resolved config and the one progress channel. */
export interface StudyContext {
  readonly config: ResolvedStudyConfig;
  /** The dataset folder `config.data` resolved to. */
  readonly dataDir: string;
  /** Absolute path of the bundle (`config.out`). */
  readonly out: string;
  /** `performance.now()` when the study started (the manifest's training seconds). */
  readonly started: number;
  readonly onProgress: OnStudyProgress | undefined;
  /** One line per notable step (fits, decisions). */
  readonly log: (message: string) => void;
  /** Wall and CPU seconds of the stages so far, for the manifest. */
  readonly timings: {
    readonly seconds: Readonly<Record<string, number>>;
    readonly cpuSeconds: Readonly<Record<string, number>>;
  };
}

/** `{ onProgress }` when there is a listener, else `{}`: options objects stay free of undefined keys. */
export function progressOption(context: StudyContext): { onProgress?: OnStudyProgress } {
  return context.onProgress ? { onProgress: context.onProgress } : {};
}

/** Rounds to `digits` decimals (seconds in the manifest and the table). */
export function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
