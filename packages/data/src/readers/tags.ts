import { isUtf8 } from 'node:buffer';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { DetectedRelease } from '../layout';
import { FieldError, parseIntegerField } from '../parse/fields';
import { readFirstLine } from '../parse/first-line';
import { forEachLineChunk } from '../parse/line-chunks';
import { CR, LF, QUOTE } from '../parse/ratings-kernel';
import { splitLine } from '../parse/records';
import type { TextEncoding } from '../parse/text';
import { type RowProblems, rejectRow } from '../problems';
import type { OnProgress, TagStore } from '../types';
import { checkHeader } from './text-file';

const FIELDS = ['userId', 'movieId', 'tag', 'timestamp'] as const;

/** Growable tag columns. */
interface TagColumns {
  userId: Int32Array;
  movie: Uint32Array;
  tag: Uint32Array;
  timestamp: Uint32Array;
  length: number;
}

/**
 * Reads `tags.csv` / `tags.dat` (`userId SEP movieId SEP tag SEP timestamp`) line by line from
 * bytes: ids and timestamps are parsed in place, only the tag text becomes a string (and is
 * interned). The tag may hold the separator (quoted in CSV), so ids are read from the front and
 * the timestamp from the back of the line. Tags on movies outside the catalog are invalid rows.
 */
export function readTags(
  release: DetectedRelease,
  movieTable: Int32Array,
  problems: RowProblems,
  onProgress?: OnProgress,
): TagStore {
  const file = release.files.tags!;
  const path = join(release.dir, file);
  const csv = release.layout === 'csv';
  const header = readFirstLine(path);
  let dataStart = header.bom;
  if (csv) {
    checkHeader(splitLine(header.text, ','), FIELDS, file);
    dataStart = header.next;
  }
  const ctx = { file, path, csv, dataStart, movieTable, movies: release.files.movies, problems, onProgress };
  // Tags are UTF-8 in every release we know; a file that is not gets re-read as Latin-1.
  const skippedBefore = problems.skipped;
  const examplesBefore = problems.examples.length;
  const utf8 = parseTagFile(ctx, 'utf-8');
  if (utf8 !== undefined) return utf8;
  problems.skipped = skippedBefore;
  problems.examples.length = examplesBefore;
  return parseTagFile(ctx, 'latin1')!;
}

interface TagContext {
  readonly file: string;
  readonly path: string;
  readonly csv: boolean;
  readonly dataStart: number;
  readonly movieTable: Int32Array;
  readonly movies: string;
  readonly problems: RowProblems;
  readonly onProgress?: OnProgress;
}

/** Parses the whole file, or returns undefined when it turns out not to be UTF-8. */
function parseTagFile(ctx: TagContext, encoding: TextEncoding): TagStore | undefined {
  const { path, csv, dataStart, movieTable } = ctx;
  const size = statSync(path).size;
  const sep = csv ? 44 : 58; // ',' or the first ':' of '::'
  const sepLength = csv ? 1 : 2;
  const vocabulary: string[] = [];
  const tagIndex = new Map<string, number>();
  const out: TagColumns = {
    userId: new Int32Array(1024),
    movie: new Uint32Array(1024),
    tag: new Uint32Array(1024),
    timestamp: new Uint32Array(1024),
    length: 0,
  };
  let line = csv ? 2 : 1;
  let notUtf8 = false;

  forEachLineChunk(path, dataStart, size, (chunk) => {
    const { bytes, end } = chunk;
    if (encoding === 'utf-8' && !isUtf8(bytes.subarray(0, end))) {
      notUtf8 = true;
      return false;
    }
    const text = bytes as Buffer;
    let s = 0;
    while (s < end) {
      const lf = text.indexOf(LF, s);
      let e = lf;
      if (e > s && text[e - 1] === CR) e--;
      if (e > s) {
        // Field boundaries: two separators from the front, one from the back.
        const a = indexOfSep(text, sep, sepLength, s, e);
        const b = a < 0 ? -1 : indexOfSep(text, sep, sepLength, a + sepLength, e);
        const c = b < 0 ? -1 : lastIndexOfSep(text, sep, sepLength, b + sepLength, e);
        const userId = a < 0 ? -1 : digitsValue(text, s, a, 9);
        const movieId = b < 0 ? -1 : digitsValue(text, a + sepLength, b, 9);
        const timestamp = c < 0 ? -1 : digitsValue(text, c + sepLength, e, 10);
        const movie = movieId >= 0 && movieId < movieTable.length ? movieTable[movieId]! : -1;
        if (userId < 0 || movie < 0 || timestamp < 0 || timestamp > 0xffffffff) {
          parseOddTag(
            ctx,
            text.toString(encoding === 'utf-8' ? 'utf8' : 'latin1', s, e),
            line,
            out,
            tagIndex,
            vocabulary,
          );
        } else {
          const tag = tagText(text, b + sepLength, c, csv, encoding);
          append(out, userId, movie, intern(tag, tagIndex, vocabulary), timestamp);
        }
      }
      s = lf + 1;
      line++;
    }
    ctx.onProgress?.({
      stage: 'tags',
      done: chunk.fileOffset + end - dataStart,
      total: size - dataStart,
      unit: 'bytes',
    });
    return true;
  });
  if (notUtf8) return undefined;
  const n = out.length;
  return {
    length: n,
    userId: out.userId.slice(0, n),
    movie: out.movie.slice(0, n),
    tag: out.tag.slice(0, n),
    timestamp: out.timestamp.slice(0, n),
    vocabulary,
  };
}

