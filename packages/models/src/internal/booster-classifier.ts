import { isRecoError } from '@reco/core';
import { loadTreeScorer, type TreeScorer } from '@reco/scoring';
import { nativeMatrix } from '../binned-matrix';
import { ModelError } from '../errors';
import type {
  Classifier,
  EvalMetric,
  FeatureImportance,
  FitOptions,
  ImportanceType,
  Labels,
  OnProgress,
  ParamsByKind,
  TrainingReport,
  ValidationReport,
} from '../types';
import { writeFileAtomic } from './files';
import { NativeBooster, NativeDMatrix } from './libxgboost';
import { ATTR, FORMAT_VERSION, type ParsedModel, parseAttribute, parseModel, wrongKind } from './model-file';
import { checkFitInputs, labelsAsFloat32 } from './validate';

export type BoosterKind = 'xgboost' | 'random-forest';
export type ParsedBoosterModel = Extract<ParsedModel, { kind: BoosterKind }>;

/**
 * How `predictProba` computes its numbers, all the same up to float rounding:
 * - `wasm`: `@reco/scoring`'s WebAssembly walk of the trees, the fastest; it covers binary
 *   logistic gbtree models with numeric splits up to depth 12, which is every model this package
 *   trains.
 * - `typescript`: `@reco/scoring`'s plain-TypeScript walk, which serving uses for any other model.
 * - `in-place`: libxgboost reading the caller's Float32Array directly (`XGBoosterPredictFromDense`).
 * - `dmatrix`: libxgboost through a DMatrix copy of the rows.
 * - `auto` (the default): `wasm` when the model allows it, else `in-place`.
 */
export type PredictVia = 'auto' | 'wasm' | 'typescript' | 'in-place' | 'dmatrix';

export interface PredictOptions {
  /** Default `auto`. */
  readonly via?: PredictVia;
}

/** Which path `predictProba` takes by default, and why when it is not the WebAssembly one. */
export type ScoringPath = { readonly via: 'wasm' } | { readonly via: 'in-place'; readonly reason: string };

/** A model `@reco/scoring` cannot read; libxgboost scores it. */
interface Unscorable {
  readonly engine: 'none';
  readonly engineReason: string;
}

/** What a subclass tells the shared training loop. */
export interface BoostingPlan {
  readonly nativeParams: readonly (readonly [string, string])[];
  readonly nRounds: number;
  readonly earlyStoppingRounds: number | null;
  readonly evalMetric: EvalMetric;
  readonly nthread: number;
  /** Bins per feature of the training matrix (the booster's `max_bin`). */
  readonly maxBin: number;
  /** Progress stage name and unit, e.g. `boosting` / `rounds`. */
  readonly stage: string;
  readonly unit: string;
  /** Progress total: rounds, or trees for a forest grown in one round. */
  readonly progressTotal: number;
}

/** Library-private hook the loaders use to hand a booster to a freshly constructed classifier. */
export const adoptBooster = Symbol('adoptBooster');

const DMATRIX_PREDICT =
  '{"type":0,"training":false,"iteration_begin":0,"iteration_end":0,"strict_shape":false}';
// NaN is a valid token for libxgboost's JSON reader (Python sends the same).
const INPLACE_PREDICT =
  '{"type":0,"training":false,"iteration_begin":0,"iteration_end":0,"strict_shape":false,"missing":NaN,"cache_id":0}';

const MAXIMIZED: ReadonlySet<EvalMetric> = new Set(['auc', 'aucpr']);
const TREE_IMPORTANCE: readonly ImportanceType[] = ['gain', 'total_gain', 'weight', 'cover', 'total_cover'];

/**
 * The shared body of the two tree models: a libxgboost booster trained from Float32Arrays, saved
 * as XGBoost's own JSON model with our metadata in its `attributes`.
 */
export abstract class BoosterClassifier<K extends BoosterKind> implements Classifier<K> {
  abstract readonly kind: K;
  readonly params: ParamsByKind[K];
  #booster: NativeBooster | null = null;
  #featureNames: string[] | null = null;
  /** True when the booster itself carries our feature names (XGBoost allows most names). */
  #nativeNames = false;
  #training: TrainingReport | null = null;
  #disposed = false;
  /** `@reco/scoring`'s scorer of the booster's JSON, built on first use; null until then or after the booster changes. */
  #scorer: TreeScorer | Unscorable | null = null;
  /** The same model on `@reco/scoring`'s TypeScript walk (`via: 'typescript'`), built on first use. */
  #typescript: TreeScorer | null = null;

  protected constructor(params: ParamsByKind[K]) {
    this.params = params;
  }

