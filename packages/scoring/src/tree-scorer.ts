import { ScoringError } from './errors';
import { flattenForest, flatUnsupportedReason } from './internal/flat-forest';
import { parseJsonBytes } from './internal/json';
import { kernelModule } from './internal/kernel-module';
import { sigmoidF32, softmaxF32 } from './internal/link';
import { readRecoMetadata } from './internal/metadata';
import { checkRows } from './internal/rows';
import { readTreeModel, type TreeModel } from './internal/tree-model';
import { walkMargins } from './internal/tree-walk';
import { WasmForest } from './internal/wasm-forest';
import type { TreeEngine, TreeScorer, TreeScorerOptions } from './types';

/**
 * A scorer for an XGBoost JSON model (`bytes`, or the document already parsed). With `engine:
 * 'auto'` it takes the WebAssembly kernel when the kernel takes the model (binary gbtree, numeric
 * splits, depth <= 12) and the TypeScript walk otherwise; `engineReason` says why.
 */
export function loadTreeScorer(
  input: Uint8Array | Record<string, unknown>,
  options: TreeScorerOptions = {},
  source = 'model bytes',
): TreeScorer {
  const document = input instanceof Uint8Array ? parseJsonBytes(input, source) : input;
  const engine = options.engine ?? 'auto';
  if (engine !== 'auto' && engine !== 'wasm' && engine !== 'typescript') {
    throw new ScoringError(
      'invalid-input',
      `engine '${String(engine)}' is not one of auto, wasm, typescript`,
      {
        field: 'engine',
      },
    );
  }
  const { kind, featureNames } = readRecoMetadata(document, source);
  const model = readTreeModel(document, source);
  if (featureNames !== null && featureNames.length !== model.nFeatures) {
    throw new ScoringError(
      'invalid-model',
      `${featureNames.length} feature names for a model of ${model.nFeatures} features`,
      { file: source, field: 'learner.attributes.reco_feature_names' },
    );
  }
  let reason = engine === 'typescript' ? 'the TypeScript walk was asked for' : flatUnsupportedReason(model);
  if (reason === null) reason = kernelMissingReason();
  if (reason !== null && engine === 'wasm') {
    throw new ScoringError(
      'kernel-unavailable',
      `the WebAssembly kernel cannot score this model: ${reason}`,
      {
        file: source,
      },
    );
  }
  const wasm = reason === null ? new WasmForest(flattenForest(model)) : null;
  return new TreeModelScorer(kind, featureNames, model, wasm, reason);
}

function kernelMissingReason(): string | null {
  try {
    kernelModule();
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

class TreeModelScorer implements TreeScorer {
  readonly kind: 'xgboost' | 'random-forest';
  readonly nFeatures: number;
  readonly featureNames: readonly string[] | null;
  readonly engine: TreeEngine;
  readonly engineReason: string | null;
  readonly #model: TreeModel;
  readonly #wasm: WasmForest | null;

  constructor(
    kind: 'xgboost' | 'random-forest',
    featureNames: readonly string[] | null,
    model: TreeModel,
    wasm: WasmForest | null,
    reason: string | null,
  ) {
    this.kind = kind;
    this.nFeatures = model.nFeatures;
    this.featureNames = featureNames;
    this.engine = wasm === null ? 'typescript' : 'wasm';
    this.engineReason = reason;
    this.#model = model;
    this.#wasm = wasm;
  }

  predictProba(X: Float32Array, nRows: number): Float32Array {
    checkRows(`${this.kind}.predictProba`, X, nRows, this.nFeatures);
    if (nRows === 0) return new Float32Array(0);
    if (this.#wasm !== null) return this.#wasm.predict(X, nRows);
    const model = this.#model;
    const margins = walkMargins(model, X, nRows);
    if (model.link === 'identity') return margins;
    const out = new Float32Array(nRows);
    if (model.link === 'logistic') {
      for (let i = 0; i < nRows; i++) out[i] = sigmoidF32(margins[i]!);
    } else {
      for (let i = 0; i < nRows; i++) out[i] = softmaxF32(margins, i * model.nGroups, model.nGroups, 1);
    }
    return out;
  }
}
