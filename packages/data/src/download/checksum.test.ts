import { describe, expect, it } from 'vitest';
import { parseMd5File } from './checksum';

describe('parseMd5File', () => {
  it('reads the BSD form GroupLens publishes and the GNU form', () => {
    const hex = 'cd245b17a1ae2cc31bb14903e1204af3';
    expect(parseMd5File(`MD5 (ml-20m.zip) = ${hex}\n`)).toBe(hex);
    expect(parseMd5File(`${hex.toUpperCase()}  ml-20m.zip\n`)).toBe(hex);
    expect(parseMd5File('<html>not found</html>')).toBeUndefined();
    expect(parseMd5File(`MD5 (x) = ${hex}0`)).toBeUndefined(); // 33 hex digits is not an MD5
  });
});
