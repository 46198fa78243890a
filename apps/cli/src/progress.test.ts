import { describe, expect, it } from 'vitest';
import { createProgressBar, formatAmount, formatDuration, formatProgressLine, formatRate } from './progress';

describe('formatProgressLine', () => {
  it('shows the bar, percent, amounts, rate and ETA', () => {
    // 250 of 1000 MB after 5 s: 50 MB/s, 750 MB left -> 15 s.
    const line = formatProgressLine({ stage: 'ratings', done: 250e6, total: 1000e6, unit: 'bytes' }, 5);
    expect(line).toContain('ratings');
    expect(line).toContain(`[${'#'.repeat(6)}${'-'.repeat(18)}]`);
    expect(line).toContain(' 25%');
    expect(line).toContain('250.0 MB/1.0 GB');
    expect(line).toContain('50.0 MB/s');
    expect(line).toContain('ETA 15s');
  });

  it('shows the elapsed time instead of an ETA once complete', () => {
    const line = formatProgressLine({ stage: 'fit', done: 10, total: 10 }, 72);
    expect(line).toContain('100%');
    expect(line).toContain('1m12s');
    expect(line).not.toContain('ETA');
  });

  it('has no rate or ETA before anything is done', () => {
    const line = formatProgressLine({ stage: 'x', done: 0, total: 10 }, 0);
    expect(line).toContain('ETA --');
    expect(line).not.toContain('/s');
  });
});

describe('formatAmount and formatDuration', () => {
  it('scales bytes and counts', () => {
    expect(formatAmount(999, 'bytes')).toBe('999 B');
    expect(formatAmount(1_500_000, 'bytes')).toBe('1.5 MB');
    expect(formatAmount(20_000_263, 'rows')).toBe('20.0M rows');
    expect(formatAmount(12_345)).toBe('12k');
  });

  it('formats seconds, minutes and hours', () => {
    expect(formatDuration(3.25)).toBe('3.3s');
    expect(formatDuration(125)).toBe('2m05s');
    expect(formatDuration(3 * 3600 + 61)).toBe('3h01m');
    // Carries instead of printing 60 seconds or 60 minutes.
    expect(formatDuration(179.6)).toBe('3m00s');
    expect(formatDuration(59.7)).toBe('1m00s');
    expect(formatDuration(9.97)).toBe('10s');
    expect(formatDuration(Number.POSITIVE_INFINITY)).toBe('--');
  });
});

describe('createProgressBar', () => {
  function fakeStream(isTTY: boolean) {
    const writes: string[] = [];
    const stream = { isTTY, columns: 80, write: (s: string) => writes.push(s) > 0 };
    return { stream: stream as unknown as NodeJS.WriteStream, writes };
  }

  it('draws nothing when the stream is not a terminal', () => {
    const { stream, writes } = fakeStream(false);
    const bar = createProgressBar({ stream });
    bar.update({ stage: 'a', done: 1, total: 2 });
    bar.done();
    expect(writes).toEqual([]);
  });

  it('draws nothing when quiet', () => {
    const { stream, writes } = fakeStream(true);
    const bar = createProgressBar({ stream, quiet: true });
    bar.update({ stage: 'a', done: 1, total: 2 });
    expect(writes).toEqual([]);
  });

  it('redraws one line in place, throttled, and always draws completion', () => {
    const { stream, writes } = fakeStream(true);
    let t = 0;
    const bar = createProgressBar({ stream, now: () => t });
    bar.update({ stage: 'a', done: 1, total: 4 });
    t = 10; // within the redraw interval: skipped
    bar.update({ stage: 'a', done: 2, total: 4 });
    t = 20; // complete: drawn regardless
    bar.update({ stage: 'a', done: 4, total: 4 });
    bar.done();
    // two live draws, the summary the stage leaves behind, and the end of its line
    expect(writes).toHaveLength(4);
    expect(writes[0]!.startsWith('\r')).toBe(true);
    expect(writes[1]).toContain('100%');
    expect(writes[2]).toMatch(/^\ra {2}4 {2}0\.0s *$/);
    expect(writes[3]).toBe('\n');
  });

  it('leaves one line per stage, its steps named, and labels a stage run twice by pass', () => {
    const { stream, writes } = fakeStream(true);
    let t = 0;
    const bar = createProgressBar({
      stream,
      now: () => t,
      passLabels: { features: ['features (without CF)'] },
    });
    for (const step of ['folds', 'statistics']) {
      bar.update({ stage: `features: ${step}`, done: 1, total: 1 });
      t += 1000;
    }
    bar.update({ stage: 'train', done: 3, total: 3, unit: 'fits' });
    t += 500;
    bar.update({ stage: 'features: folds', done: 1, total: 1 });
    t += 250;
    bar.done();
    const lines = writes
      .join('')
      .split('\n')
      .map((l) => l.split('\r').pop()!.trimEnd());
    expect(lines.filter(Boolean)).toEqual([
      'features (without CF)  folds, statistics  2.0s',
      'train  3 fits  0.5s',
      'features (pass 2)  folds  0.3s',
    ]);
  });

  it('starts a new pass when the first step of a stage comes back without another stage between', () => {
    const { stream, writes } = fakeStream(true);
    const bar = createProgressBar({
      stream,
      now: () => 0,
      passLabels: { features: ['features (without CF)', 'features (with CF)'] },
    });
    for (const step of ['folds', 'statistics', 'folds', 'statistics', 'cf']) {
      bar.update({ stage: `features: ${step}`, done: 1, total: 1 });
    }
    bar.done();
    const lines = writes
      .join('')
      .split('\n')
      .map((l) => l.split('\r').pop()!.trimEnd());
    expect(lines.filter(Boolean)).toEqual([
      'features (without CF)  folds, statistics  0.0s',
      'features (with CF)  folds, statistics, cf  0.0s',
    ]);
  });

  it('draws no 1/1 bar for a step without a count, and no escape codes at all', () => {
    const { stream, writes } = fakeStream(true);
    const bar = createProgressBar({ stream, now: () => 0 });
    bar.update({ stage: 'features: content', done: 1, total: 1 });
    const content = writes.join('');
    expect(content).not.toContain('1/1');
    expect(content).not.toContain('[');
    bar.update({ stage: 'search', done: 2, total: 9, unit: 'fits' });
    bar.done();
    const text = writes.join('');
    expect(text).toContain('2/9 fits');
    expect(text).not.toContain('\x1b');
  });
});

describe('formatRate', () => {
  it('shows a rate only where it means something', () => {
    expect(formatRate(0, 'fits')).toBe('');
    expect(formatRate(Number.NaN, 'fits')).toBe('');
    expect(formatRate(0.08, 'fits')).toBe('13s/fit');
    expect(formatRate(250, 'rows')).toBe('250 rows/s');
    expect(formatRate(50e6, 'bytes')).toBe('50.0 MB/s');
  });

  it('is left out of a line while nothing is done, and per item when slow', () => {
    expect(formatProgressLine({ stage: 'tune', done: 0, total: 8, unit: 'fits' }, 4)).not.toMatch(
      /\/s|\/fit/,
    );
    expect(formatProgressLine({ stage: 'tune', done: 1, total: 8, unit: 'fits' }, 20)).toContain('20s/fit');
  });
});