  protected abstract plan(nCols: number): BoostingPlan;

  get isFitted(): boolean {
    return this.#booster !== null;
  }

  get nFeatures(): number | null {
    return this.#featureNames?.length ?? null;
  }

  get featureNames(): readonly string[] | null {
    return this.#featureNames;
  }

  get training(): TrainingReport | null {
    return this.#training;
  }

  fit(X: Float32Array, nRows: number, nCols: number, y: Labels, options: FitOptions = {}): TrainingReport {
    this.#checkAlive();
    const what = `${this.kind}.fit`;
    const names = checkFitInputs(what, X, nRows, nCols, y, options).featureNames;
    const { validation, onProgress } = options;
    const plan = this.plan(nCols);
    const started = performance.now();

    let shared: NativeDMatrix | null = null;
    let dtrain: NativeDMatrix | null = null;
    let dvalid: NativeDMatrix | null = null;
    let booster: NativeBooster | null = null;
    try {
      // Binned once, without libxgboost's float copy: the same trees at a tenth of the memory;
      // a caller fitting several tree models on the same rows bins them once for all.
      shared = options.binned?.[nativeMatrix](what, X, y, plan.maxBin) ?? null;
      dtrain =
        shared ??
        NativeDMatrix.quantileFromDense(X, nRows, nCols, labelsAsFloat32(y), {
          nThread: plan.nthread,
          maxBin: plan.maxBin,
        });
      if (validation) {
        // A float matrix, not a quantile one: libxgboost 1.7 keeps no prediction cache for a
        // quantile evaluation set, so each round re-predicts every tree (measured: 60 rounds on
        // 500k rows, 20.7 s against 14.9 s; 2.4x the whole fit at 20M ratings).
        dvalid = NativeDMatrix.fromDense(validation.X, validation.nRows, nCols, plan.nthread);
        dvalid.setLabels(labelsAsFloat32(validation.y));
      }
      booster = NativeBooster.create(dvalid ? [dtrain, dvalid] : [dtrain]);
      for (const [name, value] of plan.nativeParams) booster.setParam(name, value);
      const report = boost(booster, dtrain, dvalid, plan, onProgress);
      if (report) {
        // Keep only rounds 0..best, so every consumer (Python included) gets the best model.
        const kept = report.bestIteration! + 1;
        if (kept < booster.boostedRounds()) {
          const sliced = booster.slice(0, kept);
          booster.free();
          booster = sliced;
        }
      }

      const training: TrainingReport = {
        kind: this.kind,
        nRows,
        nFeatures: nCols,
        seconds: (performance.now() - started) / 1000,
        iterations: this.kind === 'random-forest' ? plan.progressTotal : booster.boostedRounds(),
        ...(report ? { validation: report } : {}),
      };
      // Only names the caller chose go into the booster: XGBoost (and Python) then insist on them
      // at prediction time, which default f0..fN names would only make awkward.
      const nativeNames = options.featureNames !== undefined && acceptedByXGBoost(names);
      if (nativeNames) booster.setFeatureNames(names);
      this.#writeAttributes(booster, names, training);
      this.#replace(booster, names, training, nativeNames);
      return training;
    } catch (error) {
      booster?.free();
      throw error;
    } finally {
      if (dtrain !== shared) dtrain?.free();
      dvalid?.free();
    }
  }

  predictProba(X: Float32Array, nRows: number, options: PredictOptions = {}): Float32Array {
    const booster = this.#fitted('predictProba');
    const nCols = this.#featureNames!.length;
    if (!(X instanceof Float32Array)) {
      throw new ModelError('invalid-input', `${this.kind}.predictProba: X must be a Float32Array`, {
        field: 'X',
      });
    }
    if (!Number.isInteger(nRows) || nRows < 0 || X.length !== nRows * nCols) {
      throw new ModelError(
        'invalid-input',
        `${this.kind}.predictProba: X has ${X.length} values but the model takes ${nCols} features, so ` +
          `${nRows} rows need ${nRows * nCols} values`,
        { field: 'X' },
      );
    }
    if (nRows === 0) return new Float32Array(0);
    const via = options.via ?? 'auto';
    if (via === 'auto' || via === 'wasm') {
      const scorer = this.#treeScorer();
      if (scorer.engine === 'wasm') return scorer.predictProba(X, nRows);
      if (via === 'wasm') {
        throw new ModelError(
          'invalid-input',
          `${this.kind}.predictProba: via 'wasm' cannot score this model: ${scorer.engineReason}`,
          { field: 'via' },
        );
      }
    }
    if (via === 'typescript') return this.#typescriptScorer().predictProba(X, nRows);
    if (via === 'auto' || via === 'in-place') {
      return booster.predictDense(X, nRows, nCols, INPLACE_PREDICT);
    }
    if (via !== 'dmatrix') {
      throw new ModelError(
        'invalid-input',
        `${this.kind}.predictProba: via '${String(via)}' is not one of auto, wasm, typescript, in-place, dmatrix`,
        { field: 'via' },
      );
    }
    const dmat = NativeDMatrix.fromDense(X, nRows, nCols, this.plan(nCols).nthread);
    try {
      return booster.predictDMatrix(dmat, DMATRIX_PREDICT, nRows);
    } finally {
      dmat.free();
    }
  }

