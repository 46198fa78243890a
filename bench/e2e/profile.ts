// Summarises V8 CPU profiles (`node --cpu-prof`): per stage, the functions that take the time.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

export interface CpuProfileNode {
  readonly id: number;
  readonly callFrame: { functionName: string; url: string; lineNumber: number };
  readonly children?: readonly number[];
}
export interface CpuProfile {
  readonly nodes: readonly CpuProfileNode[];
  readonly startTime: number;
  readonly endTime: number;
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

export interface FunctionCost {
  readonly name: string;
  /** Milliseconds sampled with this function at the top of the stack. */
  readonly selfMs: number;
  /** Milliseconds sampled with this function anywhere on the stack (counted once per sample). */
  readonly totalMs: number;
}

/** `name file:line`, so two functions of one name in different modules stay apart. */
function label(frame: CpuProfileNode['callFrame']): string {
  const file = frame.url ? basename(frame.url.split('?')[0]!) : '';
  const name = frame.functionName || '(anonymous)';
  return file ? `${name} ${file}:${frame.lineNumber + 1}` : name;
}

/** Each node's stack of labels, root first, built once from the parent links. */
function stacks(profile: CpuProfile): Map<number, string[]> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const out = new Map<number, string[]>();
  const resolve = (id: number): string[] => {
    const known = out.get(id);
    if (known) return known;
    const p = parent.get(id);
    const stack = [...(p === undefined ? [] : resolve(p)), label(byId.get(id)!.callFrame)];
    out.set(id, stack);
    return stack;
  };
  for (const n of profile.nodes) resolve(n.id);
  return out;
}

/**
 * Self and total time per function over the samples whose stack passes through a function whose
 * label starts with `under` (a stage's entry point, e.g. `top10Csv`), or over all samples. A sample's
 * duration is the delta to the next sample, as Chrome's DevTools counts it.
 */
export function summarise(
  profile: CpuProfile,
  under?: string,
  within?: { from: number; to: number },
): { sampledMs: number; functions: FunctionCost[] } {
  const stackOf = stacks(profile);
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let sampledMs = 0;
  const { samples, timeDeltas } = profile;
  let t = profile.startTime;
  for (let i = 0; i < samples.length; i++) {
    t += timeDeltas[i] ?? 0;
    if (within !== undefined && (t < within.from || t > within.to)) continue;
    const stack = stackOf.get(samples[i]!)!;
    const from = under === undefined ? 0 : stack.findIndex((f) => f.startsWith(under));
    if (from < 0) continue;
    const ms = (timeDeltas[i + 1] ?? timeDeltas[i] ?? 0) / 1000;
    sampledMs += ms;
    const leaf = stack[stack.length - 1]!;
    self.set(leaf, (self.get(leaf) ?? 0) + ms);
    for (const f of new Set(stack.slice(from))) total.set(f, (total.get(f) ?? 0) + ms);
  }
  const functions = [...total].map(([name, t]) => ({ name, selfMs: self.get(name) ?? 0, totalMs: t }));
  return { sampledMs, functions };
}

/**
 * Each stage's time span on the profile clock, from the CLI's stage seconds laid end to end after
 * the first sample inside `anchor` (the first stage's entry point). Entry-point attribution alone
 * misses work resumed after an `await`, whose stack no longer shows the caller.
 */
export function stageWindows(
  profile: CpuProfile,
  timings: Record<string, number>,
  anchor: string,
): Map<string, { from: number; to: number }> {
  const start = window(profile, anchor)?.from ?? profile.startTime;
  const out = new Map<string, { from: number; to: number }>();
  let at = start;
  for (const [stage, seconds] of Object.entries(timings)) {
    const prev = out.get(stage);
    // A stage timed in several pieces (features) gets one span from its first piece to its last.
    out.set(stage, { from: prev?.from ?? at, to: at + seconds * 1e6 });
    at += seconds * 1e6;
  }
  return out;
}

/** The first and last sample time (profile clock, µs) whose stack passes through `under`. */
export function window(profile: CpuProfile, under: string): { from: number; to: number } | null {
  const stackOf = stacks(profile);
  let t = profile.startTime;
  let from = Number.POSITIVE_INFINITY;
  let to = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i] ?? 0;
    if (stackOf.get(profile.samples[i]!)!.some((f) => f.startsWith(under))) {
      from = Math.min(from, t);
      to = Math.max(to, t);
    }
  }
  return from <= to ? { from, to } : null;
}

