import type { ManifestBody } from './manifest';
import { writeBundle } from './write-bundle';

/** The smallest manifest body the schema accepts, for tests. */
export function sampleBody(note: string): ManifestBody {
  return {
    createdAt: '2026-01-01T00:00:00.000Z',
    writtenBy: '@reco/bundle tests',
    bestModel: { model: 'xgb', variant: 'baseline', threshold: 0.42 },
    models: [{ model: 'xgb', variant: 'baseline', kind: 'xgboost', path: 'models/xgb-baseline.json' }],
    info: {},
    note,
  };
}

export async function writeSample(dir: string, note = 'first') {
  return writeBundle({
    dir,
    build: async (writer) => {
      await writer.write('models/xgb-baseline.json', '{"learner":{}}');
      await writer.write('data/ratings.bin', new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]));
      await writer.write('metrics/comparison.csv', `model,rocAuc\nxgb,0.8\n${note}\n`);
      return sampleBody(note);
    },
  });
}
