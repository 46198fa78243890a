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

/** `features: folds` belongs to the stage `features`; a stage without `: ` is its own group. */
export function stageGroup(stage: string): { group: string; step: string } {
  const at = stage.indexOf(': ');
  return at < 0 ? { group: stage, step: '' } : { group: stage.slice(0, at), step: stage.slice(at + 2) };
}

/**
 * One line per stage on stderr, redrawn in place while it runs and left as a summary when the
 * next stage starts: `features (pass 2)  folds, statistics, content, cf  3.2s`. A stage seen
 * before is labelled with its pass number, so the with/without-CF feature passes are told apart.
 * Drawn only when the stream is a terminal and the user did not ask for quiet; lines are cleared
 * with spaces, not escape codes, so NO_COLOR terminals see none.
 */
export function createProgressBar(options: {
  quiet?: boolean;
  stream?: NodeJS.WriteStream;
  now?: () => number;
  /**
   * Names for the passes of a stage that runs more than once, in order, e.g. `{ features:
   * ['features (without CF)', 'features (with CF)'] }`; passes past the list are `stage (pass N)`.
   */
  passLabels?: Readonly<Record<string, readonly string[]>>;
}): ProgressBar {
  const stream = options.stream ?? process.stderr;
  if (options.quiet || !stream.isTTY) return { update() {}, done() {} };
  const now = options.now ?? Date.now;
  const passes = new Map<string, number>();
  let group = '';
  let label = '';
  let steps: string[] = [];
  let start = 0;
  let last: ProgressEvent | null = null;
  let lastDraw = Number.NEGATIVE_INFINITY;
  let drawnLength = 0;

  const draw = (line: string) => {
    // A pseudo-terminal may report 0 columns; treat that as unknown.
    const columns = stream.columns || 100;
    const text = line.slice(0, columns - 1);
    stream.write(`\r${text.padEnd(drawnLength)}`);
    drawnLength = text.length;
  };
  const finish = () => {
    if (last !== null) draw(formatStageSummary(label, steps, last, (now() - start) / 1000));
    if (drawnLength > 0) stream.write('\n');
    drawnLength = 0;
    last = null;
    group = '';
  };

  return {
    update(event) {
      const t = now();
      const { group: g, step } = stageGroup(event.stage);
      // A step seen earlier in this stage starting again means the stage itself runs again.
      const again = g === group && step !== '' && steps.includes(step) && steps.at(-1) !== step;
      if (g !== group || again) {
        finish();
        const pass = (passes.get(g) ?? 0) + 1;
        passes.set(g, pass);
        group = g;
        label = options.passLabels?.[g]?.[pass - 1] ?? (pass > 1 ? `${g} (pass ${pass})` : g);
        steps = [];
        start = t;
        lastDraw = Number.NEGATIVE_INFINITY;
      }
      if (step !== '' && steps[steps.length - 1] !== step) steps.push(step);
      last = event;
      const finished = event.total > 1 && event.done >= event.total;
      if (!finished && t - lastDraw < MIN_REDRAW_MS) return;
      lastDraw = t;
      draw(
        formatProgressLine(
          { ...event, stage: step === '' ? label : `${label}: ${step}` },
          (t - start) / 1000,
        ),
      );
    },
    done: finish,
  };
}

/**
 * Formats `stage [#####-----]  42%  1.2/3.0 GB  120 MB/s  ETA 15s`. A step with no count
 * (`total` 0 or 1) is just its name and elapsed time: no `1/1` bar, no rate. Pure, so testable.
 */
export function formatProgressLine(event: ProgressEvent, elapsedSeconds: number): string {
  const { stage, done, total, unit } = event;
  if (total <= 1) return `${stage}  ${formatDuration(elapsedSeconds)}`;
  const fraction = Math.min(1, Math.max(0, done / total));
  const filled = Math.round(fraction * BAR_WIDTH);
  const bar = `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}]`;
  const percent = `${Math.floor(fraction * 100)}%`.padStart(4);
  // `2/9 fits`, but `250.0 MB/1.0 GB`: bytes scale, so each side needs its own unit.
  const amount = `${formatAmount(done, unit === 'bytes' ? unit : undefined)}/${formatAmount(total, unit)}`;
  const rate = elapsedSeconds > 0 && done > 0 ? done / elapsedSeconds : 0;
  const eta = rate > 0 ? (total - done) / rate : Number.NaN;
  const etaText = fraction >= 1 ? formatDuration(elapsedSeconds) : `ETA ${formatDuration(eta)}`;
  return [stage, bar, percent, amount, formatRate(rate, unit), etaText].filter(Boolean).join('  ');
}

/** The line a finished stage leaves behind: its label, its steps or its count, and its time. */
export function formatStageSummary(
  label: string,
  steps: readonly string[],
  last: ProgressEvent,
  elapsedSeconds: number,
): string {
  const what =
    steps.length > 0 ? steps.join(', ') : last.total > 1 ? formatAmount(last.total, last.unit) : '';
  return [label, what, formatDuration(elapsedSeconds)].filter(Boolean).join('  ');
}

/**
 * A rate only where it means something: `120 MB/s`, `3.4k rows/s`; below one per second it is
 * time per item (`12s/fit`), and with nothing done yet there is none at all (no `0 fits/s`).
 */
export function formatRate(perSecond: number, unit?: string): string {
  if (!(perSecond > 0) || !Number.isFinite(perSecond)) return '';
  if (perSecond >= 1 || unit === 'bytes') return `${formatAmount(perSecond, unit)}/s`;
  const single = unit === undefined ? 'item' : unit.replace(/s$/, '');
  return `${formatDuration(1 / perSecond)}/${single}`;
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
  if (seconds < 59.5) return `${seconds.toFixed(seconds < 9.95 ? 1 : 0)}s`;
  // Round to whole seconds first, so 179.6 s reads 3m00s rather than 2m60s.
  const whole = Math.round(seconds);
  const m = Math.floor(whole / 60);
  const s = whole % 60;
  if (m < 60) return `${m}m${String(s).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}