function indexOfSep(bytes: Uint8Array, sep: number, length: number, from: number, to: number): number {
  for (let i = from; i + length <= to; i++) {
    if (bytes[i] === sep && (length === 1 || bytes[i + 1] === sep)) return i;
  }
  return -1;
}

function lastIndexOfSep(bytes: Uint8Array, sep: number, length: number, from: number, to: number): number {
  for (let i = to - length; i >= from; i--) {
    if (bytes[i] === sep && (length === 1 || bytes[i + 1] === sep)) return i;
  }
  return -1;
}

/** The value of the digits in `[from, to)`, or -1 when empty, too long or not all digits. */
function digitsValue(bytes: Uint8Array, from: number, to: number, maxDigits: number): number {
  if (to <= from || to - from > maxDigits) return -1;
  let v = 0;
  for (let i = from; i < to; i++) {
    const d = bytes[i]! - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

/** The tag between two separators: CSV quotes removed and doubled quotes undone. */
function tagText(bytes: Buffer, from: number, to: number, csv: boolean, encoding: TextEncoding): string {
  const charset = encoding === 'utf-8' ? 'utf8' : 'latin1';
  if (csv && to - from >= 2 && bytes[from] === QUOTE && bytes[to - 1] === QUOTE) {
    return bytes.toString(charset, from + 1, to - 1).replaceAll('""', '"');
  }
  return bytes.toString(charset, from, to);
}

function intern(tag: string, index: Map<string, number>, vocabulary: string[]): number {
  let i = index.get(tag);
  if (i === undefined) {
    i = vocabulary.length;
    vocabulary.push(tag);
    index.set(tag, i);
  }
  return i;
}

function append(out: TagColumns, userId: number, movie: number, tag: number, timestamp: number): void {
  if (out.length === out.userId.length) {
    const cap = out.length * 2;
    const grow = <T extends Int32Array | Uint32Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(cap);
      b.set(a);
      return b;
    };
    out.userId = grow(out.userId);
    out.movie = grow(out.movie);
    out.tag = grow(out.tag);
    out.timestamp = grow(out.timestamp);
  }
  const n = out.length++;
  out.userId[n] = userId;
  out.movie[n] = movie;
  out.tag[n] = tag;
  out.timestamp[n] = timestamp;
}

/** The careful path: accepts the line after all, or rejects it with the reason. */
function parseOddTag(
  ctx: TagContext,
  text: string,
  line: number,
  out: TagColumns,
  tagIndex: Map<string, number>,
  vocabulary: string[],
): void {
  try {
    let fields = ctx.csv ? splitLine(text, ',') : text.split('::');
    if (!ctx.csv && fields.length > FIELDS.length) {
      // An unquoted tag that holds '::' itself.
      fields = [fields[0]!, fields[1]!, fields.slice(2, -1).join('::'), fields[fields.length - 1]!];
    }
    if (fields.length !== FIELDS.length) {
      throw new FieldError(
        '',
        `expected ${FIELDS.length} fields (${FIELDS.join(', ')}), found ${fields.length}`,
      );
    }
    const userId = parseIntegerField(fields[0]!, 'userId');
    const movieId = parseIntegerField(fields[1]!, 'movieId');
    const movie = movieId < ctx.movieTable.length ? ctx.movieTable[movieId]! : -1;
    if (movie < 0)
      throw new FieldError(
        'movieId',
        `movieId ${movieId} is not in ${ctx.movies}`,
        undefined,
        'unknown-movie',
      );
    const timestamp = parseIntegerField(fields[3]!, 'timestamp', 0xffffffff);
    append(out, userId, movie, intern(fields[2]!, tagIndex, vocabulary), timestamp);
  } catch (cause) {
    if (!(cause instanceof FieldError)) throw cause;
    rejectRow(ctx.problems, { file: ctx.file, line, field: cause.field }, cause.message, cause.code);
  }
}