  /** The path `predictProba` takes by default (building the WebAssembly scorer if not yet built). */
  get scoringPath(): ScoringPath {
    this.#fitted('scoringPath');
    const scorer = this.#treeScorer();
    return scorer.engine === 'wasm'
      ? { via: 'wasm' }
      : { via: 'in-place', reason: scorer.engineReason ?? '' };
  }

  /** XGBoost's importance per column (default `gain`); columns never split on score 0. */
  featureImportance(type: ImportanceType = 'gain'): FeatureImportance {
    const booster = this.#fitted('featureImportance');
    if (!TREE_IMPORTANCE.includes(type)) {
      throw new ModelError(
        'invalid-input',
        `${this.kind}.featureImportance: type '${type}' is not one of ${TREE_IMPORTANCE.join(', ')}`,
      );
    }
    const names = this.#featureNames!;
    const column = new Map<string, number>();
    for (let j = 0; j < names.length; j++) column.set(this.#nativeNames ? names[j]! : `f${j}`, j);
    const values = new Float64Array(names.length);
    const scores = booster.featureScore(type);
    scores.names.forEach((name, i) => {
      const j = column.get(name);
      if (j !== undefined) values[j] = scores.scores[i]!;
    });
    return { type, names: [...names], values };
  }

  toBytes(): Uint8Array {
    return this.#fitted('toBytes').saveJson();
  }

  save(path: string): void {
    writeFileAtomic(path, this.toBytes());
  }

  dispose(): void {
    this.#booster?.free();
    this.#booster = null;
    this.#scorer = null;
    this.#typescript = null;
    this.#disposed = true;
  }

  /** Takes ownership of a booster read from `bytes` (see the loaders). */
  [adoptBooster](bytes: Uint8Array, parsed: ParsedBoosterModel, source: string): this {
    this.#checkAlive();
    const booster = NativeBooster.fromBuffer(bytes);
    try {
      const nFeatures = booster.numFeatures();
      let names: string[];
      let training: TrainingReport | null = null;
      if (parsed.hasRecoMetadata) {
        names = parseAttribute<string[]>(parsed.attributes, ATTR.featureNames, source);
        training = parseAttribute<TrainingReport>(parsed.attributes, ATTR.training, source);
      } else {
        names =
          parsed.nativeFeatureNames.length === nFeatures
            ? [...parsed.nativeFeatureNames]
            : Array.from({ length: nFeatures }, (_, j) => `f${j}`);
      }
      if (names.length !== nFeatures) {
        throw new ModelError(
          'invalid-model',
          `${names.length} feature names for a model of ${nFeatures} features`,
          { file: source },
        );
      }
      booster.setParam('nthread', String(this.plan(nFeatures).nthread));
      this.#replace(booster, names, training, parsed.nativeFeatureNames.length > 0);
      return this;
    } catch (error) {
      booster.free();
      throw error;
    }
  }

  #writeAttributes(booster: NativeBooster, names: readonly string[], training: TrainingReport): void {
    booster.setAttribute(ATTR.kind, this.kind);
    booster.setAttribute(ATTR.format, String(FORMAT_VERSION));
    booster.setAttribute(ATTR.params, JSON.stringify(this.params));
    booster.setAttribute(ATTR.featureNames, JSON.stringify(names));
    booster.setAttribute(ATTR.training, JSON.stringify(training));
    const bestIteration = training.validation?.bestIteration;
    if (bestIteration !== undefined) {
      // Python's Booster.load_model reads these two (as its own early stopping writes them).
      booster.setAttribute('best_iteration', String(bestIteration));
      booster.setAttribute('best_score', String(training.validation!.score));
    }
  }

