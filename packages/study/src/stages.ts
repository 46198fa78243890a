import type { OnProgress, Progress } from '@reco/core';

/** Progress of long work: `@reco/core`'s one shape, so the CLI draws one bar for every package. */
export type StudyProgress = Progress;
export type OnStudyProgress = OnProgress;
