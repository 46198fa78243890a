import { ModelInfo } from '@reco/client/schemas';
import type { App } from '../app';
import { publicSource } from '../public-source';
import { NoQuery, problemResponses } from '../schemas';
import type { Served, ServingState } from '../serving-state';

export { ServingInfo } from '@reco/client/schemas';

export function servingInfo(served: Served) {
  const stats = (cache: Served['cache'][keyof Served['cache']]) => ({ entries: cache.size, ...cache.stats });
  return {
    generation: served.generation,
    loadedAt: served.loadedAt.toISOString(),
    cache: { recommendations: stats(served.cache.recommendations), similar: stats(served.cache.similar) },
  };
}

export function modelRoutes(app: App, state: ServingState): void {
  app.get(
    '/v1/model',
    {
      schema: {
        operationId: 'getModel',
        summary: 'The model being served',
        description:
          'Which model and variant, its test-split metrics from the comparison table, the dataset and training time.',
        tags: ['model'],
        querystring: NoQuery,
        response: {
          200: ModelInfo,
          ...problemResponses(429),
        },
      },
    },
    () => {
      const served = state.current;
      const { model, variant, threshold, testMetrics, dataset, trainedAt, trainingSeconds } =
        served.recommender.info;
      return {
        model,
        variant,
        threshold,
        testMetrics,
        dataset: {
          source: publicSource(dataset.source),
          release: dataset.release,
          fingerprint: dataset.fingerprint,
        },
        trainedAt,
        trainingSeconds,
        strategies: [...served.recommender.serving.strategies],
        defaultStrategy: served.recommender.serving.strategy,
        serving: servingInfo(served),
      };
    },
  );
}