/** Milliseconds a worker's profile was busy (not idle, not waiting) inside [from, to]. */
export function busyMsWithin(profile: CpuProfile, from: number, to: number): number {
  const stackOf = stacks(profile);
  let t = profile.startTime;
  let ms = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i] ?? 0;
    if (t < from || t > to) continue;
    const leaf = stackOf.get(profile.samples[i]!)!.at(-1)!;
    if (leaf !== '(idle)' && leaf !== '(program)') ms += (profile.timeDeltas[i + 1] ?? 0) / 1000;
  }
  return ms;
}

function top(functions: FunctionCost[], key: 'selfMs' | 'totalMs', n: number): string {
  return [...functions]
    .sort((a, b) => b[key] - a[key])
    .slice(0, n)
    .map(
      (f) =>
        `  ${(f.selfMs / 1000).toFixed(1).padStart(7)} s self ${(f.totalMs / 1000).toFixed(1).padStart(7)} s total  ${f.name}`,
    )
    .join('\n');
}

/**
 * `tsx bench/e2e/profile.ts DIR [--stages reco.stdout] [name ...]`: with `--stages` (the CLI's
 * `--json` summary) each named stage's window, else each named entry point; then every worker.
 */
function main(dir: string, entries: string[], timingsFile: string | null): void {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .sort();
  const profiles = files.map((f) => ({ f, p: JSON.parse(readFileSync(join(dir, f), 'utf8')) as CpuProfile }));
  const byLength = [...profiles].sort((a, b) => b.p.samples.length - a.p.samples.length);
  // The main thread is the one whose stacks reach the CLI's entry (its profile spans the whole run).
  const mainProfile =
    profiles.find(({ p }) => p.nodes.some((n) => n.callFrame.url.endsWith('/bin.js'))) ?? byLength[0]!;
  const workers = profiles.filter((x) => x !== mainProfile);
  const report = (title: string, s: ReturnType<typeof summarise>, w: { from: number; to: number } | null) => {
    const busy = w === null ? 0 : workers.reduce((a, x) => a + busyMsWithin(x.p, w.from, w.to), 0);
    const span = w === null ? 0 : (w.to - w.from) / 1e6;
    console.log(
      `\n== ${title}: main thread ${(s.sampledMs / 1000).toFixed(1)} s sampled over a ${span.toFixed(1)} s window; workers busy ${(busy / 1000).toFixed(1)} s in it`,
    );
    console.log(
      `top self:\n${top(s.functions, 'selfMs', 15)}\ntop total:\n${top(s.functions, 'totalMs', 25)}`,
    );
  };
  if (timingsFile !== null) {
    const summary = JSON.parse(readFileSync(timingsFile, 'utf8')) as { timings: Record<string, number> };
    for (const [stage, w] of stageWindows(mainProfile.p, summary.timings, 'loadMovieLens')) {
      if (entries.length === 0 || entries.includes(stage))
        report(`stage ${stage}`, summarise(mainProfile.p, undefined, w), w);
    }
  } else {
    for (const entry of entries) report(entry, summarise(mainProfile.p, entry), window(mainProfile.p, entry));
  }
  for (const { f, p } of workers) {
    const s = summarise(p);
    const busy = busyMsWithin(p, p.startTime, p.endTime);
    if (busy < 1000) continue;
    console.log(
      `\n== worker ${f}: busy ${(busy / 1000).toFixed(1)} s of ${((p.endTime - p.startTime) / 1e6).toFixed(1)} s`,
    );
    console.log(`top self:\n${top(s.functions, 'selfMs', 10)}`);
  }
}

if (process.argv[1]?.endsWith('profile.ts')) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--stages');
  const timingsFile = at >= 0 ? (args.splice(at, 2)[1] ?? null) : null;
  const [dir, ...names] = args;
  if (!dir) {
    console.error(
      'usage: tsx bench/e2e/profile.ts <profile-dir> [--stages <reco train --json output>] [name ...]',
    );
    process.exit(2);
  }
  const defaults = timingsFile === null ? ['compareCf', 'evaluateStudyRanking', 'top10Csv'] : [];
  main(dir, names.length ? names : defaults, timingsFile);
}
