import { CR, DOT, KERNEL_DONE, KERNEL_FULL, KERNEL_ODD_LINE, type KernelCursor, LF } from './ratings-kernel';

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
  const n = raw.length;
  const movie = new Uint32Array(capacity);
  movie.set(raw.movie.subarray(0, n));
  raw.movie = movie;
  const tag = new Uint32Array(capacity);
  tag.set(raw.tag.subarray(0, n));
  raw.tag = tag;
  const relevance = new Float32Array(capacity);
  relevance.set(raw.relevance.subarray(0, n));
  raw.relevance = relevance;
}

const POW10 = new Float64Array(23).map((_, k) => 10 ** k);
/** Significant digits kept exactly; float32 keeps about 7, so later digits cannot matter. */
const MAX_DIGITS = 15;

/**
 * Parses `movieId,tagId,relevance` lines (genome-scores.csv, 11.7M lines in ml-20m) from bytes,
 * like `parseRatingLines`: locals, typed arrays, no allocation, odd lines left to the careful
 * parser. Relevance digits beyond the 15th are dropped: they are float noise such as
 * `0.025000000000000022`, far below float32 precision.
 */
export function parseGenomeLines(
  bytes: Uint8Array,
  end: number,
  cursor: KernelCursor,
  out: RawGenomeScores,
  movieTable: Int32Array,
  tagTable: Int32Array,
): number {
  const movieTableSize = movieTable.length;
  const tagTableSize = tagTable.length;
  const movies = out.movie;
  const tags = out.tag;
  const relevances = out.relevance;
  const capacity = movies.length;
  let n = out.length;
  let p = cursor.pos;
  let line = cursor.line;
  let status = KERNEL_DONE;
  let lineStart = p;

  while (p < end) {
    lineStart = p;
    if (bytes[p] === LF) {
      p++;
      line++;
      continue;
    }
    if (n === capacity) {
      status = KERNEL_FULL;
      break;
    }
    let d = bytes[p]! - 48;
    if (d < 0 || d > 9) {
      status = KERNEL_ODD_LINE;
      break;
    }
    let movieId = d;
    let q = p + 1;
    for (d = bytes[q]! - 48; d >= 0 && d <= 9; d = bytes[q]! - 48) {
      movieId = movieId * 10 + d;
      q++;
    }
    if (q - p > 9 || bytes[q] !== 44 || movieId >= movieTableSize || movieTable[movieId]! < 0) {
      status = KERNEL_ODD_LINE;
      break;
    }
    p = q + 1;
    d = bytes[p]! - 48;
    if (d < 0 || d > 9) {
      status = KERNEL_ODD_LINE;
      break;
    }
    let tagId = d;
    q = p + 1;
    for (d = bytes[q]! - 48; d >= 0 && d <= 9; d = bytes[q]! - 48) {
      tagId = tagId * 10 + d;
      q++;
    }
    if (q - p > 9 || bytes[q] !== 44 || tagId >= tagTableSize || tagTable[tagId]! < 0) {
      status = KERNEL_ODD_LINE;
      break;
    }
    p = q + 1;

    let mantissa = 0;
    let digits = 0;
    let decimals = 0;
    for (d = bytes[p]! - 48; d >= 0 && d <= 9; d = bytes[p]! - 48) {
      mantissa = mantissa * 10 + d;
      digits++;
      p++;
    }
    if (bytes[p] === DOT) {
      p++;
      for (d = bytes[p]! - 48; d >= 0 && d <= 9; d = bytes[p]! - 48) {
        if (digits < MAX_DIGITS) {
          mantissa = mantissa * 10 + d;
          digits++;
          decimals++;
        }
        p++;
      }
    }
    const c = bytes[p];
    if (digits === 0 || digits > MAX_DIGITS) {
      status = KERNEL_ODD_LINE;
      break;
    }
    if (c === LF) {
      p++;
    } else if (c === CR && bytes[p + 1] === LF) {
      p += 2;
    } else {
      status = KERNEL_ODD_LINE;
      break;
    }
    const relevance = mantissa / POW10[decimals]!;
    if (relevance > 1) {
      status = KERNEL_ODD_LINE;
      break;
    }
    movies[n] = movieTable[movieId]!;
    tags[n] = tagTable[tagId]!;
    relevances[n] = relevance;
    n++;
    line++;
  }

  out.length = n;
  cursor.line = line;
  cursor.pos = status === KERNEL_DONE ? p : lineStart;
  return status;
}
