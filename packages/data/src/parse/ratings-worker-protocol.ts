import type { RangeOptions, RowProblem } from './ratings-range';

/** What a ratings worker is asked to do (its `workerData`). */
export interface WorkerJob {
  readonly range: Omit<RangeOptions, 'onBytes' | 'into'>;
  /** Where to write: rows `[offset, offset + capacity)` of four shared columns. */
  readonly region: {
    readonly userId: SharedArrayBuffer;
    readonly movie: SharedArrayBuffer;
    readonly rating: SharedArrayBuffer;
    readonly timestamp: SharedArrayBuffer;
    readonly offset: number;
    readonly capacity: number;
  };
}

export type WorkerMessage =
  | { readonly type: 'progress'; readonly done: number }
  | {
      readonly type: 'result';
      readonly rows: number;
      readonly lines: number;
      readonly skipped: number;
      readonly problems: RowProblem[];
      readonly error?: RowProblem;
      /** Present when the rows did not fit the region: all of the range's rows, privately held. */
      readonly columns?: {
        readonly userId: Uint32Array;
        readonly movie: Uint32Array;
        readonly rating: Float32Array;
        readonly timestamp: Uint32Array;
      };
    };
