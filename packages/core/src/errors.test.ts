import { describe, expect, expectTypeOf, it } from 'vitest';
import { isRecoError, RecoError } from './errors';

describe('RecoError', () => {
  it('puts the file and line in front of the message and keeps every field', () => {
    const error = new RecoError('bad-rating', 'rating "abc" is not a number', {
      file: 'ratings.csv',
      line: 12,
      field: 'rating',
    });
    expect(error.message).toBe('ratings.csv:12: rating "abc" is not a number');
    expect(error).toMatchObject({ code: 'bad-rating', file: 'ratings.csv', line: 12, field: 'rating' });
    expect(new RecoError('x', 'm', { file: 'dir' }).message).toBe('dir: m');
    expect(new RecoError('x', 'm').message).toBe('m');
  });

  it('keeps the cause', () => {
    const cause = new Error('inner');
    expect(new RecoError('io', 'outer', { cause }).cause).toBe(cause);
  });

  it('is recognised by code, and subclasses narrow the code type', () => {
    class DemoError extends RecoError<'one' | 'two'> {
      override name = 'DemoError';
    }
    const error: unknown = new DemoError('two', 'second');
    expect(isRecoError(error)).toBe(true);
    expect(isRecoError(error, 'two')).toBe(true);
    expect(isRecoError(error, 'one')).toBe(false);
    expect(isRecoError(new Error('plain'))).toBe(false);
    expectTypeOf(new DemoError('one', 'm').code).toEqualTypeOf<'one' | 'two'>();
  });
});