  #replace(
    booster: NativeBooster,
    names: string[],
    training: TrainingReport | null,
    nativeNames: boolean,
  ): void {
    this.#booster?.free();
    this.#booster = booster;
    this.#scorer = null;
    this.#typescript = null;
    this.#featureNames = names;
    this.#training = training;
    this.#nativeNames = nativeNames;
  }

  #treeScorer(): TreeScorer | Unscorable {
    if (this.#scorer === null) {
      try {
        this.#scorer = loadTreeScorer(this.#document());
      } catch (error) {
        // A model @reco/scoring cannot read at all (e.g. trained elsewhere with a regression
        // objective) still scores through libxgboost.
        if (!isRecoError(error)) throw error;
        this.#scorer = { engine: 'none', engineReason: error.message };
      }
    }
    return this.#scorer;
  }

  #typescriptScorer(): TreeScorer {
    const scorer = this.#treeScorer();
    if (scorer.engine === 'none') {
      throw new ModelError(
        'invalid-input',
        `${this.kind}.predictProba: via 'typescript' cannot score this model: ${scorer.engineReason}`,
        { field: 'via' },
      );
    }
    this.#typescript ??= loadTreeScorer(this.#document(), { engine: 'typescript' });
    return this.#typescript;
  }

  /** The booster's XGBoost JSON, parsed: what `@reco/scoring` reads. */
  #document(): Record<string, unknown> {
    return JSON.parse(new TextDecoder().decode(this.toBytes())) as Record<string, unknown>;
  }

  #checkAlive(): void {
    if (this.#disposed) throw new ModelError('disposed', `${this.kind} classifier was disposed`);
  }

  #fitted(method: string): NativeBooster {
    this.#checkAlive();
    if (this.#booster === null) {
      throw new ModelError(
        'not-fitted',
        `${this.kind}.${method}: the model is not fitted; call fit() or load one`,
      );
    }
    return this.#booster;
  }
}

/**
 * The boosting loop: one `XGBoosterUpdateOneIter` per round and, with a validation set, one
 * evaluation, stopping after `earlyStoppingRounds` rounds without improvement. Returns the
 * validation report (null without a validation set).
 */
function boost(
  booster: NativeBooster,
  dtrain: NativeDMatrix,
  dvalid: NativeDMatrix | null,
  plan: BoostingPlan,
  onProgress: OnProgress | undefined,
): ValidationReport | null {
  const history: number[] = [];
  let best = -1;
  const progress = (done: number) =>
    onProgress?.({ stage: plan.stage, done, total: plan.progressTotal, unit: plan.unit });
  progress(0);
  for (let round = 0; round < plan.nRounds; round++) {
    booster.updateOneIteration(round, dtrain);
    // A forest grows all its trees in its one round.
    progress(plan.nRounds === 1 ? plan.progressTotal : round + 1);
    if (!dvalid) continue;
    const score = parseEvalLine(booster.evalOneIteration(round, dvalid, 'validation'));
    history.push(score);
    if (best < 0 || improves(plan.evalMetric, score, history[best]!)) best = round;
    else if (plan.earlyStoppingRounds !== null && round - best >= plan.earlyStoppingRounds) break;
  }
  if (!dvalid) return null;
  return {
    metric: plan.evalMetric,
    score: history[best]!,
    history,
    bestIteration: best,
    stoppedEarly: history.length < plan.nRounds,
  };
}

/** Reads the score from XGBoost's evaluation line, e.g. `[12]\tvalidation-auc:0.8123`. */
export function parseEvalLine(line: string): number {
  const match = /:([^\s:]+)\s*$/.exec(line);
  const value = match ? Number(match[1]) : Number.NaN;
  if (Number.isNaN(value)) {
    throw new ModelError('native', `could not read a score from libxgboost's evaluation output '${line}'`);
  }
  return value;
}

function improves(metric: EvalMetric, score: number, best: number): boolean {
  return MAXIMIZED.has(metric) ? score > best : score < best;
}

/** XGBoost rejects feature names with `[`, `]` or `<` (its dump syntax); ours are kept regardless. */
function acceptedByXGBoost(names: readonly string[]): boolean {
  return names.every((name) => !/[[\]<]/.test(name));
}

/** The parsed metadata of a tree model, plus its params (defaults for a model trained elsewhere). */
export function parseBoosterModel<P>(
  bytes: Uint8Array,
  expected: BoosterKind,
  source: string,
): { parsed: ParsedBoosterModel; params: Partial<P> } {
  const parsed = parseModel(bytes, source);
  if (parsed.kind !== expected) throw wrongKind(parsed.kind, expected, source);
  const booster = parsed as ParsedBoosterModel;
  const params = booster.hasRecoMetadata
    ? parseAttribute<Partial<P>>(booster.attributes, ATTR.params, source)
    : {};
  return { parsed: booster, params };
}
