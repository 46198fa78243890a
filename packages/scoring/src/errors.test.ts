import { isRecoError } from '@reco/core';
import { expect, it } from 'vitest';
import { ScoringError } from './errors';

it('is a RecoError with a stable code and the place at fault', () => {
  const error = new ScoringError('invalid-model', 'bad', { file: 'm.json', field: 'learner' });
  expect(isRecoError(error, 'invalid-model')).toBe(true);
  expect(error).toBeInstanceOf(ScoringError);
  expect(error).toMatchObject({
    name: 'ScoringError',
    code: 'invalid-model',
    file: 'm.json',
    field: 'learner',
  });
});
