/**
 * What the CLI may write to a terminal. User input and data (paths, titles, flags) are echoed
 * escaped, so an argument holding escape sequences cannot move the cursor or recolour the screen;
 * colour follows the NO_COLOR / FORCE_COLOR conventions.
 */

// C0 controls except tab and newline, DEL, and the C1 range (0x9b is a one-byte CSI).
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** `text` with every control character shown as `\x1b`-style text; tabs and newlines kept. */
export function escapeControl(text: string): string {
  return text.replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

export interface ColorStream {
  readonly isTTY?: boolean;
  hasColors?: (count?: number) => boolean;
}

/**
 * Whether to colour output on `stream`: `NO_COLOR` (any non-empty value) turns colour off,
 * `FORCE_COLOR` turns it on (`0` or `false` turns it off) and wins over NO_COLOR, as in Node, otherwise colour only on a terminal.
 * See https://no-color.org and https://force-color.org.
 */
export function useColor(stream: ColorStream, env: NodeJS.ProcessEnv = process.env): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') return !(force === '0' || force.toLowerCase() === 'false');
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (stream.isTTY !== true) return false;
  return env.TERM !== 'dumb';
}
