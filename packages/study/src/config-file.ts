import { BYTE_SIZE_PATTERN, parseByteSize } from '@reco/core';
import { FEATURE_FAMILIES } from '@reco/features';
import { type TSchema, Type } from 'typebox';
import { Value } from 'typebox/value';
import { MODEL_NAMES, type ResolvedStudyConfig, SPLIT_NAMES, type StudyConfig, TUNE_MODES } from './config';
import { StudyError } from './errors';

const literals = (values: readonly string[]) => Type.Union(values.map((v) => Type.Literal(v)));
const int = (minimum: number, maximum?: number) =>
  Type.Integer(maximum === undefined ? { minimum } : { minimum, maximum });
const positive = (maximum?: number) =>
  Type.Number(maximum === undefined ? { exclusiveMinimum: 0 } : { exclusiveMinimum: 0, maximum });
const nonNegative = () => Type.Number({ minimum: 0 });

/** Searchable parameters per model, with the ranges `@reco/models` accepts. */
const PARAMS: Readonly<Record<string, Readonly<Record<string, TSchema>>>> = {
  xgb: {
    nRounds: int(1),
    eta: positive(1),
    maxDepth: int(1, 64),
    minChildWeight: nonNegative(),
    subsample: positive(1),
    colsampleBytree: positive(1),
    lambda: nonNegative(),
    alpha: nonNegative(),
    gamma: nonNegative(),
    scalePosWeight: positive(),
    maxBin: int(2),
  },
  rf: {
    nTrees: int(1),
    maxDepth: int(1, 64),
    minChildWeight: nonNegative(),
    subsample: positive(1),
    colsampleBynode: Type.Union([positive(1), Type.Literal('sqrt')]),
    lambda: nonNegative(),
    scalePosWeight: positive(),
    maxBin: int(2),
  },
  lr: {
    l2: nonNegative(),
    standardize: Type.Boolean(),
    classWeight: Type.Union([Type.Null(), Type.Literal('balanced')]),
    tolerance: positive(),
    maxIterations: int(1),
    memory: int(1, 100),
  },
};

const Numeric = Type.Object(
  { type: literals(['uniform', 'log-uniform', 'integer']), low: Type.Number(), high: Type.Number() },
  { additionalProperties: false },
);

function modelSearch(params: Readonly<Record<string, TSchema>>): TSchema {
  const grid: Record<string, TSchema> = {};
  const random: Record<string, TSchema> = {};
  for (const [name, schema] of Object.entries(params)) {
    const values = Type.Array(schema, { minItems: 1 });
    grid[name] = Type.Optional(values);
    const choice = Type.Object({ type: Type.Literal('choice'), values }, { additionalProperties: false });
    const branches: TSchema[] = isNumeric(schema) ? [values, choice, Numeric] : [values, choice];
    random[name] = Type.Optional(Type.Union(branches));
  }
  return Type.Object(
    {
      grid: Type.Optional(Type.Object(grid, { additionalProperties: false })),
      random: Type.Optional(Type.Object(random, { additionalProperties: false })),
    },
    { additionalProperties: false },
  );
}

/**
 * The schema of `reco.config.{json,yaml}`: the fields of `StudyConfig`, plus `search` (per model,
 * a `grid` and a `random` space that replace the study's) and `$schema`. The committed JSON Schema
 * (`@reco/study/reco.config.schema.json`, checked against this by a test) is this object, serialized.
 */
