import { mkdirSync, mkdtempSync, readdirSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { outOf, removeChildTemps, shouldSupervise } from './train-supervisor';

describe('train supervisor', () => {
  it('supervises train only, and not inside the child', () => {
    expect(shouldSupervise(['train', '--data', 'x'], {})).toBe(true);
    expect(shouldSupervise(['train'], { RECO_TRAIN_CHILD: '1' })).toBe(false);
    expect(shouldSupervise(['recommend'], {})).toBe(false);
    expect(shouldSupervise(['train', '--help'], {})).toBe(false);
  });

  it('reads --out, -o and --out=', () => {
    expect(outOf(['train', '--out', '/a/b'])).toBe('/a/b');
    expect(outOf(['train', '-o', '/c'])).toBe('/c');
    expect(outOf(['train', '--out=/d'])).toBe('/d');
  });

  it('removes only the entries the child created, never the published bundle', () => {
    const dir = mkdtempSync(join(tmpdir(), 'reco-sup-'));
    const out = join(dir, 'art');
    mkdirSync(join(dir, '.art.v-old'));
    symlinkSync('.art.v-old', out);
    mkdirSync(join(dir, '.art.v-earlier'));
    const before = new Set(['.art.v-old', '.art.v-earlier']);
    mkdirSync(join(dir, '.art.tmp-abc'));
    mkdirSync(join(dir, '.art.v-new'));
    mkdirSync(join(dir, '.other.tmp-x'));
    expect(removeChildTemps(out, before).sort()).toEqual(['.art.tmp-abc', '.art.v-new']);
    expect(readdirSync(dir).sort()).toEqual(['.art.v-earlier', '.art.v-old', '.other.tmp-x', 'art']);
  });
});
