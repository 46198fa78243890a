import { isRecoError } from '@reco/core';
import { describe, expect, it } from 'vitest';
import type { ScoringErrorCode } from './errors';
import { encode, treeA, treeB, treeDocument } from './internal/test-models';
import { loadScorerFromBytes } from './load';
import { loadTreeScorer } from './tree-scorer';

/** The error `run` throws, checked to be a ScoringError with `code`. */
function errorOf(run: () => unknown, code: ScoringErrorCode) {
  try {
    run();
  } catch (error) {
    expect(isRecoError(error) && error.code).toBe(code);
    return error as Error & { field?: string; file?: string };
  }
  throw new Error(`expected a '${code}' error`);
}

const logisticDocument = {
  format: 'reco-logistic',
  version: 1,
  kind: 'logistic',
  featureNames: ['a', 'b'],
  intercept: -0.5,
  coefficients: [2, -1],
  means: [0.25, 3],
  stds: [1, 2],
};

describe('loadScorerFromBytes', () => {
  it('reads the kind and feature names of a tree model from its reco attributes', () => {
    const attributes = { reco_kind: 'random-forest', reco_format: '1', reco_feature_names: '["x","y","z"]' };
    const scorer = loadScorerFromBytes(encode(treeDocument([treeA], { attributes })));
    expect(scorer).toMatchObject({ kind: 'random-forest', nFeatures: 3, featureNames: ['x', 'y', 'z'] });
    const plain = loadScorerFromBytes(encode(treeDocument([treeA])));
    expect(plain).toMatchObject({ kind: 'xgboost', featureNames: null });
  });

  it('scores a logistic document: σ(b + Σ β_j x_j), a missing cell taking its mean', () => {
    const scorer = loadScorerFromBytes(encode(logisticDocument));
    expect(scorer).toMatchObject({ kind: 'logistic', nFeatures: 2, featureNames: ['a', 'b'] });
    const p = scorer.predictProba(new Float32Array([1, 2, Number.NaN, 5]), 2);
    expect(p[0]).toBeCloseTo(1 / (1 + Math.exp(-(-0.5 + 2 * 1 - 1 * 2))), 6);
    expect(p[1]).toBeCloseTo(1 / (1 + Math.exp(-(-0.5 + 2 * 0.25 - 1 * 5))), 6);
  });

  it.each([
    ['bytes that are not UTF-8 JSON', new Uint8Array([0xff, 0xfe, 0x7b]), 'invalid-model'],
    ['truncated JSON', encode(treeDocument([treeA])).subarray(0, 40), 'invalid-model'],
    ['JSON that is not a model', encode({ hello: 1 }), 'invalid-model'],
    ['a newer logistic format', encode({ ...logisticDocument, version: 2 }), 'invalid-model'],
    ['a short coefficient list', encode({ ...logisticDocument, coefficients: [1] }), 'invalid-model'],
    [
      'a newer reco format',
      encode(treeDocument([treeA], { attributes: { reco_kind: 'xgboost', reco_format: '2' } })),
      'invalid-model',
    ],
    [
      'an unknown reco kind',
      encode(treeDocument([treeA], { attributes: { reco_kind: 'svm', reco_format: '1' } })),
      'invalid-model',
    ],
    [
      'a regression objective',
      encode(treeDocument([treeA], { objective: 'reg:squarederror' })),
      'unsupported-model',
    ],
    ['a linear booster', encode({ learner: { ...lin() } }), 'unsupported-model'],
    [
      'a feature out of range',
      encode(treeDocument([{ ...treeA, split_indices: [7, 0, 0, 0, 0] }])),
      'invalid-model',
    ],
    [
      'children out of range',
      encode(treeDocument([{ ...treeA, right_children: [9, -1, 4, -1, -1] }])),
      'invalid-model',
    ],
    ['a cycle', encode(treeDocument([{ ...treeA, left_children: [1, -1, 2, -1, -1] }])), 'invalid-model'],
    ['arrays of different lengths', encode(treeDocument([{ ...treeA, default_left: [1] }])), 'invalid-model'],
    ['no trees', encode(treeDocument([])), 'invalid-model'],
    [
      'dart without weights',
      encode(treeDocument([treeA], { booster: 'dart', weightDrop: [] })),
      'invalid-model',
    ],
  ] as const)('refuses %s with a stable code', (_, bytes, code) => {
    const error = errorOf(() => loadScorerFromBytes(bytes, 'models/best.json'), code);
    expect(error.file).toBe('models/best.json');
  });

  it('names the field at fault', () => {
    const bad = encode(treeDocument([treeB, { ...treeA, split_indices: [7, 0, 0, 0, 0] }]));
    expect(errorOf(() => loadScorerFromBytes(bad), 'invalid-model').field).toBe(
      'learner.gradient_booster.model.trees[1].split_indices',
    );
  });
});

describe('predictProba arguments', () => {
  const scorers = [
    loadScorerFromBytes(encode(treeDocument([treeA]))),
    loadScorerFromBytes(encode(logisticDocument)),
  ];
  it.each(scorers.map((s) => [s.kind, s] as const))('%s refuses a wrong shape or type', (_, scorer) => {
    const n = scorer.nFeatures;
    expect(errorOf(() => scorer.predictProba(new Float32Array(n + 1), 1), 'invalid-input').field).toBe('X');
    expect(errorOf(() => scorer.predictProba(Array(n) as never, 1), 'invalid-input').field).toBe('X');
    expect(errorOf(() => scorer.predictProba(new Float32Array(n), -1), 'invalid-input').field).toBe('nRows');
    expect(scorer.predictProba(new Float32Array(0), 0)).toHaveLength(0);
  });

  it('refuses an unknown engine', () => {
    expect(
      errorOf(() => loadTreeScorer(treeDocument([treeA]), { engine: 'gpu' as never }), 'invalid-input').field,
    ).toBe('engine');
  });
});

function lin() {
  return {
    learner_model_param: { base_score: '5E-1', num_class: '0', num_feature: '3' },
    objective: { name: 'binary:logistic' },
    gradient_booster: { name: 'gblinear', model: { weights: [0, 0, 0, 0] } },
  };
}
