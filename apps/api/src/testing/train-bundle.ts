/**
 * `node --conditions=@reco/source --import tsx src/testing/train-bundle.ts <out>`: trains the fast
 * test study into <out>. A separate process, because vitest's global setup cannot resolve the
 * workspace packages to their sources.
 */
import { trainArtifacts } from './train-artifacts';

const out = process.argv[2];
if (out === undefined) {
  process.stderr.write('usage: train-bundle.ts <out>\n');
  process.exit(2);
}
await trainArtifacts(out);
