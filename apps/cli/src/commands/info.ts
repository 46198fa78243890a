import { type DatasetSummary, describeDataset, loadMovieLens } from '@reco/data';
import type { Command } from 'commander';
import { resolveDatasetArg } from '../dataset-arg';
import { createProgressBar } from '../progress';
import { escapeControl } from '../terminal';

interface InfoFlags {
  json?: boolean;
  quiet?: boolean;
  cache?: boolean;
}

export function registerInfoCommand(program: Command): void {
  program
    .command('info')
    .description(
      'Describe a dataset: users, movies, ratings, rating histogram, dates, sparsity, tags, genome.',
    )
    .argument(
      '<dataset>',
      'a dataset folder, or a release name such as ml-latest-small (looked up in datasets/)',
    )
    .option('--json', 'print one JSON object (keys include users, movies, ratings, meanRating)')
    .option('--no-cache', 'do not read or write the Arrow cache')
    .option('--quiet', 'no progress bar')
    .action(async (datasetArg: string, flags: InfoFlags) => {
      const dir = resolveDatasetArg(datasetArg);
      const bar = createProgressBar({ quiet: flags.quiet || flags.json });
      const dataset = await loadMovieLens(dir, { cache: flags.cache !== false, onProgress: bar.update });
      bar.done();
      const summary = describeDataset(dataset);
      const { report } = dataset;
      if (flags.json) {
        const load = {
          seconds: report.seconds,
          fromCache: report.fromCache,
          skippedRows: report.skippedRows,
          duplicateRatings: report.duplicateRatings,
        };
        process.stdout.write(`${JSON.stringify({ ...summary, load })}\n`);
        return;
      }
      process.stdout.write(renderSummary(summary));
      const notes = [
        report.skippedRows > 0 ? `${report.skippedRows} invalid rows skipped` : '',
        report.duplicateRatings > 0 ? `${report.duplicateRatings} duplicate ratings resolved` : '',
      ].filter(Boolean);
      const origin = report.fromCache ? 'from cache' : 'parsed';
      process.stdout.write(
        `\nloaded in ${report.seconds.toFixed(2)} s (${origin})${notes.length ? `; ${notes.join('; ')}` : ''}\n`,
      );
    });
}

const int = (n: number) => n.toLocaleString('en-US');

/** The human-readable overview. Pure, so the layout is testable. */
export function renderSummary(s: DatasetSummary): string {
  const lines = [
    `${escapeControl(s.source)}  (${s.layout} layout)`,
    '',
    `  users         ${int(s.users)}`,
    `  movies        ${int(s.movies)}  (${int(s.ratedMovies)} rated)`,
    `  ratings       ${int(s.ratings)}`,
    `  mean rating   ${s.meanRating === null ? '-' : s.meanRating.toFixed(3)}`,
    `  date range    ${s.dateRange ? `${s.dateRange.from.slice(0, 10)} to ${s.dateRange.to.slice(0, 10)}` : '-'}`,
    `  sparsity      ${(s.sparsity * 100).toFixed(2)}% of user x movie cells empty`,
    `  tags          ${s.tags === null ? 'none' : `${int(s.tags)} (${int(s.distinctTags ?? 0)} distinct)`}`,
    `  genome        ${s.genome === null ? 'none' : `${int(s.genome.movies)} movies x ${int(s.genome.tags)} tags`}`,
    '',
    '  rating histogram',
  ];
  const max = Math.max(1, ...s.histogram.map((h) => h.count));
  for (const { rating, count } of s.histogram) {
    const bar = '#'.repeat(Math.round((count / max) * 40));
    const share = s.ratings > 0 ? ((count / s.ratings) * 100).toFixed(1) : '0.0';
    lines.push(
      `  ${rating.toFixed(1).padStart(5)}  ${bar.padEnd(40)}  ${int(count).padStart(11)}  ${share.padStart(5)}%`,
    );
  }
  return `${lines.join('\n')}\n`;
}
