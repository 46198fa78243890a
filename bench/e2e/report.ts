import type { ComparedStage, ScalingRow } from './compare';
import { SUPERLINEAR } from './compare';
import type { RecoRun } from './reco';

const s = (v: number | null | undefined, digits = 1) => (v == null ? '-' : v.toFixed(digits));
const gib = (bytes: number | null | undefined) =>
  bytes == null ? '-' : `${(bytes / 2 ** 30).toFixed(2)} GiB`;

/** A plain-text table with right-aligned numbers; the first column is left-aligned. */
export function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const fmt = (r: readonly string[]) =>
    r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
  return [fmt(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(fmt)].join('\n');
}

/** reco's stages as the CLI timed them: wall, CPU, and CPU/wall (about 2 = both cores busy). */
export function recoStages(reco: RecoRun): string {
  const rows = Object.entries(reco.stages).map(([name, c]) => [
    name,
    s(c.wall),
    s(c.cpu),
    c.cpu == null || c.wall <= 0 ? '-' : (c.cpu / c.wall).toFixed(2),
  ]);
  rows.push(['total (CLI)', s(reco.totalSeconds), '-', '-']);
  const o = reco.outside;
  rows.push([
    'whole process (outside)',
    s(o.wallSeconds),
    s(o.cpuSeconds),
    o.cpuSeconds == null ? '-' : (o.cpuSeconds / o.wallSeconds).toFixed(2),
  ]);
  return `${table(['reco stage', 'wall s', 'cpu s', 'cores'], rows)}\npeak RSS ${gib(reco.peakRssBytes)} (CLI), ${gib(o.maxRssBytes)} (outside, ${o.method})`;
}

export function comparisonTable(rows: readonly ComparedStage[]): string {
  return table(
    ['comparable work', 'reco s', 'python s', 'python/reco', 'reco cpu', 'python cpu'],
    rows.map((r) => [
      r.name,
      s(r.recoSeconds),
      s(r.pythonSeconds),
      s(r.speedup, 2),
      s(r.recoCpu),
      s(r.pythonCpu),
    ]),
  );
}

export function scalingReport(sizes: readonly number[], rows: readonly ScalingRow[]): string {
  const head = ['stage', ...sizes.map((n) => `${n.toLocaleString('en-US')} s`), 'k'];
  const body = rows.map((r) => [
    r.stage,
    ...r.seconds.map((v) => s(v)),
    r.k === null ? '-' : `${r.k.toFixed(2)}${r.superlinear ? ' !' : ''}`,
  ]);
  const flagged = rows.filter((r) => r.superlinear).map((r) => r.stage);
  const note = flagged.length
    ? `! grows faster than ratings^${SUPERLINEAR}: ${flagged.join(', ')}`
    : `no stage grows faster than ratings^${SUPERLINEAR}`;
  return `${table(head, body)}\nk: least-squares slope of log(wall s) on log(ratings). ${note}`;
}

/** What `markdownTable` needs of one size's result (a subset of E2eResult). */
export interface MarkdownInput {
  readonly ratings: number;
  readonly comparison: readonly ComparedStage[];
  readonly reco: RecoRun;
  readonly pythonPeakRssBytes: number | null;
}

/**
 * The docs table: each comparable line at each size, reco vs Python (wall s / CPU s) and the ratio,
 * then reco's own stages, then peak RSS. `--from-results --markdown` prints it for docs/benchmarks.md.
 */
export function markdownTable(runs: readonly MarkdownInput[]): string {
  const head = [
    'work',
    ...runs.flatMap((r) => [
      `${(r.ratings / 1e6).toFixed(0)}M reco`,
      `${(r.ratings / 1e6).toFixed(0)}M Python`,
      'Python/reco',
    ]),
  ];
  const cell = (wall: number | null, cpu: number | null) => (wall === null ? '-' : `${s(wall)} / ${s(cpu)}`);
  const names = runs[0]?.comparison.map((c) => c.name) ?? [];
  const rows = names.map((name) => [
    name,
    ...runs.flatMap((r) => {
      const c = r.comparison.find((x) => x.name === name);
      return [
        cell(c?.recoSeconds ?? null, c?.recoCpu ?? null),
        cell(c?.pythonSeconds ?? null, c?.pythonCpu ?? null),
        s(c?.speedup, 2),
      ];
    }),
  ]);
  for (const stage of ['cf feature', 'ranking', 'top10', 'write']) {
    rows.push([
      `${stage} (reco only)`,
      ...runs.flatMap((r) => [
        cell(r.reco.stages[stage]?.wall ?? null, r.reco.stages[stage]?.cpu ?? null),
        '-',
        '-',
      ]),
    ]);
  }
  rows.push([
    'peak RSS',
    ...runs.flatMap((r) => [
      gib(r.reco.peakRssBytes),
      gib(r.pythonPeakRssBytes),
      r.pythonPeakRssBytes === null ? '-' : `${(r.pythonPeakRssBytes / r.reco.peakRssBytes).toFixed(2)}x`,
    ]),
  ]);
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map((_, i) => (i === 0 ? '---' : '---:'))), ...rows.map(line)].join('\n');
}
