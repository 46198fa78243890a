import { ServingError } from '@reco/serving';
import { describe, expect, it } from 'vitest';
import { CliError, describeError } from './cli-error';
import { toCliError } from './library-errors';

describe('toCliError', () => {
  it('makes an option the model rejects a usage error (exit 2)', () => {
    const mapped = toCliError(new ServingError('invalid-input', "recommend: unknown genre 'Dramaa'"));
    expect(mapped).toBeInstanceOf(CliError);
    expect(mapped).toMatchObject({ code: 'usage', exitCode: 2 });
    const genre = toCliError(new ServingError('unknown-genre', "recommend: unknown genre 'Dramaa'"));
    expect(genre).toMatchObject({ code: 'usage', exitCode: 2 });
  });

  it('points an unknown user to --rate, keeping the facts and dropping the library advice', () => {
    const mapped = toCliError(
      new ServingError(
        'unknown-user',
        'recommend: unknown user 9; the model knows 3 users (ids 1 to 3). For someone new, use recommendForRatings with a few of their ratings',
      ),
    ) as CliError;
    expect(mapped).toMatchObject({ code: 'runtime', exitCode: 1 });
    expect(mapped.message).toContain('ids 1 to 3');
    expect(mapped.message).toContain('--rate 1=5,260=4.5');
    expect(mapped.message).not.toContain('recommendForRatings');
  });

  it('passes other errors through', () => {
    const other = new ServingError('bad-artifacts', 'corrupt');
    expect(toCliError(other)).toBe(other);
  });
});

describe('describeError', () => {
  it('turns a raw file-system error into a readable line with exit 1', () => {
    const raw = Object.assign(new Error("ENOTDIR: not a directory, open '/x/manifest.json'"), {
      code: 'ENOTDIR',
      path: '/x/manifest.json',
    });
    expect(describeError(raw)).toEqual({
      message: '/x/manifest.json is a file where a folder is expected',
      known: true,
      exitCode: 1,
    });
  });

  it('reports a bug with its stack and exit 70', () => {
    expect(describeError(new TypeError('boom'))).toMatchObject({ known: false, exitCode: 70 });
  });
});
