/** Decimal units, as `df -H` and cloud memory limits use them. */
const UNITS: Readonly<Record<string, number>> = { '': 1, K: 1e3, M: 1e6, G: 1e9, T: 1e12 };

/** The form `parseByteSize` accepts, for schemas that check sizes before parsing them. */
export const BYTE_SIZE_PATTERN = '^\\s*\\d+(\\.\\d+)?\\s*[KMGTkmgt]?[Bb]?\\s*$';

/**
 * A size in bytes from `4G`, `512M`, `1.5 GB` or `4000000000` (decimal units, case-insensitive,
 * an optional trailing `B`). Returns null for anything else and for sizes that are not > 0.
 */
export function parseByteSize(text: string): number | null {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([KMGT]?)B?\s*$/i.exec(text);
  if (match === null) return null;
  const bytes = Math.round(Number(match[1]) * UNITS[match[2]!.toUpperCase()]!);
  return bytes > 0 && Number.isFinite(bytes) ? bytes : null;
}
