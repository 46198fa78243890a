import { type Static, Type } from 'typebox';
import { Value } from 'typebox/value';
import { BundleError } from './errors';
import type { NpyHeader } from './npy';

export const BUNDLE_FORMAT = 'reco.artifacts';
/** The version this build writes. Version 1 (written by `@reco/recommender`) still reads. */
export const BUNDLE_VERSION = 2;
/** Every version this build reads. */
export const READABLE_VERSIONS: readonly number[] = [1, 2];
export const MANIFEST_FILE = 'manifest.json';

const FileEntry = Type.Object({
  bytes: Type.Integer({ minimum: 0 }),
  /** Lower-case hex SHA-256 of the file's bytes. */
  sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
});

const ModelEntry = Type.Object({
  model: Type.String(),
  variant: Type.String(),
  kind: Type.String(),
  path: Type.String(),
});

const BestModel = Type.Object({
  model: Type.String(),
  variant: Type.String(),
  /** The validation-chosen like threshold: a probability strictly inside (0, 1). */
  threshold: Type.Number({ exclusiveMinimum: 0, exclusiveMaximum: 1 }),
});

/**
 * One `.npy` file of the bundle as the manifest declares it (`manifest.arrays[name]`): what a
 * reader may rely on before opening the file, checked against the file's own header at load.
 */
const ArrayEntry = Type.Object({
  /** Bundle path of the file: always `arrays/<name>.npy`, and listed in `files`. */
  file: Type.String(),
  /** NumPy `descr`, little-endian: `<f4` `<f8` `<i4` `<u4` `|u1`. */
  dtype: Type.Union([
    Type.Literal('<f4'),
    Type.Literal('<f8'),
    Type.Literal('<i4'),
    Type.Literal('<u4'),
    Type.Literal('|u1'),
  ]),
  /** Dimensions in C order, e.g. `[610, 26]` (users x columns); each a non-negative integer. */
  shape: Type.Array(Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER }), { maxItems: 32 }),
  /** One sentence: what a row and a column are. */
  description: Type.String(),
  /** Names of the last axis, when its positions have names (as many as its length). */
  columns: Type.Optional(Type.Array(Type.String())),
});

/**
 * The runtime schema of `manifest.json`. Unknown keys are allowed (later versions add keys); the
 * fields every reader relies on are typed. `bestModel` must also be one of `models` (checked
 * after the schema, see `checkManifest`).
 */
export const ManifestSchema = Type.Object({
  format: Type.Literal(BUNDLE_FORMAT),
  version: Type.Integer(),
  createdAt: Type.String(),
  /** Which program wrote the bundle, e.g. `@reco/study 0.1.0` (v2; derived for v1). */
  writtenBy: Type.Optional(Type.String()),
  bestModel: BestModel,
  models: Type.Array(ModelEntry, { minItems: 1 }),
  info: Type.Object({}),
  serving: Type.Optional(
    Type.Object({
      hybridWeight: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
      /** The default strategy of `recommend` (absent in older bundles: 'classifier'). */
      strategy: Type.Optional(Type.String()),
      /** Kinds of the stored retrieval models (`retrieverPaths(kind)`). */
      retrievers: Type.Optional(Type.Array(Type.String())),
    }),
  ),
  packageVersions: Type.Optional(Type.Record(Type.String(), Type.String())),
  /** Every other file of the bundle, by POSIX path relative to the bundle folder. */
  files: Type.Record(Type.String(), FileEntry),
  /**
   * Every `arrays/*.npy` file by array name (e.g. `pipeline/user_table`): dtype, shape,
   * description, column names. Absent in bundles written before arrays were declared here.
   */
  arrays: Type.Optional(Type.Record(Type.String(), ArrayEntry)),
});

export type BundleFileEntry = Static<typeof FileEntry>;
/** One `manifest.arrays` entry. */
export type ManifestArrayEntry = Static<typeof ArrayEntry>;
/** `manifest.arrays`: array name to its declared file, dtype and shape. */
export type ManifestArrays = Readonly<Record<string, ManifestArrayEntry>>;

/** `manifest.json` as a reader sees it: the schema's fields plus whatever else the writer stored. */
export type BundleManifest = Static<typeof ManifestSchema> & { readonly [key: string]: unknown };

/**
 * The writer's part of the manifest: everything except `format`, `version` and `files`, which
 * `writeBundle` adds. Open-ended so studies can add keys.
 */
export interface ManifestBody {
  readonly createdAt: string;
  readonly writtenBy: string;
  readonly bestModel: { readonly model: string; readonly variant: string; readonly threshold: number };
  readonly models: readonly {
    readonly model: string;
    readonly variant: string;
    readonly kind: string;
    readonly path: string;
  }[];
  readonly info: object;
  /** What `writeArrays` returned, when the bundle has `.npy` arrays (every one must be here). */
  readonly arrays?: ManifestArrays;
  readonly [key: string]: unknown;
}

/**
 * Checks a parsed manifest: format, a readable version, the schema, `bestModel` among `models`
 * and safe file paths. Throws `BundleError` with `field` = the JSON path of the first bad field.
 * A v1 manifest is migrated in memory (its `writtenBy` is derived from `packageVersions`).
 */
