import type { WriteStream } from 'node:tty';

/** What packages report through their `onProgress` callbacks. */
export interface ProgressEvent {
  readonly stage: string;
  readonly done: number;
  readonly total: number;
  readonly unit?: string;
}

export interface ProgressBar {
  update(event: ProgressEvent): void;
  /** Ends the current line, if one is drawn. */
  done(): void;
}

const BAR_WIDTH = 24;
const MIN_REDRAW_MS = 80;

/**
 * A one-line progress bar with rate and ETA, drawn on stderr only when it is a terminal and the
 * user did not ask for quiet. Everything else (pipes, CI, `--quiet`, `--json`) gets a no-op.
 */
export function createProgressBar(options: {
  quiet?: boolean;
  stream?: NodeJS.WriteStream;
  now?: () => number;
}): ProgressBar {
  const stream = options.stream ?? process.stderr;
  if (options.quiet || !stream.isTTY) return { update() {}, done() {} };
  const now = options.now ?? Date.now;
  let stage = '';
  let stageStart = 0;
  let lastDraw = Number.NEGATIVE_INFINITY;
  let drawn = false;

  return {
    update(event) {
      const t = now();
      if (event.stage !== stage) {
        if (drawn) stream.write('\n');
        stage = event.stage;
        stageStart = t;
        lastDraw = Number.NEGATIVE_INFINITY;
      }
      const finished = event.total > 0 && event.done >= event.total;
      if (!finished && t - lastDraw < MIN_REDRAW_MS) return;
      lastDraw = t;
      drawn = true;
      const columns = (stream as WriteStream).columns ?? 100;
      const line = formatProgressLine(event, (t - stageStart) / 1000);
      stream.write(`\r${line.slice(0, columns - 1)}\x1b[K`);
    },
    done() {
      if (drawn) stream.write('\n');
      drawn = false;
      stage = '';
    },
  };
}

/** Formats `stage [#####-----]  42%  1.2/3.0 GB  120 MB/s  ETA 15s`. Pure, so it is testable. */
export function formatProgressLine(event: ProgressEvent, elapsedSeconds: number): string {
  const { stage, done, total, unit } = event;
  const fraction = total > 0 ? Math.min(1, Math.max(0, done / total)) : 0;
  const filled = Math.round(fraction * BAR_WIDTH);
  const bar = `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}]`;
  const percent = `${Math.floor(fraction * 100)}%`.padStart(4);
  const rate = elapsedSeconds > 0 ? done / elapsedSeconds : 0;
  const eta = rate > 0 && total > 0 ? (total - done) / rate : Number.NaN;
  const amount = `${formatAmount(done, unit)}/${formatAmount(total, unit)}`;
  const rateText = rate > 0 ? `${formatAmount(rate, unit)}/s` : '';
  const etaText = fraction >= 1 ? `${formatDuration(elapsedSeconds)}` : `ETA ${formatDuration(eta)}`;
  return [stage, bar, percent, amount, rateText, etaText].filter(Boolean).join('  ');
}

export function formatAmount(value: number, unit?: string): string {
  if (unit === 'bytes') {
    const units = ['B', 'KB', 'MB', 'GB', 'TB'];
    let v = value;
    let i = 0;
    while (v >= 1000 && i < units.length - 1) {
      v /= 1000;
      i++;
    }
    return `${v.toFixed(i === 0 ? 0 : 1)} ${units[i]}`;
  }
  const suffix = unit ? ` ${unit}` : '';
  if (value >= 1e6) return `${(value / 1e6).toFixed(1)}M${suffix}`;
  if (value >= 1e4) return `${(value / 1e3).toFixed(0)}k${suffix}`;
  return `${Math.round(value)}${suffix}`;
}

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '--';
  if (seconds < 60) return `${seconds.toFixed(seconds < 10 ? 1 : 0)}s`;
  const m = Math.floor(seconds / 60);
  const s = Math.round(seconds % 60);
  if (m < 60) return `${m}m${String(s).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}
