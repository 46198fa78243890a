import { parseByteSize } from '@reco/core';
import { InvalidArgumentError } from 'commander';

/** Commander parsers that turn bad numbers into a usage error naming the flag's value. */
export function positiveInteger(value: string): number {
  const n = Number(value.replaceAll('_', ''));
  if (!Number.isSafeInteger(n) || n <= 0)
    throw new InvalidArgumentError(`"${value}" is not a positive integer.`);
  return n;
}

export function nonNegativeInteger(value: string): number {
  const n = Number(value.replaceAll('_', ''));
  if (!Number.isSafeInteger(n) || n < 0)
    throw new InvalidArgumentError(`"${value}" is not a whole number >= 0.`);
  return n;
}

export function finiteNumber(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n))
    throw new InvalidArgumentError(`"${value}" is not a number.`);
  return n;
}

/** A size in bytes, with an optional decimal unit: `4G`, `512M`, `4000000000`. */
export function byteSize(value: string): number {
  const bytes = parseByteSize(value);
  if (bytes === null) throw new InvalidArgumentError(`"${value}" is not a size; use bytes or e.g. 512M, 4G.`);
  return bytes;
}