export function checkManifest(value: unknown, file: string): BundleManifest {
  const fail = (code: 'bad-manifest' | 'unsupported-version', field: string, what: string): never => {
    throw new BundleError(code, `${field} ${what}`, { file, field });
  };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail('bad-manifest', '/', 'is not a JSON object');
  }
  const raw = value as Record<string, unknown>;
  if (raw.format !== BUNDLE_FORMAT) {
    fail('bad-manifest', '/format', `is ${JSON.stringify(raw.format)}, expected "${BUNDLE_FORMAT}"`);
  }
  if (typeof raw.version !== 'number' || !READABLE_VERSIONS.includes(raw.version)) {
    fail('unsupported-version', '/version', versionAdvice(raw));
  }
  const firstError = Value.Errors(ManifestSchema, raw)[0];
  if (firstError !== undefined) {
    fail('bad-manifest', firstError.instancePath || '/', firstError.message);
  }
  const manifest = raw as BundleManifest;
  const { model, variant } = manifest.bestModel;
  if (!manifest.models.some((m) => m.model === model && m.variant === variant)) {
    fail('bad-manifest', '/bestModel', `names ${model} ${variant}, which is not among /models`);
  }
  for (const path of Object.keys(manifest.files)) checkRelativePath(path, file);
  if (manifest.arrays !== undefined) checkArraySection(manifest, fail);
  return manifest.version === 1 ? migrateV1(manifest) : manifest;
}

/** Is `path` one of the bundle's NumPy files (`arrays/<name>.npy`), which `arrays` must declare? */
export function isArrayFile(path: string): boolean {
  return path.startsWith('arrays/') && path.endsWith('.npy');
}

/**
 * The `arrays` section agrees with the rest of the manifest: each entry's `file` is
 * `arrays/<name>.npy` and listed in `files`, `columns` name the last axis, and every `arrays/*.npy`
 * of `files` is declared (so a reader finds every array's dtype and shape here).
 */
function checkArraySection(
  manifest: BundleManifest,
  fail: (code: 'bad-manifest', field: string, what: string) => never,
): void {
  const arrays = manifest.arrays!;
  const declared = new Set<string>();
  for (const [name, entry] of Object.entries(arrays)) {
    if (entry.file !== `arrays/${name}.npy`) {
      fail('bad-manifest', arrayField(name, 'file'), `is "${entry.file}", expected "arrays/${name}.npy"`);
    }
    if (!Object.hasOwn(manifest.files, entry.file)) {
      fail('bad-manifest', arrayField(name, 'file'), `names ${entry.file}, which is not among /files`);
    }
    if (entry.columns !== undefined && entry.columns.length !== entry.shape.at(-1)) {
      fail(
        'bad-manifest',
        arrayField(name, 'columns'),
        `names ${entry.columns.length} columns, /shape's last axis has ${entry.shape.at(-1) ?? 'none'}`,
      );
    }
    declared.add(entry.file);
  }
  for (const path of Object.keys(manifest.files)) {
    if (isArrayFile(path) && !declared.has(path)) {
      fail(
        'bad-manifest',
        '/arrays',
        `does not declare ${path} (listed in /files): every .npy needs its dtype and shape`,
      );
    }
  }
}

/**
 * Where a `.npy` header disagrees with its `manifest.arrays` entry: the JSON path of the first
 * field that differs (`dtype`, then `shape`) and a sentence naming both, or `null` when they agree.
 */
export function arrayMismatch(
  name: string,
  entry: ManifestArrayEntry,
  header: Pick<NpyHeader, 'dtype' | 'shape'>,
): { readonly field: string; readonly message: string } | null {
  const shown = (shape: readonly number[]) => `(${shape.join(', ')})`;
  if (header.dtype !== entry.dtype) {
    const field = arrayField(name, 'dtype');
    return { field, message: `holds ${header.dtype}, the manifest's ${field} says ${entry.dtype}` };
  }
  if (header.shape.join(',') !== entry.shape.join(',')) {
    const field = arrayField(name, 'shape');
    return {
      field,
      message: `has shape ${shown(header.shape)}, the manifest's ${field} says ${shown(entry.shape)}`,
    };
  }
  return null;
}

/** The JSON Pointer of a field of `manifest.arrays[name]` (`/` in names escaped as `~1`, RFC 6901). */
function arrayField(name: string, key: keyof ManifestArrayEntry): string {
  return `/arrays/${name.replaceAll('~', '~0').replaceAll('/', '~1')}/${key}`;
}

/** v1 (`@reco/recommender`) had the same fields, without `writtenBy`. */
function migrateV1(manifest: BundleManifest): BundleManifest {
  const version = manifest.packageVersions?.['@reco/recommender'] ?? 'unknown';
  return { ...manifest, writtenBy: manifest.writtenBy ?? `@reco/recommender ${version}` };
}

/** Says which `reco train` wrote an unreadable bundle and what to do about it. */
function versionAdvice(raw: Record<string, unknown>): string {
  const versions = (raw.packageVersions ?? {}) as Record<string, unknown>;
  const writer =
    typeof raw.writtenBy === 'string'
      ? raw.writtenBy
      : `reco train (@reco/study ${String(versions['@reco/study'] ?? '?')}, @reco/recommender ${String(versions['@reco/recommender'] ?? '?')})`;
  return (
    `is ${JSON.stringify(raw.version)}; this build reads versions ${READABLE_VERSIONS.join(', ')}. ` +
    `The bundle was written by ${writer}: run \`reco train\` with this build to rewrite it, or serve it with the version that wrote it`
  );
}

/**
 * Bundle paths are relative POSIX paths inside the folder: no absolute paths, no `..`, no
 * backslashes, so a tampered manifest cannot point a reader outside the bundle.
 */
export function checkRelativePath(path: string, file: string): void {
  const parts = path.split('/');
  if (
    path === '' ||
    path.startsWith('/') ||
    path.includes('\\') ||
    parts.some((p) => p === '' || p === '.' || p === '..') ||
    path === MANIFEST_FILE
  ) {
    throw new BundleError('bad-artifacts', `"${path}" is not a valid bundle file path`, {
      file,
      field: `/files/${path}`,
    });
  }
}
