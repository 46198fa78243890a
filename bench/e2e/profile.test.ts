import { describe, expect, it } from 'vitest';
import { busyMsWithin, type CpuProfile, stageWindows, summarise, window } from './profile';

// (root) -> main -> top10Csv -> recommend -> topK ; main -> compareCf -> fit ; (idle)
const frame = (functionName: string, url = 'file:///x/a.js', lineNumber = 0) => ({
  functionName,
  url,
  lineNumber,
});
const profile: CpuProfile = {
  nodes: [
    { id: 1, callFrame: frame('(root)', ''), children: [2, 7] },
    { id: 2, callFrame: frame('main'), children: [3, 6] },
    { id: 3, callFrame: frame('top10Csv', 'file:///x/top10.js', 6), children: [4] },
    { id: 4, callFrame: frame('recommend'), children: [5] },
    { id: 5, callFrame: frame('topK') },
    { id: 6, callFrame: frame('compareCf'), children: [] },
    { id: 7, callFrame: frame('(idle)', '') },
  ],
  startTime: 0,
  endTime: 10_000,
  // A sample's duration is the next delta: 1 ms each here except the 3 ms before the last one.
  samples: [6, 6, 5, 4, 5, 7],
  timeDeltas: [0, 1000, 1000, 1000, 1000, 3000],
};

describe('summarise', () => {
  it('counts self time at the leaf and total time once per sample for every function under the entry', () => {
    const { sampledMs, functions } = summarise(profile, 'top10Csv');
    const f = Object.fromEntries(functions.map((x) => [x.name.split(' ')[0]!, x]));
    expect(sampledMs).toBe(5); // samples 3, 4, 5 last 1, 1 and 3 ms
    expect(f.topK).toMatchObject({ selfMs: 4, totalMs: 4 });
    expect(f.recommend).toMatchObject({ selfMs: 1, totalMs: 5 });
    expect(f.top10Csv).toMatchObject({ selfMs: 0, totalMs: 5 });
    expect(f.main).toBeUndefined(); // above the entry point
    expect(functions.find((x) => x.name.startsWith('top10Csv'))!.name).toBe('top10Csv top10.js:7');
  });

  it('covers every sample without an entry point', () => {
    expect(summarise(profile).sampledMs).toBe(10); // the last sample keeps its own delta
  });
});

describe('window and busyMsWithin', () => {
  it("finds a stage's time span on the main thread and a worker's busy time inside it", () => {
    expect(window(profile, 'compareCf')).toEqual({ from: 0, to: 1000 });
    expect(window(profile, 'top10Csv')).toEqual({ from: 2000, to: 4000 });
    expect(window(profile, 'nothing')).toBeNull();
    expect(busyMsWithin(profile, 2000, 4000)).toBe(5);
    expect(busyMsWithin(profile, 5000, 9000)).toBe(0); // only the idle sample there
  });
});

describe('stageWindows', () => {
  it('lays the stage seconds end to end from the anchor, one span for a stage timed in pieces', () => {
    const w = stageWindows(profile, { load: 0.001, top10: 0.002, features: 0.001 }, 'compareCf');
    expect(w.get('load')).toEqual({ from: 0, to: 1000 });
    expect(w.get('top10')).toEqual({ from: 1000, to: 3000 });
    const all = stageWindows(profile, { a: 0.001, b: 0.001, a2: 0 }, 'nothing');
    expect(all.get('a')).toEqual({ from: 0, to: 1000 }); // no anchor: the profile's start
  });

  it('summarises only the samples inside a window', () => {
    const { sampledMs, functions } = summarise(profile, undefined, { from: 1500, to: 3500 });
    expect(sampledMs).toBe(2); // the samples at 2000 and 3000 ms, 1 ms each
    expect(functions.find((f) => f.name.startsWith('topK'))!.selfMs).toBe(1);
  });
});
