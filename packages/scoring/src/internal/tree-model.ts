/**
 * XGBoost's JSON model (the document `XGBoosterSaveModelToBuffer` writes, and `@reco/models`'
 * `toBytes()`), read into one set of typed arrays for the whole forest. Both engines start here:
 * the TypeScript walk reads these arrays directly, the kernel flattens them (`flat-forest.ts`).
 */
import { ScoringError } from '../errors';
import { isRecord } from './json';
import { readTrees } from './tree-arrays';

/** The link from summed margins to `predictProba`'s output. */
export type TreeLink = 'logistic' | 'identity' | 'softmax';

export interface TreeModel {
  readonly nFeatures: number;
  readonly booster: 'gbtree' | 'dart';
  readonly link: TreeLink;
  /** Margin columns: num_class for multi-class models, else 1. */
  readonly nGroups: number;
  /** The margin every row starts from: base_score through the link's inverse, in f32. */
  readonly baseMargin: number;
  readonly nTrees: number;
  /** Output group (class) of each tree. */
  readonly treeGroup: Int32Array;
  /** Dart's weight per tree (null for gbtree, where every weight is 1). */
  readonly treeWeight: Float32Array | null;
  /** Root node of each tree in the node arrays below. */
  readonly treeRoot: Int32Array;
  /** Levels below the root of the deepest tree. */
  readonly depth: number;
  /** Node arrays of the whole forest. Children are node indices, -1 for a leaf. */
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly feature: Int32Array;
  /** The split threshold, or the leaf value for a leaf. */
  readonly value: Float32Array;
  readonly defaultLeft: Uint8Array;
  /** Per node: the first word of its category bitset in `catBits`, or -1 for a numeric split. */
  readonly catStart: Int32Array;
  /** Per node: words in its category bitset. */
  readonly catWords: Int32Array;
  readonly catBits: Uint32Array;
  readonly hasCategorical: boolean;
}

const LINKS: Readonly<Record<string, TreeLink>> = {
  'binary:logistic': 'logistic',
  'reg:logistic': 'logistic',
  'binary:logitraw': 'identity',
  'multi:softprob': 'softmax',
  'multi:softmax': 'softmax',
};

/** Reads a parsed XGBoost JSON model; `source` names it in errors. */
export function readTreeModel(document: unknown, source: string): TreeModel {
  const learner = isRecord(document) ? document.learner : undefined;
  if (!isRecord(learner)) throw invalid('the document has no learner', source, 'learner');
  const objective = isRecord(learner.objective) ? String(learner.objective.name) : '?';
  const link = LINKS[objective];
  if (link === undefined) {
    throw new ScoringError(
      'unsupported-model',
      `objective '${objective}' is not a classification one (binary:logistic, binary:logitraw, multi:softprob)`,
      { file: source, field: 'learner.objective.name' },
    );
  }
  const params = isRecord(learner.learner_model_param) ? learner.learner_model_param : {};
  const nFeatures = Number(params.num_feature);
  if (!Number.isInteger(nFeatures) || nFeatures < 1) {
    throw invalid('num_feature is missing', source, 'learner.learner_model_param.num_feature');
  }
  const numClass = Number(params.num_class ?? 0);
  const nGroups = link === 'softmax' ? numClass : 1;
  if (!(Number.isInteger(nGroups) && nGroups >= 1) || (link === 'softmax' && nGroups < 2)) {
    throw invalid(`num_class ${String(params.num_class)} does not fit ${objective}`, source, 'num_class');
  }
  const baseMargin = readBaseMargin(params.base_score, link, source);
  const { booster, trees, treeInfo, weights } = readBooster(learner.gradient_booster, source);
  const arrays = readTrees(trees, nFeatures, source);
  const treeGroup = Int32Array.from(trees, (_, t) => Number(treeInfo?.[t] ?? 0));
  if (treeGroup.some((group) => !(group >= 0 && group < nGroups))) {
    throw invalid(`tree_info names a class outside 0..${nGroups - 1}`, source, 'tree_info');
  }
  return { ...arrays, nFeatures, booster, link, nGroups, baseMargin, treeGroup, treeWeight: weights };
}

/** XGBoost keeps base_score as a probability for the logistic link, in f32: -log(1 / p - 1). */
function readBaseMargin(raw: unknown, link: TreeLink, source: string): number {
  // XGBoost 2 writes it as '[5E-1]'.
  const baseScore = Number(String(raw).replace(/^\[(.*)\]$/, '$1'));
  const field = 'learner.learner_model_param.base_score';
  if (link === 'logistic') {
    if (!(baseScore > 0 && baseScore < 1)) throw invalid('base_score is not in (0, 1)', source, field);
    // `+ 0` turns -0 into 0.
    return Math.fround(-Math.log(Math.fround(Math.fround(1 / baseScore) - 1))) + 0;
  }
  if (!Number.isFinite(baseScore)) throw invalid('base_score is not a number', source, field);
  return Math.fround(baseScore) + 0;
}

interface BoosterParts {
  readonly booster: 'gbtree' | 'dart';
  readonly trees: readonly unknown[];
  readonly treeInfo: readonly unknown[] | null;
  readonly weights: Float32Array | null;
}

/** gbtree keeps its trees at `model.trees`; dart wraps a gbtree and adds `weight_drop`. */
function readBooster(raw: unknown, source: string): BoosterParts {
  const field = 'learner.gradient_booster';
  if (!isRecord(raw)) throw invalid('the learner has no gradient_booster', source, field);
  const name = String(raw.name);
  if (name !== 'gbtree' && name !== 'dart') {
    throw new ScoringError('unsupported-model', `booster '${name}' is not a tree booster`, {
      file: source,
      field: `${field}.name`,
    });
  }
  const gbtree = name === 'dart' ? raw.gbtree : raw;
  const model = isRecord(gbtree) ? gbtree.model : undefined;
  const trees = isRecord(model) ? model.trees : undefined;
  if (!isRecord(model) || !Array.isArray(trees) || trees.length === 0) {
    throw invalid('the model has no trees', source, `${field}.model.trees`);
  }
  const treeInfo = Array.isArray(model.tree_info) ? model.tree_info : null;
  if (name === 'gbtree') return { booster: name, trees, treeInfo, weights: null };
  const drop = raw.weight_drop;
  if (!Array.isArray(drop) || drop.length !== trees.length || !drop.every((w) => typeof w === 'number')) {
    throw invalid(`dart needs one weight_drop per tree (${trees.length})`, source, `${field}.weight_drop`);
  }
  return { booster: name, trees, treeInfo, weights: Float32Array.from(drop as number[]) };
}

export function invalid(message: string, source: string, field: string): ScoringError {
  return new ScoringError('invalid-model', message, { file: source, field });
}
