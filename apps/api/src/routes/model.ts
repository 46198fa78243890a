import { Type } from 'typebox';
import type { App } from '../app';
import { NoQuery, problemResponses } from '../schemas';
import type { Served, ServingState } from '../serving-state';

const CacheStats = Type.Object({
  entries: Type.Integer(),
  hits: Type.Integer(),
  misses: Type.Integer(),
});

export const ServingInfo = Type.Object({
  generation: Type.Integer({ description: '1 for the model loaded at start, +1 per reload.' }),
  loadedAt: Type.String({ format: 'date-time' }),
  cache: Type.Object({ recommendations: CacheStats, similar: CacheStats }),
});

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
        summary: 'The model being served',
        description:
          'Which model and variant, its test-split metrics from the comparison table, the dataset and training time.',
        tags: ['model'],
        querystring: NoQuery,
        response: {
          200: Type.Object({
            model: Type.String(),
            variant: Type.String(),
            threshold: Type.Number({ description: 'Decision threshold on the like probability.' }),
            testMetrics: Type.Record(Type.String(), Type.Number()),
            dataset: Type.Object({
              source: Type.String(),
              release: Type.Union([Type.String(), Type.Null()]),
              fingerprint: Type.String(),
            }),
            trainedAt: Type.String(),
            trainingSeconds: Type.Number(),
            serving: ServingInfo,
          }),
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
        dataset: { source: dataset.source, release: dataset.release, fingerprint: dataset.fingerprint },
        trainedAt,
        trainingSeconds,
        serving: servingInfo(served),
      };
    },
  );
}
