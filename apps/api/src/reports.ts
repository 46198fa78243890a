import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BUNDLE_PATHS, REPORT_PATHS } from '@reco/bundle';
import type { DatasetSummaryBody, ModelReportBody } from '@reco/client';

/** What the report routes serve, read once per loaded bundle. Null parts: the bundle predates them. */
export interface BundleReports {
  readonly datasetSummary: DatasetSummaryBody | null;
  readonly modelReport: ModelReportBody;
}

interface ManifestView {
  readonly files: Readonly<Record<string, { readonly sha256: string }>>;
  readonly bestModel?: ModelReportBody['chosen'];
  readonly timings?: Readonly<Record<string, number>>;
  readonly peakRssBytes?: number;
}

/**
 * Reads the report and metrics files of the bundle at `dir`. Each file is checked against the
 * manifest's sha256 as it is read (the bundle was verified at load; this catches a bundle
 * replaced since). A file the manifest does not list is null: an older bundle.
 */
export async function readBundleReports(dir: string): Promise<BundleReports> {
  const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as ManifestView;
  const json = async <T>(path: string): Promise<T | null> => {
    const entry = manifest.files[path];
    if (entry === undefined) return null;
    const bytes = await readFile(join(dir, ...path.split('/')));
    if (createHash('sha256').update(bytes).digest('hex') !== entry.sha256) {
      throw new Error(`artifacts at ${dir}: ${path} fails its SHA-256 check (modified or corrupt)`);
    }
    return JSON.parse(bytes.toString('utf8')) as T;
  };
  type Curves = NonNullable<ModelReportBody['curves']> & {
    chosen: ModelReportBody['chosen'];
    stages: ModelReportBody['stages'];
    peakRssBytes: number;
  };
  type RankingRows = NonNullable<ModelReportBody['ranking']>['results'];
  type StoredRanking = Omit<NonNullable<ModelReportBody['ranking']>, 'served'> & {
    random?: RankingRows;
    served?: { strategy: string; reason: string };
  };
  const [datasetSummary, comparison, ranking, cf, curves] = await Promise.all([
    json<DatasetSummaryBody>(REPORT_PATHS.datasetSummary),
    json<ModelReportBody['comparison']>(BUNDLE_PATHS.comparisonJson),
    json<StoredRanking>(BUNDLE_PATHS.rankingJson),
    json<ModelReportBody['cf']>(BUNDLE_PATHS.cfComparison),
    json<Curves>(REPORT_PATHS.modelReport),
  ]);
  const stages = Object.entries(manifest.timings ?? {}).map(([stage, seconds]) => ({ stage, seconds }));
  return {
    datasetSummary,
    modelReport: {
      chosen: manifest.bestModel ?? curves?.chosen ?? { model: '', variant: '', threshold: 0.5 },
      comparison: comparison ?? [],
      ranking:
        ranking === null
          ? null
          : {
              k: ranking.k,
              users: ranking.users,
              hybridWeight: ranking.hybridWeight ?? null,
              // Temporal rows, then the random holdout's (bundles before it have only the first).
              results: [...ranking.results, ...(ranking.random ?? [])],
              served:
                ranking.served === undefined
                  ? null
                  : { strategy: ranking.served.strategy, reason: ranking.served.reason },
            },
      cf,
      stages: curves?.stages ?? stages,
      peakRssBytes: manifest.peakRssBytes ?? curves?.peakRssBytes ?? null,
      curves:
        curves === null ? null : { split: curves.split, confusion: curves.confusion, models: curves.models },
    },
  };
}
