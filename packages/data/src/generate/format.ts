/**
 * Hand-written number formatting into byte buffers. The ratings loop formats 80M numbers at
 * ml-20m scale; `String(n)` plus an encode per field would allocate as many strings.
 */

export const COMMA = 0x2c;
export const NEWLINE = 0x0a;
const ZERO = 0x30;

/** Writes a non-negative integer (< 2^53) in decimal at `pos`; returns the position after it. */
export function writeUint(buffer: Uint8Array, pos: number, value: number): number {
  let digits = 1;
  for (let limit = 10; value >= limit && digits < 16; limit *= 10) digits++;
  let end = pos + digits;
  const after = end;
  do {
    const next = Math.floor(value / 10);
    buffer[--end] = ZERO + (value - next * 10);
    value = next;
  } while (value > 0);
  return after;
}

/**
 * Writes `units / 100000` with exactly five decimals ("0.02875", "1.00000"); `units` is an integer
 * from 0 to 99,999,999. Genome relevances are stored this way.
 */
export function writeFixed5(buffer: Uint8Array, pos: number, units: number): number {
  const whole = Math.floor(units / 100_000);
  let fraction = units - whole * 100_000;
  pos = writeUint(buffer, pos, whole);
  buffer[pos] = 0x2e; // '.'
  for (let i = 5; i >= 1; i--) {
    const next = Math.floor(fraction / 10);
    buffer[pos + i] = ZERO + (fraction - next * 10);
    fraction = next;
  }
  return pos + 6;
}

/** Decimal digits of every id in a table, fixed stride, so rows copy bytes instead of formatting. */
export interface DigitTable {
  readonly bytes: Uint8Array;
  readonly length: Uint8Array;
  readonly stride: number;
}

export function digitTable(ids: ArrayLike<number>): DigitTable {
  const stride = 16;
  const bytes = new Uint8Array(ids.length * stride);
  const length = new Uint8Array(ids.length);
  for (let i = 0; i < ids.length; i++) length[i] = writeUint(bytes, i * stride, ids[i]!) - i * stride;
  return { bytes, length, stride };
}

/** A CSV field as RFC 4180 writes it: quoted when it holds a comma, quote or line break. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
