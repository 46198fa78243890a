import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { SynthParams } from './params';
import type { FileSummary } from './write-genome';

/** Bump when the generator's output for given parameters changes: old folders are then rebuilt. */
export const GENERATOR_VERSION = 2;
export const MANIFEST_FILE = 'synth.json';

export const SYNTH_FILES = [
  'ratings.csv',
  'movies.csv',
  'links.csv',
  'tags.csv',
  'genome-tags.csv',
  'genome-scores.csv',
] as const;
export type SynthFileName = (typeof SYNTH_FILES)[number];

/** Contents of synth.json: what was asked for and what was written. Deterministic, no timings. */
export interface SynthManifest {
  readonly generator: '@reco/data generateMovieLens';
  readonly version: number;
  readonly params: SynthParams;
  readonly files: Readonly<Record<SynthFileName, FileSummary>>;
  readonly ratings: {
    /** Mean rating. */
    readonly mean: number;
    /** Ratings per half-star level, 0.5 .. 5.0. */
    readonly histogram: readonly number[];
    readonly firstTimestamp: number;
    readonly lastTimestamp: number;
  };
}

/**
 * The manifest of `dir` when it holds a complete dataset for exactly these parameters and this
 * generator version: synth.json matches and every file has the size it records. Anything else
 * (no folder, a different seed, a truncated file) gives undefined, and the caller regenerates.
 */
export async function readCompleteManifest(
  dir: string,
  params: SynthParams,
): Promise<SynthManifest | undefined> {
  let manifest: SynthManifest;
  try {
    manifest = JSON.parse(await readFile(join(dir, MANIFEST_FILE), 'utf8')) as SynthManifest;
  } catch {
    return undefined;
  }
  if (manifest.version !== GENERATOR_VERSION || !sameParams(manifest.params, params)) return undefined;
  for (const name of SYNTH_FILES) {
    const expected = manifest.files?.[name]?.bytes;
    const actual = await stat(join(dir, name)).then(
      (s) => s.size,
      () => -1,
    );
    if (actual !== expected) return undefined;
  }
  return manifest;
}

function sameParams(a: SynthParams | undefined, b: SynthParams): boolean {
  if (a === undefined || a === null) return false;
  const keys = Object.keys(b) as (keyof SynthParams)[];
  return keys.length === Object.keys(a).length && keys.every((k) => a[k] === b[k]);
}
