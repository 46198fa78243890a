import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DataError } from './errors';
import { matchNetflix, NETFLIX_REQUIREMENTS } from './netflix/layout';
import type { ReleaseLayout } from './types';

/** The files of a release, by role, as names inside `dir`. Optional roles are absent when missing. */
export interface ReleaseFiles {
  readonly ratings: string;
  readonly movies: string;
  readonly links?: string;
  readonly tags?: string;
  readonly genomeScores?: string;
  readonly genomeTags?: string;
  readonly users?: string;
  /** Netflix Prize: every ratings file, in order (`ratings` is the first of them). */
  readonly ratingParts?: readonly string[];
  /** Netflix Prize: `probe.txt`, the predefined test pairs (a subset of the ratings). */
  readonly probe?: string;
  /** Netflix Prize: `qualifying.txt`, the pairs whose ratings were never published. */
  readonly qualifying?: string;
}

export interface DetectedRelease {
  readonly layout: ReleaseLayout;
  /** Absolute path of the folder holding the files. */
  readonly dir: string;
  readonly files: ReleaseFiles;
}

interface LayoutSpec {
  readonly layout: ReleaseLayout;
  readonly required: readonly [ratings: string, movies: string];
  readonly optional: Partial<Record<Exclude<keyof ReleaseFiles, 'ratings' | 'movies'>, string>>;
}

/** The layouts, in the order they are tried. */
const LAYOUTS: readonly LayoutSpec[] = [
  {
    layout: 'csv',
    required: ['ratings.csv', 'movies.csv'],
    optional: {
      links: 'links.csv',
      tags: 'tags.csv',
      genomeScores: 'genome-scores.csv',
      genomeTags: 'genome-tags.csv',
    },
  },
  {
    layout: 'dat',
    required: ['ratings.dat', 'movies.dat'],
    optional: { tags: 'tags.dat', users: 'users.dat' },
  },
  { layout: 'ml-100k', required: ['u.data', 'u.item'], optional: { users: 'u.user' } },
];

/** Each layout's required files, for messages: `csv: ratings.csv + movies.csv`. */
export const LAYOUT_REQUIREMENTS: readonly string[] = [
  ...LAYOUTS.map((spec) => `${spec.layout}: ${spec.required.join(' + ')}`),
  ...NETFLIX_REQUIREMENTS,
];

/**
 * Finds which MovieLens layout a folder holds. A folder that holds exactly one release folder
 * (e.g. where a zip was extracted) is accepted too. Otherwise a DataError lists what was found
 * and what each layout needs.
 */
export function detectRelease(dir: string): DetectedRelease {
  const root = resolve(dir);
  const names = listFiles(root);
  const folders = listFolders(root);
  const direct = match(root, names, folders);
  if (direct !== undefined) return direct;

  if (folders.length === 1) {
    const inner = join(root, folders[0]!);
    const nested = match(inner, listFiles(inner), listFolders(inner));
    if (nested !== undefined) return nested;
  }

  const tried = LAYOUTS.map((spec) => {
    const missing = spec.required.filter((f) => !names.includes(f));
    return `${spec.layout} (${spec.required.join(' + ')}${missing.length < 2 ? `; missing ${missing.join(', ')}` : ''})`;
  })
    .concat(NETFLIX_REQUIREMENTS)
    .join(', ');
  const found = [...names, ...folders.map((f) => `${f}/`)];
  throw new DataError(
    'no-dataset',
    `no MovieLens or Netflix Prize release here. Found: ${found.length === 0 ? 'nothing' : found.join(', ')}. Layouts tried: ${tried}`,
    { file: root },
  );
}

function match(
  dir: string,
  names: readonly string[],
  folders: readonly string[],
): DetectedRelease | undefined {
  for (const spec of LAYOUTS) {
    if (!spec.required.every((f) => names.includes(f))) continue;
    const files: Record<string, string> = { ratings: spec.required[0], movies: spec.required[1] };
    for (const [role, name] of Object.entries(spec.optional)) if (names.includes(name)) files[role] = name;
    if ((files.genomeScores === undefined) !== (files.genomeTags === undefined)) {
      const [has, lacks] = files.genomeScores
        ? ['genome-scores.csv', 'genome-tags.csv']
        : ['genome-tags.csv', 'genome-scores.csv'];
      throw new DataError(
        'missing-file',
        `${has} is present but ${lacks} is missing; the tag genome needs both`,
        {
          file: join(dir, lacks),
        },
      );
    }
    return { layout: spec.layout, dir, files: files as unknown as ReleaseFiles };
  }
  const netflix = matchNetflix(dir, names, folders);
  if (netflix === undefined) return undefined;
  return { layout: 'netflix', dir, files: { ...netflix, ratings: netflix.ratingParts[0]! } };
}

function listFiles(dir: string): string[] {
  let entries: import('node:fs').Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    const [dataCode, reason] =
      code === 'ENOENT'
        ? (['not-found', 'folder not found'] as const)
        : code === 'ENOTDIR'
          ? (['not-a-folder', 'not a folder'] as const)
          : (['unreadable', String(cause)] as const);
    throw new DataError(dataCode, reason, { file: dir, cause });
  }
  return entries
    .filter((e) => e.isFile() || (e.isSymbolicLink() && isFile(join(dir, e.name))))
    .map((e) => e.name)
    .sort();
}

function listFolders(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => e.name);
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
