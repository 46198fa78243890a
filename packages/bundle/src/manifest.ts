import { type Static, Type } from 'typebox';
import { Value } from 'typebox/value';
import { BundleError } from './errors';

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
});

export type BundleFileEntry = Static<typeof FileEntry>;

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
  return manifest.version === 1 ? migrateV1(manifest) : manifest;
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
