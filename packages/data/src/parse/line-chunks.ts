import { closeSync, openSync, readSync } from 'node:fs';
import { LF } from './scan';

/** Bytes read per system call. Large enough to amortise the call, small enough to stay in cache. */
export const CHUNK_BYTES = 4 << 20;

/** A buffer of whole lines handed to a line visitor. */
export interface LineChunk {
  /** The bytes; only `[0, end)` is valid. */
  readonly bytes: Uint8Array;
  /** Exclusive end; `bytes[end - 1]` is always a line feed. */
  readonly end: number;
  /** File offset of `bytes[0]`. */
  readonly fileOffset: number;
  /** True for the chunk that holds the range's last line. */
  readonly last: boolean;
  /** True when the range ended without a line break and one was added after its last line. */
  readonly addedLineBreak: boolean;
}

/**
 * Reads the byte range `[start, end)` of a file as consecutive chunks of whole lines, so a
 * parser never sees a line cut at a chunk boundary: the unfinished tail of each read is carried
 * to the front of the buffer and completed by the next read. The visitor returns false to stop.
 */
export function forEachLineChunk(
  path: string,
  start: number,
  end: number,
  visit: (chunk: LineChunk) => boolean | undefined,
  chunkBytes = CHUNK_BYTES,
): void {
  const fd = openSync(path, 'r');
  try {
    // One spare byte for the line break added after an unterminated last line.
    let buffer = Buffer.allocUnsafe(Math.min(chunkBytes, Math.max(end - start, 1)) + 1);
    let carry = 0;
    let position = start;
    while (position < end || carry > 0) {
      if (carry === buffer.length - 1) {
        // A single line longer than the buffer: grow it rather than fail.
        const bigger = Buffer.allocUnsafe(buffer.length * 2);
        buffer.copy(bigger, 0, 0, carry);
        buffer = bigger;
      }
      const want = Math.min(buffer.length - 1 - carry, end - position);
      const got = want > 0 ? readSync(fd, buffer, carry, want, position) : 0;
      if (want > 0 && got === 0) break; // the file shrank under us; what was read is parsed
      position += got;
      let length = carry + got;
      const last = position >= end;
      let addedLineBreak = false;
      if (last && length > 0 && buffer[length - 1] !== LF) {
        buffer[length++] = LF;
        addedLineBreak = true;
      }
      const lineEnd = buffer.lastIndexOf(LF, length - 1) + 1;
      if (lineEnd > 0) {
        const fileOffset = position - (carry + got);
        const goOn = visit({ bytes: buffer, end: lineEnd, fileOffset, last, addedLineBreak });
        if (goOn === false) return;
      }
      carry = length - lineEnd;
      if (carry > 0) buffer.copyWithin(0, lineEnd, length);
      if (last) break;
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * Offsets that cut `[start, end)` into `parts` ranges of similar size, each starting at a line
 * start, so workers can parse them independently. Fewer ranges come back when the span is small.
 */
export function splitAtLineStarts(path: string, start: number, end: number, parts: number): number[] {
  const cuts = [start];
  const fd = openSync(path, 'r');
  try {
    const probe = Buffer.allocUnsafe(64 << 10);
    for (let k = 1; k < parts; k++) {
      let p = Math.max(start + Math.floor(((end - start) * k) / parts), cuts[cuts.length - 1]!);
      // The cut goes right after the first line feed at or after p - 1.
      let found = -1;
      while (found < 0 && p - 1 < end) {
        const got = readSync(fd, probe, 0, Math.min(probe.length, end - (p - 1)), p - 1);
        if (got <= 0) break;
        const i = probe.subarray(0, got).indexOf(LF);
        if (i >= 0) found = p - 1 + i + 1;
        else p += got;
      }
      if (found < 0 || found >= end) break;
      if (found > cuts[cuts.length - 1]!) cuts.push(found);
    }
  } finally {
    closeSync(fd);
  }
  cuts.push(end);
  return cuts;
}