export const StudyConfigFileSchema = Type.Object(
  {
    $schema: Type.Optional(Type.String()),
    data: Type.Optional(Type.String({ minLength: 1 })),
    models: Type.Optional(Type.Array(literals(MODEL_NAMES), { minItems: 1 })),
    tune: Type.Optional(literals(TUNE_MODES)),
    split: Type.Optional(literals(SPLIT_NAMES)),
    likeThreshold: Type.Optional(
      Type.Union([Type.Number({ exclusiveMinimum: 0.5, maximum: 5 }), Type.Null()]),
    ),
    trainSample: Type.Optional(Type.Union([int(100), Type.Null()])),
    seed: Type.Optional(int(0, 0x7fffffff)),
    out: Type.Optional(Type.String({ minLength: 1 })),
    cf: Type.Optional(literals(['on', 'off', 'auto'])),
    randomBudget: Type.Optional(int(1)),
    chunkRows: Type.Optional(int(1)),
    als: Type.Optional(Type.Boolean()),
    top10: Type.Optional(Type.Boolean()),
    ranking: Type.Optional(Type.Boolean()),
    rankingUsers: Type.Optional(int(1)),
    rankingMaxRatings: Type.Optional(int(1000)),
    easeMaxItems: Type.Optional(int(1, 20_000)),
    memoryLimit: Type.Optional(
      Type.Union([positive(), Type.String({ pattern: BYTE_SIZE_PATTERN }), Type.Null()]),
    ),
    families: Type.Optional(
      Type.Object(Object.fromEntries(FEATURE_FAMILIES.map((f) => [f, Type.Optional(Type.Boolean())])), {
        additionalProperties: false,
      }),
    ),
    search: Type.Optional(
      Type.Object(
        Object.fromEntries(Object.entries(PARAMS).map(([m, p]) => [m, Type.Optional(modelSearch(p))])),
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

/** What editors show beside each key; the same words as `reco train --help` and `StudyConfig`. */
const KEY_DESCRIPTIONS: Readonly<Record<string, string>> = {
  $schema: 'This schema, for editors: a path or URL to reco.config.schema.json.',
  data: 'A dataset folder (relative to this file) or a release name under datasets/.',
  models: 'Models to train: lr, rf, xgb.',
  tune: 'Hyperparameter search: none (baselines only), grid, random or both.',
  split: 'random (stratified 70/15/15), user-time, time, or netflix-probe.',
  likeThreshold: "A rating >= this is a like; null: the dataset's own (3.5 on half stars, 4 on whole stars).",
  trainSample: 'Fit the classifiers on at most this many (seeded) training rows; null: all.',
  seed: 'Seed of every random step.',
  out: 'Artifact folder (relative to this file), replaced atomically.',
  cf: 'The leakage-free CF feature: on, off, or auto (kept when it raises validation AUC).',
  randomBudget: 'Candidates each random search tries per model.',
  chunkRows: 'Rows per validation/test scoring chunk.',
  als: 'Train implicit ALS for the ranking comparison.',
  top10: 'Write recommendations/top10.csv for every user.',
  ranking: 'Run the ranking comparison on a per-user temporal holdout.',
  rankingUsers: 'Users the ranking comparison evaluates (a seeded sample).',
  rankingMaxRatings:
    'The ranking comparison works on a sample of whole users holding about this many ratings.',
  easeMaxItems: 'EASE models the most-rated this many movies (a dense n x n inverse).',
  memoryLimit:
    'Fail early when the run is estimated to need more: bytes or e.g. "4G"; null: cgroup or physical memory.',
  families: 'Feature families switched on or off over the defaults, e.g. { time: true }.',
  search:
    "Per model (lr, rf, xgb), a grid and/or random space that replaces the study's own: grid values are lists; random values are lists, { type: choice, values } or { type: uniform | log-uniform | integer, low, high }.",
};

/** The JSON Schema document editors read (`$schema` draft 2020-12, with a title). */
export function studyConfigJsonSchema(): object {
  const schema = JSON.parse(JSON.stringify(StudyConfigFileSchema)) as {
    properties: Record<string, Record<string, unknown>>;
  };
  for (const [key, description] of Object.entries(KEY_DESCRIPTIONS)) {
    schema.properties[key] = { description, ...schema.properties[key] };
  }
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'reco train configuration (reco.config.json / reco.config.yaml)',
    ...schema,
  };
}

/** `studyConfigJsonSchema()` as the text of `reco.config.schema.json`. */
export function studyConfigJsonSchemaText(): string {
  return `${JSON.stringify(studyConfigJsonSchema(), null, 2)}\n`;
}

export interface ConfigFileOptions {
  /** The line of a dotted path (`search.xgb.grid.maxDepth[1]`) in the file, when the reader knows it. */
  readonly lineOf?: (field: string) => number | undefined;
}

/**
 * Checks a parsed config file (JSON or YAML) and returns it as a `StudyConfig`. The error is a
 * `StudyError('config')` whose message reads `<file>[:line]: <dotted.path>: expected ...` and
 * whose `field` is the dotted path, so a person can find the bad key.
 */
export function studyConfigFromFile(
  value: unknown,
  file: string,
  options: ConfigFileOptions = {},
): StudyConfig {
  const fail = (field: string, message: string): never => {
    const line = options.lineOf?.(field);
    throw new StudyError('config', `${field}: ${message}`, { file, field, ...(line ? { line } : {}) });
  };
  const error = firstError(StudyConfigFileSchema, value);
  if (error !== null) fail(error.path, error.message);
  const raw = value as Record<string, unknown>;
  checkDistributions(raw.search, fail);
  const { $schema: _schema, memoryLimit, likeThreshold, ...rest } = raw;
  return {
    ...(rest as StudyConfig),
    ...(likeThreshold === undefined || likeThreshold === null
      ? {}
      : { likeThreshold: likeThreshold as number }),
    ...(memoryLimit === undefined ? {} : { memoryLimit: bytes(memoryLimit as number | string | null) }),
  };
}

/**
 * A resolved config in the file's form, so it can be saved and passed back with `--config`
 * (`reco train --print-config` prints it). A like threshold that was not given is `null`: the
 * dataset's own, decided when the data is read.
 */
export function studyConfigRecord(config: ResolvedStudyConfig): Record<string, unknown> {
  const { likeThresholdGiven, likeThreshold, ...rest } = config;
  return { ...rest, likeThreshold: likeThresholdGiven ? likeThreshold : null };
}

/** `memoryLimit` as bytes: the schema has already checked a string's form. */
function bytes(value: number | string | null): number | null {
  return value === null || typeof value === 'number' ? value : parseByteSize(value);
}

/** Numeric distributions: low < high (low ≤ high for integers), integers for integer parameters. */
function checkDistributions(search: unknown, fail: (field: string, message: string) => never): void {
  if (search === undefined) return;
  for (const [model, spaces] of Object.entries(search as Record<string, { random?: object }>)) {
    for (const [param, d] of Object.entries(spaces.random ?? {})) {
      if (Array.isArray(d) || (d as { type: string }).type === 'choice') continue;
      const { type, low, high } = d as { type: string; low: number; high: number };
      const path = `search.${model}.random.${param}`;
      const paramSchema = PARAMS[model]![param]!;
      const bad = (message: string): never => fail(path, message);
      if (typeOf(paramSchema) === 'integer' && type !== 'integer') bad('expected an integer distribution');
      if (type === 'integer' ? !(low <= high) : !(low < high))
        bad(`expected low < high (got ${low}, ${high})`);
      if (type === 'log-uniform' && !(low > 0)) bad(`expected low > 0 for log-uniform (got ${low})`);
      for (const [end, v] of [['low', low] as const, ['high', high] as const]) {
        if (!Value.Check(paramSchema, v)) bad(`${end}: expected ${describe(paramSchema)} (got ${v})`);
      }
    }
  }
}

function typeOf(schema: TSchema): unknown {
  return (schema as { type?: unknown }).type;
}

/** A number, or a union with a number in it (`colsampleBynode`: a share or 'sqrt'). */
function isNumeric(schema: TSchema): boolean {
  const type = typeOf(schema);
  if (type === 'integer' || type === 'number') return true;
  const branches = (schema as { anyOf?: TSchema[] }).anyOf;
  return branches?.some(isNumeric) ?? false;
}

interface SchemaError {
  readonly path: string;
  readonly message: string;
}

/** The most useful error of a value against a schema, with a dotted path and "expected ...". */
export function firstError(schema: TSchema, value: unknown): SchemaError | null {
  const errors = [...Value.Errors(schema, value)];
  if (errors.length === 0) return null;
  // An unknown key inside one branch of a union only says that branch did not match.
  const extra = errors.find((e) => e.keyword === 'additionalProperties' && !e.schemaPath.includes('/anyOf/'));
  if (extra !== undefined) {
    const key = (extra.params as { additionalProperties: string[] }).additionalProperties[0]!;
    const parent = schemaAt(schema, extra.schemaPath) as { properties?: object };
    const known = Object.keys(parent.properties ?? {}).filter((k) => k !== '$schema');
    return {
      path: dotted(`${extra.instancePath}/${key}`),
      message: `unknown key; expected one of ${known.join(', ')}`,
    };
  }
  const first = errors[0]!;
  // A union reports every branch; say what the union accepts at its own path instead.
  const union = errors
    .filter((e) => e.keyword === 'anyOf' && first.instancePath.startsWith(e.instancePath))
    .sort((a, b) => a.instancePath.length - b.instancePath.length)[0];
  const chosen = union ?? first;
  const at = first.keyword === 'required' ? first : chosen;
  if (at.keyword === 'required') {
    const missing = (at.params as { requiredProperties?: string[] }).requiredProperties ?? [];
    return { path: dotted(at.instancePath), message: `missing key ${missing.join(', ')}` };
  }
  const got = valueAt(value, at.instancePath);
  return {
    path: dotted(at.instancePath),
    message: `expected ${describe(schemaAt(schema, at.schemaPath))} (got ${JSON.stringify(got)})`,
  };
}

/** `/search/xgb/grid/maxDepth/1` as `search.xgb.grid.maxDepth[1]`; the root as `(root)`. */
function dotted(pointer: string): string {
  const parts = pointer.split('/').slice(1);
  let out = '';
  for (const p of parts) out += /^\d+$/.test(p) ? `[${p}]` : out === '' ? p : `.${p}`;
  return out === '' ? '(root)' : out;
}

function schemaAt(schema: TSchema, schemaPath: string): TSchema {
  let node: unknown = schema;
  for (const part of schemaPath.replace(/^#\/?/, '').split('/').filter(Boolean)) {
    node = (node as Record<string, unknown>)[part.replaceAll('~1', '/').replaceAll('~0', '~')];
  }
  return node as TSchema;
}

function valueAt(value: unknown, pointer: string): unknown {
  let node = value;
  for (const part of pointer.split('/').slice(1)) node = (node as Record<string, unknown>)?.[part];
  return node;
}

/** A schema said in words: "an array of integers from 1 to 64", `one of "a", "b"`. */
export function describe(schema: TSchema, plural = false): string {
  const s = schema as Record<string, unknown>;
  const bounds = () => {
    const lo = s.minimum ?? s.exclusiveMinimum;
    const hi = s.maximum;
    const lower = s.minimum !== undefined ? `≥ ${lo}` : s.exclusiveMinimum !== undefined ? `> ${lo}` : '';
    if (lo !== undefined && hi !== undefined) {
      return s.minimum !== undefined ? ` from ${lo} to ${hi}` : ` > ${lo} and ≤ ${hi}`;
    }
    if (lower !== '') return ` ${lower}`;
    return hi !== undefined ? ` ≤ ${hi}` : '';
  };
  if (Array.isArray(s.anyOf)) {
    const branches = s.anyOf as TSchema[];
    if (branches.every((b) => 'const' in b)) {
      return `one of ${branches.map((b) => JSON.stringify((b as { const: unknown }).const)).join(', ')}`;
    }
    return branches.map((b) => describe(b, plural)).join(' or ');
  }
  if ('const' in s) return JSON.stringify(s.const);
  switch (s.type) {
    case 'integer':
      return `${plural ? 'integers' : 'an integer'}${bounds()}`;
    case 'number':
      return `${plural ? 'numbers' : 'a number'}${bounds()}`;
    case 'boolean':
      return plural ? 'true or false values' : 'true or false';
    case 'null':
      return 'null';
    case 'string':
      return plural ? 'strings' : s.pattern ? 'a size such as 512M or 4G' : 'a string';
    case 'array':
      return `an array of ${describe(s.items as TSchema, true)}`;
    case 'object': {
      const keys = Object.keys((s.properties as object | undefined) ?? {});
      return s.properties && 'type' in (s.properties as object) && 'low' in (s.properties as object)
        ? 'a distribution { type: uniform | log-uniform | integer, low, high }'
        : keys.includes('values') && keys.includes('type')
          ? 'a { type: choice, values: [...] }'
          : `an object with keys ${keys.join(', ')}`;
    }
    default:
      return 'a valid value';
  }
}
