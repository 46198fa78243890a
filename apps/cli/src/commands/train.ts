import { resolve } from 'node:path';
import { comparisonColumns, toTerminalTable } from '@reco/eval';
import {
  DEFAULT_DATA,
  MODEL_NAMES,
  type ModelName,
  resolveStudyConfig,
  runStudy,
  SPLIT_NAMES,
  type SplitName,
  type StudyConfig,
  type StudyResult,
  studyConfigRecord,
  studyRankingTerminalTable,
  TUNE_MODES,
  type TuneMode,
} from '@reco/study';
import { type Command, Option } from 'commander';
import { CliError } from '../cli-error';
import { loadConfigFile } from '../config-file';
import { resolveDatasetArg } from '../dataset-arg';
import { byteSize, finiteNumber, nonNegativeInteger, positiveInteger } from '../options';
import { createProgressBar, formatDuration } from '../progress';
import { escapeControl, useColor } from '../terminal';

interface TrainFlags {
  config?: string;
  printConfig?: boolean;
  data: string;
  models: string;
  tune: TuneMode;
  split: SplitName;
  likeThreshold?: number;
  trainSample?: number;
  seed: number;
  out: string;
  cf?: boolean;
  json?: boolean;
  quiet?: boolean;
  memoryLimit?: number;
  easeMaxItems?: number;
  rankingUsers?: number;
}

export function registerTrainCommand(program: Command): void {
  program
    .command('train')
    .description(
      'Run the whole study: split, features, baseline and tuned models, thresholds, the comparison table, and the artifact bundle.',
    )
    .option('-c, --config <file>', 'read the settings from a reco.config.json or .yaml (flags override it)')
    .option('--print-config', 'print the resolved settings as a config file (JSON) and exit')
    .option('-d, --data <dir|release>', 'a dataset folder, or a release name in datasets/', 'ml-latest-small')
    .option('--models <list>', `comma-separated models (${MODEL_NAMES.join(', ')})`, MODEL_NAMES.join(','))
    .addOption(new Option('--tune <mode>', 'hyperparameter search').choices(TUNE_MODES).default('both'))
    .addOption(
      new Option(
        '--split <method>',
        'random (stratified 70/15/15), user-time, time, or netflix-probe (a Netflix Prize folder)',
      )
        .choices(SPLIT_NAMES)
        .default('random'),
    )
    .option(
      '--like-threshold <rating>',
      "a rating >= this is a like (default: the dataset's own, 3.5 on half stars, 4 on whole stars)",
      finiteNumber,
    )
    .option(
      '--train-sample <rows>',
      'fit the classifiers on at most this many training rows',
      positiveInteger,
    )
    .option('--seed <n>', 'seed of every random step', nonNegativeInteger, 42)
    .option('-o, --out <dir>', 'artifact folder (replaced atomically)', 'artifacts')
    .option('--cf', 'always add the leakage-free CF feature')
    .option('--no-cf', 'never add it (default: add it when it raises validation AUC)')
    .option(
      '--memory-limit <size>',
      'fail early when the run is estimated to need more (e.g. 4G; default: cgroup limit or physical memory)',
      byteSize,
    )
    .option(
      '--ease-max-items <n>',
      'EASE models the most-rated n movies in the ranking comparison (a dense n x n inverse; default 1000, at most 20000)',
      positiveInteger,
    )
    .option(
      '--ranking-users <n>',
      'users the ranking comparison evaluates (a seeded sample; default 1000)',
      positiveInteger,
    )
    .option('--json', 'print one JSON summary instead of tables')
    .option('--quiet', 'no progress bar and no log lines')
    .action(async (flags: TrainFlags, command: Command) => {
      const config = trainConfig(flags, command);
      if (flags.printConfig) {
        // An absolute `out`, so the printed file means the same folder wherever it is saved.
        const resolved = resolveStudyConfig(config);
        const record = { ...studyConfigRecord(resolved), out: resolve(resolved.out) };
        process.stdout.write(`${JSON.stringify(record, null, 2)}\n`);
        return;
      }
      const quiet = flags.quiet || flags.json;
      // The study fits the feature pipeline without, then (unless --no-cf) with the CF feature.
      const bar = createProgressBar({ quiet, passLabels: FEATURE_PASSES });
      const result = await runStudy(config, {
        onProgress: bar.update,
        log: (message) => {
          if (quiet) return;
          bar.done();
          process.stderr.write(`${escapeControl(message)}\n`);
        },
      }).finally(() => bar.done());
      process.stdout.write(flags.json ? `${JSON.stringify(jsonSummary(result))}\n` : renderStudy(result));
    });
}

const FEATURE_PASSES = { features: ['features (without CF)', 'features (with CF)'] } as const;

