import { type ManifestBody, modelPath } from '@reco/bundle';
import { peakRssBytes } from '@reco/core';
import type { RecommenderParts } from '@reco/serving';
import { studyConfigRecord } from '../config-file';
import { round, type StudyContext } from '../context';
import { packageVersions, writtenBy } from '../provenance';
import { splitSummary } from './split';
import type { WriteInput } from './write';

/** The study's part of `manifest.json`: provenance, config, timings, the best model, every model. */
export function manifestBody(input: WriteInput, context: StudyContext): ManifestBody {
  const { best } = input.evaluate;
  const { ranking, served } = input.ranking;
  const { createdAt, info } = input['serving-cf'];
  return {
    createdAt,
    writtenBy: writtenBy(),
    dataset: input.load.summary,
    // The threshold the run used: the load stage has settled the dataset's own by now.
    config: {
      ...studyConfigRecord(context.config),
      likeThreshold: context.config.likeThreshold,
      data: context.dataDir,
      out: context.out,
    },
    seed: context.config.seed,
    split: splitSummary(input.split),
    packageVersions: packageVersions(),
    timings: { ...context.timings.seconds },
    cpuTimings: { ...context.timings.cpuSeconds },
    peakRssBytes: peakRssBytes(),
    bestModel: best,
    info,
    models: input.train.trained.map((t) => ({
      model: t.model,
      variant: t.variant,
      kind: t.classifier.kind,
      path: modelPath(t.model, t.variant),
      params: t.classifier.params,
      fitSeconds: round(t.fitSeconds, 3),
      search: t.search,
    })),
    cf: input['cf-feature'].comparison,
    ranking:
      ranking === null
        ? null
        : { k: ranking.k, users: ranking.users, best: ranking.best, served: ranking.served },
    serving: servingEntry(served),
  };
}

/** `manifest.serving`: what `readRecommenderParts` restores (weight, default strategy, retrievers). */
function servingEntry(served: RecommenderParts): NonNullable<ManifestBody['serving']> {
  return {
    ...(served.hybridWeight === undefined ? {} : { hybridWeight: served.hybridWeight }),
    ...(served.defaultStrategy === undefined ? {} : { strategy: served.defaultStrategy }),
    ...(served.retrievers === undefined ? {} : { retrievers: served.retrievers.map((r) => r.kind) }),
  };
}
