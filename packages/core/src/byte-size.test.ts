import { describe, expect, it } from 'vitest';
import { BYTE_SIZE_PATTERN, parseByteSize } from './byte-size';

describe('parseByteSize', () => {
  it('reads decimal units, case-insensitively, with an optional B', () => {
    expect(parseByteSize('4G')).toBe(4e9);
    expect(parseByteSize('512m')).toBe(512e6);
    expect(parseByteSize(' 1.5 GB ')).toBe(1.5e9);
    expect(parseByteSize('2kb')).toBe(2000);
    expect(parseByteSize('4000000000')).toBe(4e9);
  });

  it('refuses what is not a positive size', () => {
    for (const bad of ['', 'G', '4X', '-1G', '0', '1e9', '4 G B', 'lots']) {
      expect(parseByteSize(bad), bad).toBeNull();
    }
  });

  it('has a pattern that accepts exactly the forms it parses', () => {
    const pattern = new RegExp(BYTE_SIZE_PATTERN);
    for (const text of ['4G', '512m', ' 1.5 GB ', '2kb', '7']) expect(pattern.test(text), text).toBe(true);
    for (const text of ['G', '4X', '-1G', '1e9']) expect(pattern.test(text), text).toBe(false);
  });
});
