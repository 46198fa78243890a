import { statSync } from 'node:fs';
import { join } from 'node:path';
import { DataError } from '../errors';
import {
  catalogIndexOf,
  checkFieldCount,
  FieldError,
  parseIntegerField,
  parseNumberField,
  quote,
} from '../parse/fields';
import { readFirstLine } from '../parse/first-line';
import {
  createRawGenomeScores,
  growRawGenomeScores,
  parseGenomeLines,
  type RawGenomeScores,
} from '../parse/genome-kernel';
import { forEachLineChunk } from '../parse/line-chunks';
import { splitLine } from '../parse/records';
import { KERNEL_DONE, KERNEL_FULL, LF } from '../parse/scan';
import { KEPT_EXAMPLES, type RowProblems, rejectRow } from '../problems';
import type { Catalog, Genome, OnProgress } from '../types';
import { checkHeader, forEachRecord, readText } from './text-file';

const SCORE_FIELDS = ['movieId', 'tagId', 'relevance'] as const;

/**
 * Reads the tag genome: `genome-tags.csv` (tagId,tag) and `genome-scores.csv`
 * (movieId,tagId,relevance) into a dense movies x tags matrix. The matrix must be complete: a
 * movie in the genome has a score for every genome tag.
 */
export function readGenome(
  dir: string,
  files: { scores: string; tags: string; movies: string },
  catalog: Catalog,
  movieTable: Int32Array,
  problems: RowProblems,
  onProgress?: OnProgress,
): Genome {
  const tagNames: string[] = [];
  const tagIdList: number[] = [];
  const fields = ['tagId', 'tag'];
  forEachRecord(
    readText(dir, files.tags),
    { file: files.tags, delimiter: ',', header: fields, fields, problems },
    ([id, tag]) => {
      const tagId = parseIntegerField(id!, 'tagId', (1 << 24) - 1);
      if (tagIdList.includes(tagId))
        throw new FieldError('tagId', `tagId ${tagId} appears twice`, undefined, 'duplicate-id');
      tagIdList.push(tagId);
      tagNames.push(tag!);
    },
  );
  const tagTable = new Int32Array(Math.max(0, ...tagIdList) + 1).fill(-1);
  tagIdList.forEach((id, i) => {
    tagTable[id] = i;
  });

  const raw = parseScores(join(dir, files.scores), files, movieTable, tagTable, problems, onProgress);
  return assembleGenome(raw, files.scores, catalog, tagNames, Int32Array.from(tagIdList), problems);
}

function parseScores(
  path: string,
  files: { scores: string; tags: string; movies: string },
  movieTable: Int32Array,
  tagTable: Int32Array,
  problems: RowProblems,
  onProgress?: OnProgress,
): RawGenomeScores {
  const file = files.scores;
  const header = readFirstLine(path);
  checkHeader(splitLine(header.text, ','), SCORE_FIELDS, file);
  const size = statSync(path).size;
  const total = size - header.next;
  let raw: RawGenomeScores | undefined;
  const cursor = { pos: 0, line: 2 };
  forEachLineChunk(path, header.next, size, (chunk) => {
    const { bytes, end } = chunk;
    // 11.7M rows in ml-20m: reserve from the mean line length of the first chunk.
    raw ??= createRawGenomeScores(
      ((size - header.next) / Math.max(end, 1)) * countLines(bytes, end) * 1.05 + 1024,
    );
    cursor.pos = 0;
    for (;;) {
      const status = parseGenomeLines(bytes, end, cursor, raw, movieTable, tagTable);
      if (status === KERNEL_DONE) break;
      if (status === KERNEL_FULL) {
        growRawGenomeScores(raw, Math.ceil(raw.movie.length * 1.25) + 1024);
        continue;
      }
      const lineEnd = bytes.indexOf(LF, cursor.pos);
      parseOddScore(bytes, cursor.pos, lineEnd, cursor.line, files, movieTable, tagTable, raw, problems);
      cursor.pos = lineEnd + 1;
      cursor.line++;
    }
    onProgress?.({ stage: 'genome', done: chunk.fileOffset + end - header.next, total, unit: 'bytes' });
    return true;
  });
  return raw ?? createRawGenomeScores(0);
}

function countLines(bytes: Uint8Array, end: number): number {
  let n = 0;
  for (let i = 0; i < end; i++) if (bytes[i] === LF) n++;
  return Math.max(n, 1);
}

