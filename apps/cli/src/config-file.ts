import { readFileSync } from 'node:fs';
import { dirname, extname, isAbsolute, resolve } from 'node:path';
import { isRecoError } from '@reco/core';
import { type StudyConfig, studyConfigFromFile } from '@reco/study';
import { isNode, LineCounter, parseDocument } from 'yaml';
import { CliError, describeSystemError } from './cli-error';

const EXTENSIONS = ['.json', '.yaml', '.yml'];

/**
 * Reads `reco.config.{json,yaml,yml}` and returns its settings as a `StudyConfig`. Paths in the
 * file (`data`, `out`) are relative to the file's folder; a bare release name such as
 * `ml-latest-small` stays a name and is looked up as `--data` looks it up. A file that cannot be
 * read exits 1; bad syntax, an unknown key or a bad value is a usage error (exit 2) naming the
 * file, the line and the key's path, e.g. `reco.yaml:4: search.xgb.grid.maxDepth[0]: expected ...`.
 */
export function loadConfigFile(file: string): StudyConfig {
  const ext = extname(file).toLowerCase();
  if (!EXTENSIONS.includes(ext)) {
    throw new CliError(`--config ${file}: expected a ${EXTENSIONS.join(', ')} file`);
  }
  const text = readText(file);
  // YAML 1.2 reads JSON too, so one parser gives both formats line numbers.
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true });
  const syntax = doc.errors[0];
  if (syntax !== undefined) {
    const line = syntax.linePos?.[0].line;
    const kind = ext === '.json' ? 'JSON' : 'YAML';
    throw new CliError(`${file}${line ? `:${line}` : ''}: not valid ${kind}: ${firstLine(syntax.message)}`);
  }
  const value: unknown = doc.toJS();
  let config: StudyConfig;
  try {
    config = studyConfigFromFile(value ?? {}, file, {
      lineOf: (field) => lineOf(doc, lines, field),
    });
  } catch (error) {
    if (isRecoError(error)) throw new CliError(error.message, 2, { cause: error });
    throw error;
  }
  return relativeToFile(config, file);
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const what = describeSystemError(error) ?? `${file} cannot be read`;
    throw new CliError(`--config ${what}`, 1, { code: 'path' });
  }
}

/** The line of `search.xgb.grid.maxDepth[1]`, or of its nearest parent that the file has. */
function lineOf(
  doc: ReturnType<typeof parseDocument>,
  lines: LineCounter,
  field: string,
): number | undefined {
  const path: (string | number)[] = [];
  for (const [, key, index] of field.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    path.push(index === undefined ? key! : Number(index));
  }
  for (let depth = path.length; depth > 0; depth--) {
    const node = doc.getIn(path.slice(0, depth), true);
    if (isNode(node) && node.range) return lines.linePos(node.range[0]).line;
  }
  return undefined;
}

/** `data` and `out` as the file means them: relative to its folder. */
function relativeToFile(config: StudyConfig, file: string): StudyConfig {
  const dir = dirname(resolve(file));
  const pathLike = (p: string) => isAbsolute(p) || p.startsWith('.') || /[\\/]/.test(p);
  return {
    ...config,
    ...(config.data !== undefined && pathLike(config.data) ? { data: resolve(dir, config.data) } : {}),
    ...(config.out === undefined ? {} : { out: resolve(dir, config.out) }),
  };
}

function firstLine(message: string): string {
  return message.split('\n')[0]!;
}
