import { grownColumn } from './raw-ratings';
import {
  COMMA,
  createFieldEnd,
  indexIn,
  KERNEL_DONE,
  KERNEL_FULL,
  KERNEL_ODD_LINE,
  type KernelCursor,
  LF,
  lineBreakEnd,
  readDecimal,
  readUint,
} from './scan';

/** Genome scores as parsed: dense catalog movie index, genome tag index, relevance. */
export interface RawGenomeScores {
  movie: Uint32Array;
  tag: Uint32Array;
  relevance: Float32Array;
  length: number;
}

export function createRawGenomeScores(capacity: number): RawGenomeScores {
  const cap = Math.max(16, Math.ceil(capacity));
  return {
    movie: new Uint32Array(cap),
    tag: new Uint32Array(cap),
    relevance: new Float32Array(cap),
    length: 0,
  };
}

export function growRawGenomeScores(raw: RawGenomeScores, capacity: number): void {
  raw.movie = grownColumn(raw.movie, capacity, raw.length);
  raw.tag = grownColumn(raw.tag, capacity, raw.length);
  raw.relevance = grownColumn(raw.relevance, capacity, raw.length);
}

/**
 * Parses `movieId,tagId,relevance` lines (genome-scores.csv, 11.7M lines in ml-20m) from bytes,
 * like `parseRatingLines`: locals, typed arrays, no allocation, odd lines left to the careful
 * parser. Relevance digits beyond the 15th are dropped (see `readDecimal`): they are float noise
 * such as `0.025000000000000022`, far below float32 precision.
 */
export function parseGenomeLines(
  bytes: Uint8Array,
  end: number,
  cursor: KernelCursor,
  out: RawGenomeScores,
  movieTable: Int32Array,
  tagTable: Int32Array,
): number {
  const { movie: movies, tag: tags, relevance: relevances } = out;
  const field = createFieldEnd();
  let n = out.length;
  let line = cursor.line;
  let status = KERNEL_DONE;
  // `p` is the start of the current line; a stop leaves it there.
  let p = cursor.pos;
  while (p < end) {
    if (bytes[p] === LF) {
      p++;
      line++;
      continue;
    }
    if (n === movies.length) {
      status = KERNEL_FULL;
      break;
    }
    // A failed check below stops the loop at this line, with this status.
    status = KERNEL_ODD_LINE;
    const movie = indexIn(movieTable, readUint(bytes, p, 9, field));
    if (movie < 0 || bytes[field.end] !== COMMA) break;
    const tag = indexIn(tagTable, readUint(bytes, field.end + 1, 9, field));
    if (tag < 0 || bytes[field.end] !== COMMA) break;
    const relevance = readDecimal(bytes, field.end + 1, field);
    const next = lineBreakEnd(bytes, field.end);
    if (relevance < 0 || relevance > 1 || next < 0) break;
    status = KERNEL_DONE;

    movies[n] = movie;
    tags[n] = tag;
    relevances[n] = relevance;
    n++;
    line++;
    p = next;
  }
  out.length = n;
  cursor.line = line;
  cursor.pos = p;
  return status;
}
