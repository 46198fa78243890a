import { DatasetSummary, ModelReportResponse, REPORT_MISSING_TYPE } from '@reco/client/schemas';
import type { App } from '../app';
import { sendProblem } from '../error-handler';
import { problem } from '../problem';
import { publicSource } from '../public-source';
import { type BundleReports, readBundleReports } from '../reports';
import { NoQuery, problemResponses } from '../schemas';
import type { Served, ServingState } from '../serving-state';

/**
 * The web page's report routes: the EDA summary and the model report `reco train` stored in the
 * bundle. They are read once per loaded model (a reload brings its own), on first request.
 */
export function reportRoutes(app: App, state: ServingState): void {
  const cache = new WeakMap<Served, Promise<BundleReports>>();
  const reports = (): Promise<BundleReports> => {
    const served = state.current;
    let found = cache.get(served);
    if (found === undefined) {
      found = readBundleReports(state.artifactsDir);
      // A failed read is not cached, so the next request tries again.
      found.catch(() => cache.delete(served));
      cache.set(served, found);
    }
    return found;
  };

  app.get(
    '/v1/dataset/summary',
    {
      schema: {
        operationId: 'getDatasetSummary',
        summary: 'The dataset overview and EDA',
        description:
          "Counts, like rate, rating histogram, ratings per user and movie, ratings per month, genres and a sample of interactions, computed by `reco train` on the training data's source. A 404 `report-missing` problem means the bundle predates this report: run `reco train` again.",
        tags: ['reports'],
        querystring: NoQuery,
        response: { 200: DatasetSummary, ...problemResponses(404, 429) },
      },
    },
    async (request, reply) => {
      const { datasetSummary } = await reports();
      if (datasetSummary !== null) return { ...datasetSummary, source: publicSource(datasetSummary.source) };
      return sendProblem(
        reply,
        problem(404, {
          type: REPORT_MISSING_TYPE,
          title: 'Report not in this bundle',
          detail:
            'these artifacts have no reports/dataset-summary.json (trained before it existed); run `reco train` again to add it',
          instance: request.url.split('?')[0] ?? request.url,
          requestId: request.id,
        }),
      );
    },
  );

  app.get(
    '/v1/model/report',
    {
      schema: {
        operationId: 'getModelReport',
        summary: 'The model comparison and its curves',
        description:
          'Validation and test metrics of every model and variant, the ranking table, the CF-feature decision, per-stage seconds and peak memory, and (`curves`, null for bundles trained before it existed) test-split ROC and PR points, calibration bins, the confusion matrix at the chosen threshold and feature importance.',
        tags: ['reports'],
        querystring: NoQuery,
        response: { 200: ModelReportResponse, ...problemResponses(429) },
      },
    },
    async () => (await reports()).modelReport,
  );
}
