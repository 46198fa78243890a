/**
 * Byte-level field readers shared by the parse kernels (ratings, genome scores, Netflix). Each is
 * a few lines so V8 inlines it into the kernel's loop: no closures, no allocation, plain indices.
 * They rely on what every kernel guarantees: `bytes[end - 1]` is a line feed, so a digit run
 * always stops inside the buffer and the readers need no bounds checks.
 */

/** The byte values the parsers look for. */
export const LF = 10;
export const CR = 13;
export const QUOTE = 34;
export const COMMA = 44;
export const DASH = 45;
export const DOT = 46;
export const COLON = 58;

/** Where a kernel is in the buffer; updated when it returns. */
export interface KernelCursor {
  pos: number;
  /** 1-based number of the line at `pos`, within the parsed range. */
  line: number;
}

/** The kernel parsed every line up to `end`. */
export const KERNEL_DONE = 0;
/** The output columns are full: grow them and call again. */
export const KERNEL_FULL = 1;
/** The line at `cursor.pos` is not in the plain form: hand it to the careful (slow) line parser. */
export const KERNEL_ODD_LINE = 2;

/** Exact powers of ten: `mantissa / POW10[k]` is the correctly rounded value of a k-decimal number. */
const POW10 = new Float64Array(23).map((_, k) => 10 ** k);
/** Significant digits a decimal keeps: up to 15 the mantissa is exact in a double. */
export const MAX_DECIMAL_DIGITS = 15;

/**
 * Where a field reader stopped: the index of the byte after the field. The readers return the
 * field's value and leave its end here, so reading a field allocates nothing; a kernel makes one
 * of these per call, not per line. V8 keeps it in memory, not in a register, so each field costs
 * a store and a load more than a digit loop written out in the kernel would; the kernels win
 * that back elsewhere (`readTenths`, fixed-width dates) and the parse benchmarks stay level.
 */
export interface FieldEnd {
  end: number;
}

export function createFieldEnd(): FieldEnd {
  return { end: 0 };
}

/**
 * An unsigned integer of 1 to `maxDigits` digits at `p`: its value, or -1 when there is no digit
 * or there are more than `maxDigits`. `field.end` is the byte after the digits (left as it was
 * when there is no digit).
 */
export function readUint(bytes: Uint8Array, p: number, maxDigits: number, field: FieldEnd): number {
  // The first digit is read before the loop: V8 compiles this shape to the tightest code.
  let d = bytes[p]! - 48;
  if (d < 0 || d > 9) return -1;
  let value = d;
  let q = p + 1;
  for (d = bytes[q]! - 48; d >= 0 && d <= 9; d = bytes[q]! - 48) {
    value = value * 10 + d;
    q++;
  }
  field.end = q;
  return q - p > maxDigits ? -1 : value;
}

/**
 * A decimal `digits[.digits]` at `p` (`4`, `3.5`, `.5`, `5.`): its value, or -1 when there is no
 * digit or more than 15 before the point. Digits after the point beyond the 15th significant one
 * are dropped (float noise such as `0.025000000000000022`). `field.end` is the byte after it.
 */
export function readDecimal(bytes: Uint8Array, p: number, field: FieldEnd): number {
  return decimalAt(bytes, p, field, false);
}

/**
 * Like `readDecimal`, but -1 for more than 15 digits in all: the value is then always the
 * correctly rounded one, as `Number(text)` would give.
 */
export function readExactDecimal(bytes: Uint8Array, p: number, field: FieldEnd): number {
  return decimalAt(bytes, p, field, true);
}

function decimalAt(bytes: Uint8Array, p: number, field: FieldEnd, exact: boolean): number {
  let mantissa = 0;
  let digits = 0;
  let decimals = 0;
  let q = p;
  for (let d = bytes[q]! - 48; d >= 0 && d <= 9; d = bytes[q]! - 48) {
    mantissa = mantissa * 10 + d;
    digits++;
    q++;
  }
  const whole = digits;
  if (bytes[q] === DOT) {
    q++;
    for (let d = bytes[q]! - 48; d >= 0 && d <= 9; d = bytes[q]! - 48) {
      if (whole + decimals < MAX_DECIMAL_DIGITS) {
        mantissa = mantissa * 10 + d;
        decimals++;
      }
      digits++;
      q++;
    }
  }
  field.end = q;
  if (digits === 0 || whole > MAX_DECIMAL_DIGITS || (exact && digits > MAX_DECIMAL_DIGITS)) return -1;
  return mantissa / POW10[decimals]!;
}

/**
 * A decimal of the form `d.d` at `p` (a digit, a point, a digit, then no digit), the form of
 * nearly every half-star rating: its value, or -1 for any other form. The number ends at `p + 3`.
 * It skips the two digit loops of `readDecimal`, which pays for that reader on the ratings path.
 */
export function readTenths(bytes: Uint8Array, p: number): number {
  const units = bytes[p]! - 48;
  if (units < 0 || units > 9 || bytes[p + 1] !== DOT) return -1;
  const tenths = bytes[p + 2]! - 48;
  if (tenths < 0 || tenths > 9) return -1;
  const next = bytes[p + 3]! - 48;
  // The same arithmetic as `readDecimal` (mantissa / 10^1), so both give the same double.
  return next >= 0 && next <= 9 ? -1 : (units * 10 + tenths) / 10;
}

/** The value of the digits in `[from, to)`, or -1 when empty, longer than `maxDigits` or not all digits. */
export function digitsValue(bytes: Uint8Array, from: number, to: number, maxDigits: number): number {
  if (to <= from || to - from > maxDigits) return -1;
  let value = 0;
  for (let i = from; i < to; i++) {
    const d = bytes[i]! - 48;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

/** The index after the line break at `p` (LF or CR LF), or -1 when there is none. */
export function lineBreakEnd(bytes: Uint8Array, p: number): number {
  const c = bytes[p];
  if (c === LF) return p + 1;
  return c === CR && bytes[p + 1] === LF ? p + 2 : -1;
}

/** `table[id]`: a dense index by external id, or -1 when the id is negative or past the table. */
export function indexIn(table: Int32Array, id: number): number {
  return id >= 0 && id < table.length ? table[id]! : -1;
}
