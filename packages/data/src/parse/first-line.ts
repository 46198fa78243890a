import { closeSync, openSync, readSync } from 'node:fs';
import { LF } from './scan';
import { bomLength } from './text';

/**
 * The first line of a big file, for header checks without reading the rest: its text (BOM and
 * CR removed) and the byte offset where the next line starts.
 */
export function readFirstLine(path: string): { text: string; next: number; bom: number } {
  const fd = openSync(path, 'r');
  try {
    const probe = Buffer.allocUnsafe(64 << 10);
    const got = readSync(fd, probe, 0, probe.length, 0);
    const bytes = probe.subarray(0, got);
    const bom = bomLength(bytes);
    const lf = bytes.indexOf(LF);
    const end = lf < 0 ? got : lf;
    const text = bytes.toString('utf8', bom, end).replace(/\r$/, '');
    return { text, next: lf < 0 ? got : lf + 1, bom };
  } finally {
    closeSync(fd);
  }
}
