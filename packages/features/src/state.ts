import type { RatingsStore } from '@reco/data';
import type { MfScorer } from './cf';
import type { ContentEmbeddings } from './content';
import type { MovieGenres } from './genres';
import type { FeatureTables } from './kernel';
import type { Layout } from './layout';
import type { ResolvedFeatureOptions } from './options';
import type { FitReport } from './pipeline';
import type { CountGlobals, SliceGlobals } from './statistics';

/** State kept only by a pipeline fitted in this process: what store rows mean. */
export interface FitState {
  readonly ratings: RatingsStore;
  /** Slice per store row (a fold for training rows), NOT_TRAIN elsewhere. */
  readonly rowSlice: Uint8Array;
  readonly folds: Uint8Array;
}

/** The fitted state behind a `FeaturePipeline` (internal). */
export interface PipelineState {
  readonly options: ResolvedFeatureOptions;
  readonly layout: Layout;
  readonly tables: FeatureTables;
  readonly genres: MovieGenres;
  readonly globals: SliceGlobals;
  readonly countGlobals: CountGlobals;
  readonly nUsers: number;
  readonly movieIds: Int32Array;
  readonly userIds: Int32Array | null;
  readonly content: ContentEmbeddings;
  readonly cf: MfScorer | null;
  readonly fit: FitState | null;
  readonly report: FitReport | null;
}
