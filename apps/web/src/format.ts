/** Numbers for people: 12,345; 0.8277; 61.2%; 1m09s. Pure, so the views' text is testable. */
const intFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export const int = (n: number): string => intFormat.format(n);
export const metric = (n: number): string => n.toFixed(4);
export const percent = (share: number, digits = 1): string => `${(share * 100).toFixed(digits)}%`;

/** Seconds as `0.42 s`, `12.3 s` or `1m09s`. */
export function duration(seconds: number): string {
  if (seconds < 10) return `${seconds.toFixed(2)} s`;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const m = Math.floor(seconds / 60);
  const s = Math.round(seconds - m * 60);
  return `${m}m${String(s).padStart(2, '0')}s`;
}

export function bytes(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(2)} GiB`;
  return `${(n / 1024 ** 2).toFixed(0)} MiB`;
}

/** `2018-09-24` from ISO text or Unix seconds. */
export function day(value: string | number): string {
  const d = typeof value === 'number' ? new Date(value * 1000) : new Date(value);
  return d.toISOString().slice(0, 10);
}
