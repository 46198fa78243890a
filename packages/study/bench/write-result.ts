import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Writes bench-results/<name>.json atomically (temp file, then rename) and returns its path. */
export function writeResult(name: string, value: unknown): string {
  const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'bench-results');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.json`);
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(value, null, 2)}\n`);
  renameSync(temp, path);
  return path;
}