function parseOddScore(
  bytes: Uint8Array,
  start: number,
  end: number,
  line: number,
  files: { scores: string; tags: string; movies: string },
  movieTable: Int32Array,
  tagTable: Int32Array,
  raw: RawGenomeScores,
  problems: RowProblems,
): void {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start)
    .toString('latin1')
    .replace(/\r$/, '');
  if (text.trim() === '') return;
  try {
    const fields = splitLine(text, ',');
    checkFieldCount(fields, SCORE_FIELDS);
    const movie = catalogIndexOf(parseIntegerField(fields[0]!, 'movieId'), movieTable, files.movies);
    const tagId = parseIntegerField(fields[1]!, 'tagId');
    const tag = tagId < tagTable.length ? tagTable[tagId]! : -1;
    if (tag < 0) throw new FieldError('tagId', `tagId ${tagId} is not in ${files.tags}`);
    const relevance = parseNumberField(fields[2]!, 'relevance');
    if (relevance < 0 || relevance > 1) {
      throw new FieldError('relevance', `relevance ${quote(fields[2]!)} is outside 0-1`);
    }
    if (raw.length === raw.movie.length) growRawGenomeScores(raw, raw.length * 2 + 1024);
    raw.movie[raw.length] = movie;
    raw.tag[raw.length] = tag;
    raw.relevance[raw.length] = relevance;
    raw.length++;
  } catch (cause) {
    if (!(cause instanceof FieldError)) throw cause;
    rejectRow(problems, { file: files.scores, line, field: cause.field }, cause.message, cause.code);
  }
}

/** The movies x tags matrix of the scores; genome rows follow catalog order. */
function assembleGenome(
  raw: RawGenomeScores,
  file: string,
  catalog: Catalog,
  tags: string[],
  tagIds: Int32Array,
  problems: RowProblems,
): Genome {
  const nTags = tags.length;
  const rowOf = new Int32Array(catalog.ids.size).fill(-1);
  for (let i = 0; i < raw.length; i++) rowOf[raw.movie[i]!] = 0;
  let rows = 0;
  for (let m = 0; m < rowOf.length; m++) if (rowOf[m] === 0) rowOf[m] = rows++;
  const movie = new Uint32Array(rows);
  for (let m = 0; m < rowOf.length; m++) if (rowOf[m]! >= 0) movie[rowOf[m]!] = m;
  const grid = { rowOf, nTags, rows };
  // genome-scores.csv lists every pair once, sorted by movie and tag: then score i is cell i.
  const relevance = isMatrixInOrder(raw, grid)
    ? raw.relevance.slice(0, raw.length)
    : scatterScores(raw, grid, { file, catalog, movie, tagIds, problems });
  return { tags, tagIds, movie, relevance };
}

/** Where score rows go: the genome row of each catalog movie (-1: none), and the matrix shape. */
interface GenomeGrid {
  readonly rowOf: Int32Array;
  readonly nTags: number;
  readonly rows: number;
}

/** Does score i belong in cell i for every i, filling the matrix exactly? */
function isMatrixInOrder(raw: RawGenomeScores, grid: GenomeGrid): boolean {
  const { rowOf, nTags, rows } = grid;
  if (raw.length !== rows * nTags) return false;
  for (let i = 0; i < raw.length; i++) if (rowOf[raw.movie[i]!]! * nTags + raw.tag[i]! !== i) return false;
  return true;
}

/** Scores in any order: repeated pairs are reported (the last one kept), a missing one is an error. */
function scatterScores(
  raw: RawGenomeScores,
  grid: GenomeGrid,
  context: { file: string; catalog: Catalog; movie: Uint32Array; tagIds: Int32Array; problems: RowProblems },
): Float32Array {
  const { rowOf, nTags, rows } = grid;
  const { file, catalog, movie, tagIds, problems } = context;
  const relevance = new Float32Array(rows * nTags).fill(Number.NaN);
  let duplicates = 0;
  for (let i = 0; i < raw.length; i++) {
    const cell = rowOf[raw.movie[i]!]! * nTags + raw.tag[i]!;
    if (!Number.isNaN(relevance[cell]!)) duplicates++;
    relevance[cell] = raw.relevance[i]!;
  }
  if (duplicates > 0) {
    // Which line is unknown here; the pair is what a person needs to find it.
    const first = firstDuplicate(raw, rowOf, nTags);
    const message = `movieId ${catalog.ids.ids[first.movie]} and tagId ${tagIds[first.tag]} have more than one score (${duplicates} repeated pairs; the last one is kept)`;
    const error = new DataError('duplicate-id', message, { file, field: 'tagId' });
    if (problems.policy === 'error') throw error;
    problems.skipped += duplicates;
    if (problems.examples.length < KEPT_EXAMPLES) problems.examples.push(error.message);
  }
  // Each score fills one cell and a repeated pair none, so the matrix is complete exactly when
  // the distinct pairs number rows x tags: only an incomplete one is scanned for its first hole.
  if (raw.length - duplicates !== rows * nTags) {
    const hole = relevance.findIndex(Number.isNaN);
    const r = Math.floor(hole / nTags);
    throw new DataError(
      'incomplete-genome',
      `movieId ${catalog.ids.ids[movie[r]!]} has no score for tagId ${tagIds[hole - r * nTags]}: the genome must be complete`,
      { file },
    );
  }
  return relevance;
}

function firstDuplicate(
  raw: RawGenomeScores,
  rowOf: Int32Array,
  nTags: number,
): { movie: number; tag: number } {
  const seen = new Set<number>();
  for (let i = 0; i < raw.length; i++) {
    const cell = rowOf[raw.movie[i]!]! * nTags + raw.tag[i]!;
    if (seen.has(cell)) return { movie: raw.movie[i]!, tag: raw.tag[i]! };
    seen.add(cell);
  }
  return { movie: 0, tag: 0 };
}