/**
 * The study's settings: the `--config` file's, with every flag given on the command line on top
 * (a flag left at its default does not override the file). The dataset is resolved last, so a
 * release name works in the file as on the command line.
 */
export function trainConfig(flags: TrainFlags, command: Command): StudyConfig {
  const given = (flag: keyof TrainFlags) => {
    const source = command.getOptionValueSource(flag);
    return source !== undefined && source !== 'default';
  };
  const fromFile = flags.config === undefined ? {} : loadConfigFile(flags.config);
  if (flags.likeThreshold !== undefined && !(flags.likeThreshold > 0.5 && flags.likeThreshold <= 5)) {
    throw new CliError(
      `--like-threshold ${flags.likeThreshold} is outside the rating scale; use a rating above 0.5 and at most 5`,
    );
  }
  const fromFlags: { -readonly [K in keyof StudyConfig]: StudyConfig[K] } = {};
  if (given('data')) fromFlags.data = flags.data;
  if (given('models')) fromFlags.models = parseModels(flags.models);
  if (given('tune')) fromFlags.tune = flags.tune;
  if (given('split')) fromFlags.split = flags.split;
  if (flags.likeThreshold !== undefined) fromFlags.likeThreshold = flags.likeThreshold;
  if (flags.trainSample !== undefined) fromFlags.trainSample = flags.trainSample;
  if (given('seed')) fromFlags.seed = flags.seed;
  if (given('out')) fromFlags.out = flags.out;
  if (flags.cf !== undefined) fromFlags.cf = flags.cf ? 'on' : 'off';
  if (flags.memoryLimit !== undefined) fromFlags.memoryLimit = flags.memoryLimit;
  if (flags.easeMaxItems !== undefined) fromFlags.easeMaxItems = flags.easeMaxItems;
  if (flags.rankingUsers !== undefined) fromFlags.rankingUsers = flags.rankingUsers;
  const config = { ...fromFile, ...fromFlags };
  return { ...config, data: resolveDatasetArg(config.data ?? DEFAULT_DATA) };
}

/** `--models lr,xgb` as model names; an unknown name is a usage error that lists the known ones. */
export function parseModels(list: string): ModelName[] {
  const names = list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (names.length === 0) throw new CliError(`--models is empty; choose from ${MODEL_NAMES.join(', ')}`);
  for (const name of names) {
    if (!(MODEL_NAMES as readonly string[]).includes(name)) {
      throw new CliError(`unknown model "${name}" in --models; choose from ${MODEL_NAMES.join(', ')}`);
    }
  }
  return names as ModelName[];
}

/** The machine-readable summary `--json` prints. */
export function jsonSummary(result: StudyResult) {
  return {
    out: result.out,
    dataset: result.dataset,
    split: result.split,
    best: result.best,
    comparison: result.comparison,
    cf: result.cf,
    ranking: result.ranking,
    timings: result.timings,
    cpuTimings: result.cpuTimings,
    totalSeconds: result.totalSeconds,
    peakRssBytes: result.peakRssBytes,
  };
}

/** The human report: the comparison table, the chosen model, the CF decision, timings, where the files are. */
export function renderStudy(result: StudyResult): string {
  const color = useColor(process.stdout);
  const bestRow = (split: string) =>
    result.comparison.find(
      (r) => r.model === result.best.model && r.variant === result.best.variant && r.split === split,
    );
  const val = bestRow('val');
  const test = bestRow('test');
  const { cf } = result;
  const lines = [
    toTerminalTable(result.comparison, { columns: comparisonColumns, color }),
    '',
    `best model (by validation ROC AUC): ${result.best.model} ${result.best.variant}, threshold ${result.best.threshold.toFixed(3)}` +
      (val && test ? `; ROC AUC ${val.rocAuc.toFixed(4)} validation, ${test.rocAuc.toFixed(4)} test` : ''),
    cf.measured && cf.validationAuc
      ? `CF feature: validation ROC AUC ${cf.validationAuc.without.toFixed(4)} without, ${cf.validationAuc.with.toFixed(4)} with (${cf.model}); ${cf.used ? 'used' : 'not used'}: ${cf.reason}`
      : `CF feature: ${cf.reason}`,
    ...(result.ranking === null ? [] : ['', studyRankingTerminalTable(result.ranking, { color })]),
    '',
    'stage seconds:',
    ...Object.entries(result.timings).map(
      ([stage, s]) => `  ${stage.padEnd(12)} ${formatDuration(s).padStart(7)}`,
    ),
    `  ${'total'.padEnd(12)} ${formatDuration(result.totalSeconds).padStart(7)}`,
    `peak RSS: ${(result.peakRssBytes / 1024 ** 2).toFixed(0)} MiB`,
    `artifacts: ${escapeControl(result.out)}`,
  ];
  return `${lines.join('\n')}\n`;
}
