import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRecommender } from './load';

describe('loadRecommender', () => {
  it("rejects a folder without a bundle with 'bad-artifacts', naming the manifest", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'reco-load-'));
    await expect(loadRecommender(dir)).rejects.toMatchObject({
      code: 'bad-artifacts',
      message: expect.stringMatching(/manifest\.json/),
    });
  });

  it('rejects a manifest of another format', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'reco-load-'));
    writeFileSync(
      join(dir, 'manifest.json'),
      JSON.stringify({ format: 'something-else', version: 1, files: {} }),
    );
    await expect(loadRecommender(dir)).rejects.toMatchObject({ code: 'bad-artifacts' });
  });
});
