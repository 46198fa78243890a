/** Test support: the ModelError a call throws, checked by code (never by message text). */
import { expect } from 'vitest';
import { ModelError, type ModelErrorCode } from '../errors';

export function modelError(run: () => unknown, code: ModelErrorCode): ModelError {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught, `expected a ModelError '${code}'`).toBeInstanceOf(ModelError);
  expect((caught as ModelError).code).toBe(code);
  return caught as ModelError;
}
