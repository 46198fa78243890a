import { isUtf8 } from 'node:buffer';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { DetectedRelease } from '../layout';
import { catalogIndexOf, checkFieldCount, FieldError, parseIntegerField } from '../parse/fields';
import { readFirstLine } from '../parse/first-line';
import { forEachLineChunk } from '../parse/line-chunks';
import { splitLine } from '../parse/records';
import { COLON, COMMA, CR, digitsValue, indexIn, LF, QUOTE } from '../parse/scan';
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

/** The tags read so far: growable columns and the interned tag texts. */
interface TagsRead {
  readonly out: TagColumns;
  readonly tagIndex: Map<string, number>;
  readonly vocabulary: string[];
}

/** Parses the whole file, or returns undefined when it turns out not to be UTF-8. */
function parseTagFile(ctx: TagContext, encoding: TextEncoding): TagStore | undefined {
  const { path, csv, dataStart } = ctx;
  const size = statSync(path).size;
  const read: TagsRead = {
    out: {
      userId: new Int32Array(1024),
      movie: new Uint32Array(1024),
      tag: new Uint32Array(1024),
      timestamp: new Uint32Array(1024),
      length: 0,
    },
    tagIndex: new Map<string, number>(),
    vocabulary: [],
  };
  let line = csv ? 2 : 1;
  let notUtf8 = false;

  forEachLineChunk(path, dataStart, size, (chunk) => {
    const { bytes, end } = chunk;
    if (encoding === 'utf-8' && !isUtf8(bytes.subarray(0, end))) {
      notUtf8 = true;
      return false;
    }
    let s = 0;
    while (s < end) {
      const lf = bytes.indexOf(LF, s);
      let e = lf;
      if (e > s && bytes[e - 1] === CR) e--;
      if (e > s) parseTagLine(ctx, read, bytes as Buffer, s, e, line, encoding);
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
  const { out, vocabulary } = read;
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

/** One non-blank line `bytes[s..e)`: ids and timestamp from bytes, or the careful path. */
function parseTagLine(
  ctx: TagContext,
  read: TagsRead,
  bytes: Buffer,
  s: number,
  e: number,
  line: number,
  encoding: TextEncoding,
): void {
  const sep = ctx.csv ? COMMA : COLON; // ',' or the first ':' of '::'
  const sepLength = ctx.csv ? 1 : 2;
  // Field boundaries: two separators from the front, one from the back.
  const a = indexOfSep(bytes, sep, sepLength, s, e);
  const b = a < 0 ? -1 : indexOfSep(bytes, sep, sepLength, a + sepLength, e);
  const c = b < 0 ? -1 : lastIndexOfSep(bytes, sep, sepLength, b + sepLength, e);
  const userId = a < 0 ? -1 : digitsValue(bytes, s, a, 9);
  const movieId = b < 0 ? -1 : digitsValue(bytes, a + sepLength, b, 9);
  const timestamp = c < 0 ? -1 : digitsValue(bytes, c + sepLength, e, 10);
  const movie = indexIn(ctx.movieTable, movieId);
  if (userId < 0 || movie < 0 || timestamp < 0 || timestamp > 0xffffffff) {
    parseOddTag(ctx, bytes.toString(encoding === 'utf-8' ? 'utf8' : 'latin1', s, e), line, read);
  } else {
    const tag = tagText(bytes, b + sepLength, c, ctx.csv, encoding);
    append(read.out, userId, movie, intern(tag, read), timestamp);
  }
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

/** The tag between two separators: CSV quotes removed and doubled quotes undone. */
function tagText(bytes: Buffer, from: number, to: number, csv: boolean, encoding: TextEncoding): string {
  const charset = encoding === 'utf-8' ? 'utf8' : 'latin1';
  if (csv && to - from >= 2 && bytes[from] === QUOTE && bytes[to - 1] === QUOTE) {
    return bytes.toString(charset, from + 1, to - 1).replaceAll('""', '"');
  }
  return bytes.toString(charset, from, to);
}

function intern(tag: string, read: TagsRead): number {
  let i = read.tagIndex.get(tag);
  if (i === undefined) {
    i = read.vocabulary.length;
    read.vocabulary.push(tag);
    read.tagIndex.set(tag, i);
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
function parseOddTag(ctx: TagContext, text: string, line: number, read: TagsRead): void {
  try {
    let fields = ctx.csv ? splitLine(text, ',') : text.split('::');
    if (!ctx.csv && fields.length > FIELDS.length) {
      // An unquoted tag that holds '::' itself.
      fields = [fields[0]!, fields[1]!, fields.slice(2, -1).join('::'), fields[fields.length - 1]!];
    }
    checkFieldCount(fields, FIELDS);
    const userId = parseIntegerField(fields[0]!, 'userId');
    const movie = catalogIndexOf(parseIntegerField(fields[1]!, 'movieId'), ctx.movieTable, ctx.movies);
    const timestamp = parseIntegerField(fields[3]!, 'timestamp', 0xffffffff);
    append(read.out, userId, movie, intern(fields[2]!, read), timestamp);
  } catch (cause) {
    if (!(cause instanceof FieldError)) throw cause;
    rejectRow(ctx.problems, { file: ctx.file, line, field: cause.field }, cause.message, cause.code);
  }
}
