/**
 * The only module that touches native code: libxgboost (>= 1.7) through the koffi FFI.
 *
 * It exposes two small handle classes, `NativeDMatrix` and `NativeBooster`, that own their
 * native memory. `free()` releases it deterministically; a FinalizationRegistry is the safety net
 * when a caller forgets. Every call is checked: a non-zero return becomes a `ModelError` whose
 * message carries `XGBGetLastError()` verbatim.
 *
 * The library is loaded lazily on first use, so importing `@reco/models` (e.g. for logistic
 * regression) works on machines without libxgboost.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import koffi from 'koffi';
import { ModelError } from '../errors';

/** An opaque native pointer as koffi hands it out. */
type Pointer = object;

/** The C functions we call, typed. koffi returns untyped functions; this is the one cast. */
interface XGBoostApi {
  XGBGetLastError(): string;
  XGBoostVersion(major: number[], minor: number[], patch: number[]): void;
  XGBuildInfo(out: (string | null)[]): number;
  XGDMatrixCreateFromMat_omp(
    data: Float32Array,
    nRows: number,
    nCols: number,
    missing: number,
    out: (Pointer | null)[],
    nThread: number,
  ): number;
  XGProxyDMatrixCreate(out: (Pointer | null)[]): number;
  XGProxyDMatrixSetDataDense(handle: Pointer, arrayInterface: string): number;
  XGDMatrixSetInfoFromInterface(handle: Pointer, field: string, arrayInterface: string): number;
  XGQuantileDMatrixCreateFromCallback(
    iter: null,
    proxy: Pointer,
    ref: Pointer | null,
    reset: () => void,
    next: () => number,
    config: string,
    out: (Pointer | null)[],
  ): number;
  XGDMatrixSetFloatInfo(handle: Pointer, field: string, values: Float32Array, length: number): number;
  XGDMatrixFree(handle: Pointer): number;
  XGDMatrixSetUIntInfo(handle: Pointer, field: string, values: Uint32Array, length: number): number;
  XGBoosterCreate(dmats: Pointer[], length: number, out: (Pointer | null)[]): number;
  XGBoosterFree(handle: Pointer): number;
  XGBoosterSetParam(handle: Pointer, name: string, value: string): number;
  XGBoosterUpdateOneIter(handle: Pointer, iteration: number, dtrain: Pointer): number;
  XGBoosterEvalOneIter(
    handle: Pointer,
    iteration: number,
    dmats: Pointer[],
    names: string[],
    length: number,
    out: (string | null)[],
  ): number;
  XGBoosterPredictFromDMatrix(
    handle: Pointer,
    dmat: Pointer,
    config: string,
    outShape: (Pointer | null)[],
    outDim: number[],
    outResult: (Pointer | null)[],
  ): number;
  XGBoosterPredictFromDense(
    handle: Pointer,
    arrayInterface: string,
    config: string,
    proxy: Pointer | null,
    outShape: (Pointer | null)[],
    outDim: number[],
    outResult: (Pointer | null)[],
  ): number;
  XGBoosterSaveModelToBuffer(
    handle: Pointer,
    config: string,
    outLength: number[],
    outBytes: (Pointer | null)[],
  ): number;
  XGBoosterLoadModelFromBuffer(handle: Pointer, bytes: Uint8Array, length: number): number;
  XGBoosterSlice(handle: Pointer, begin: number, end: number, step: number, out: (Pointer | null)[]): number;
  XGBoosterBoostedRounds(handle: Pointer, out: number[]): number;
  XGBoosterGetNumFeature(handle: Pointer, out: number[]): number;
  XGBoosterSetAttr(handle: Pointer, key: string, value: string | null): number;
  XGBoosterGetAttr(handle: Pointer, key: string, out: (string | null)[], success: number[]): number;
  XGBoosterSetStrFeatureInfo(handle: Pointer, field: string, values: string[], length: number): number;
  XGBoosterFeatureScore(
    handle: Pointer,
    config: string,
    outLength: number[],
    outNames: (Pointer | null)[],
    outDim: number[],
    outShape: (Pointer | null)[],
    outScores: (Pointer | null)[],
  ): number;
}

const SIGNATURES: Record<keyof XGBoostApi, string> = {
  XGBGetLastError: 'const char *XGBGetLastError()',
  XGBoostVersion: 'void XGBoostVersion(_Out_ int *major, _Out_ int *minor, _Out_ int *patch)',
  XGBuildInfo: 'int XGBuildInfo(_Out_ const char **out)',
  XGDMatrixCreateFromMat_omp:
    'int XGDMatrixCreateFromMat_omp(const float *data, uint64_t nrow, uint64_t ncol, float missing, _Out_ void **out, int nthread)',
  XGProxyDMatrixCreate: 'int XGProxyDMatrixCreate(_Out_ void **out)',
  XGProxyDMatrixSetDataDense: 'int XGProxyDMatrixSetDataDense(void *handle, const char *array_interface)',
  XGDMatrixSetInfoFromInterface:
    'int XGDMatrixSetInfoFromInterface(void *handle, const char *field, const char *array_interface)',
  XGQuantileDMatrixCreateFromCallback:
    'int XGQuantileDMatrixCreateFromCallback(void *iter, void *proxy, void *ref, XGBoostResetCallback *reset, XGBoostNextCallback *next, const char *config, _Out_ void **out)',
  XGDMatrixSetFloatInfo:
    'int XGDMatrixSetFloatInfo(void *handle, const char *field, const float *array, uint64_t len)',
  XGDMatrixFree: 'int XGDMatrixFree(void *handle)',
  XGDMatrixSetUIntInfo:
    'int XGDMatrixSetUIntInfo(void *handle, const char *field, const unsigned int *array, uint64_t len)',
  XGBoosterCreate: 'int XGBoosterCreate(void **dmats, uint64_t len, _Out_ void **out)',
  XGBoosterFree: 'int XGBoosterFree(void *handle)',
  XGBoosterSetParam: 'int XGBoosterSetParam(void *handle, const char *name, const char *value)',
  XGBoosterUpdateOneIter: 'int XGBoosterUpdateOneIter(void *handle, int iter, void *dtrain)',
  XGBoosterEvalOneIter:
    'int XGBoosterEvalOneIter(void *handle, int iter, void **dmats, const char **evnames, uint64_t len, _Out_ const char **out)',
  XGBoosterPredictFromDMatrix:
    'int XGBoosterPredictFromDMatrix(void *handle, void *dmat, const char *config, _Out_ void **out_shape, _Out_ uint64_t *out_dim, _Out_ void **out_result)',
  XGBoosterPredictFromDense:
    'int XGBoosterPredictFromDense(void *handle, const char *values, const char *config, void *m, _Out_ void **out_shape, _Out_ uint64_t *out_dim, _Out_ void **out_result)',
  XGBoosterSaveModelToBuffer:
    'int XGBoosterSaveModelToBuffer(void *handle, const char *config, _Out_ uint64_t *out_len, _Out_ void **out_dptr)',
  XGBoosterLoadModelFromBuffer:
    'int XGBoosterLoadModelFromBuffer(void *handle, const void *buf, uint64_t len)',
  XGBoosterSlice:
    'int XGBoosterSlice(void *handle, int begin_layer, int end_layer, int step, _Out_ void **out)',
  XGBoosterBoostedRounds: 'int XGBoosterBoostedRounds(void *handle, _Out_ int *out)',
  XGBoosterGetNumFeature: 'int XGBoosterGetNumFeature(void *handle, _Out_ uint64_t *out)',
  XGBoosterSetAttr: 'int XGBoosterSetAttr(void *handle, const char *key, const char *value)',
  XGBoosterGetAttr:
    'int XGBoosterGetAttr(void *handle, const char *key, _Out_ const char **out, _Out_ int *success)',
  XGBoosterSetStrFeatureInfo:
    'int XGBoosterSetStrFeatureInfo(void *handle, const char *field, const char **features, uint64_t size)',
  XGBoosterFeatureScore:
    'int XGBoosterFeatureScore(void *handle, const char *config, _Out_ uint64_t *out_n_features, _Out_ void **out_features, _Out_ uint64_t *out_dim, _Out_ void **out_shape, _Out_ void **out_scores)',
};

/** Where `locateLibxgboost` looks, after `XGBOOST_LIBRARY_PATH`. Bare names go through dlopen's search. */
export function defaultLibraryCandidates(env: NodeJS.ProcessEnv = process.env): string[] {
  const candidates = [
    'libxgboost.so.0',
    'libxgboost.so',
    '/usr/lib/x86_64-linux-gnu/libxgboost.so.0',
    '/usr/lib/x86_64-linux-gnu/libxgboost.so',
    '/usr/lib/aarch64-linux-gnu/libxgboost.so.0',
    '/usr/local/lib/libxgboost.so',
    '/usr/local/lib/libxgboost.dylib',
    '/opt/homebrew/lib/libxgboost.dylib',
    'libxgboost.dylib',
  ];
  if (env.CONDA_PREFIX) {
    candidates.push(join(env.CONDA_PREFIX, 'lib', 'libxgboost.so'));
    candidates.push(join(env.CONDA_PREFIX, 'lib', 'libxgboost.dylib'));
  }
  return candidates;
}

export const INSTALL_HINT = [
  'Install libxgboost (1.7 or newer):',
  '  Debian/Ubuntu: apt-get install -y libxgboost0',
  '  macOS:         brew install xgboost',
  '  conda:         conda install -c conda-forge libxgboost',
  'or point XGBOOST_LIBRARY_PATH at the libxgboost shared library (or the folder holding it).',
].join('\n');

export interface LocateOptions {
  /** Defaults to `process.env`; only `XGBOOST_LIBRARY_PATH` and `CONDA_PREFIX` are read. */
  readonly env?: NodeJS.ProcessEnv;
  /** Defaults to `defaultLibraryCandidates(env)`. */
  readonly candidates?: readonly string[];
}

export interface LoadedLibrary {
  /** The candidate that loaded. */
  readonly path: string;
  readonly version: readonly [number, number, number];
  readonly api: XGBoostApi;
}

/**
 * Finds and binds libxgboost. `XGBOOST_LIBRARY_PATH`, when set, is the only place tried: a wrong
 * explicit path should fail loudly rather than silently pick another library.
 */
export function locateLibxgboost(options: LocateOptions = {}): LoadedLibrary {
  const env = options.env ?? process.env;
  const explicit = env.XGBOOST_LIBRARY_PATH;
  const tried: string[] = [];
  const candidates = explicit
    ? explicitCandidates(explicit)
    : (options.candidates ?? defaultLibraryCandidates(env));
  for (const candidate of candidates) {
    let lib: koffi.IKoffiLib;
    try {
      lib = koffi.load(candidate);
    } catch (error) {
      tried.push(`  ${candidate}: ${firstLine(error)}`);
      continue;
    }
    return bind(lib, candidate);
  }
  const where = explicit ? `XGBOOST_LIBRARY_PATH=${explicit}` : 'the standard locations';
  throw new ModelError(
    'library-not-found',
    `libxgboost could not be loaded from ${where}. Tried:\n${tried.join('\n')}\n${INSTALL_HINT}`,
  );
}

function explicitCandidates(path: string): string[] {
  if (existsSync(path) && statSync(path).isDirectory()) {
    return ['libxgboost.so.0', 'libxgboost.so', 'libxgboost.dylib'].map((name) => join(path, name));
  }
  return [path];
}

/** The data-iterator callbacks of `XGQuantileDMatrixCreateFromCallback`, declared once per process. */
let callbackTypesDeclared = false;

function declareCallbackTypes(): void {
  if (callbackTypesDeclared) return;
  koffi.proto('int XGBoostNextCallback(void *iter)');
  koffi.proto('void XGBoostResetCallback(void *iter)');
  callbackTypesDeclared = true;
}

function bind(lib: koffi.IKoffiLib, path: string): LoadedLibrary {
  const bound: Partial<Record<keyof XGBoostApi, unknown>> = {};
  try {
    declareCallbackTypes();
    for (const [name, signature] of Object.entries(SIGNATURES)) {
      bound[name as keyof XGBoostApi] = lib.func(signature);
    }
  } catch (error) {
    throw new ModelError(
      'library-not-found',
      `${path} loaded but is not a usable libxgboost (${firstLine(error)}). @reco/models needs libxgboost 1.7 or newer.\n${INSTALL_HINT}`,
    );
  }
  const api = bound as XGBoostApi;
  const major = [0];
  const minor = [0];
  const patch = [0];
  api.XGBoostVersion(major, minor, patch);
  const version = [major[0]!, minor[0]!, patch[0]!] as const;
  if (version[0] < 1 || (version[0] === 1 && version[1] < 7)) {
    throw new ModelError(
      'library-not-found',
      `${path} is libxgboost ${version.join('.')}; @reco/models needs 1.7 or newer.\n${INSTALL_HINT}`,
    );
  }
  return { path, version, api };
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}

let loaded: LoadedLibrary | undefined;

/** The process-wide binding, loaded on first use. */
export function libxgboost(): LoadedLibrary {
  if (!loaded) {
    // libgomp's default makes idle threads spin at every barrier. On a busy machine the spinning
    // steals the cores the work needs: measured on 2 shared cores, small fits ran 10x slower and
    // 300k-row training 1.9x slower than with PASSIVE. libgomp reads this once, when it loads with
    // libxgboost, so it is set just before; a value the user set wins.
    process.env.OMP_WAIT_POLICY ??= 'PASSIVE';
    loaded = locateLibxgboost();
  }
  return loaded;
}

/** libxgboost's build flags (`XGBuildInfo`), e.g. `{ USE_OPENMP: true, DEBUG: false, ... }`. */
export function buildInfo(): Record<string, unknown> {
  const out: (string | null)[] = [null];
  check(api().XGBuildInfo(out), 'XGBuildInfo');
  return JSON.parse(out[0] ?? '{}') as Record<string, unknown>;
}

function api(): XGBoostApi {
  return libxgboost().api;
}

/** Turns a non-zero return code into a ModelError carrying libxgboost's own message. */
function check(rc: number, call: string): void {
  if (rc === 0) return;
  const raw = api().XGBGetLastError();
  // The message is kept whole; only the native backtrace that follows it is moved to `cause`.
  const cut = raw.indexOf('\nStack trace:');
  const message = (cut === -1 ? raw : raw.slice(0, cut)).trim();
  throw new ModelError('native', `${call} failed: ${message}`, { cause: new Error(raw) });
}

/** Live native handles and how many the finalizer had to free: lets tests check for leaks. */
export const handleStats = { live: 0, freedByFinalizer: 0 };

// The safety net: if a handle object is collected without free(), release its native memory.
// The held value is the raw pointer plus the matching free function, never the wrapper itself.
interface Held {
  readonly pointer: Pointer;
  readonly free: (pointer: Pointer) => number;
}
const finalizer = new FinalizationRegistry<Held>((held) => {
  held.free(held.pointer);
  handleStats.live--;
  handleStats.freedByFinalizer++;
});

abstract class NativeHandle {
  #pointer: Pointer | null;
  readonly #free: (pointer: Pointer) => number;

  protected constructor(pointer: Pointer, free: (pointer: Pointer) => number) {
    this.#pointer = pointer;
    this.#free = free;
    finalizer.register(this, { pointer, free }, this);
    handleStats.live++;
  }

  get isFreed(): boolean {
    return this.#pointer === null;
  }

  protected get pointer(): Pointer {
    if (this.#pointer === null) throw new ModelError('disposed', 'native handle used after it was freed');
    return this.#pointer;
  }

  /** Releases the native memory now. Idempotent. */
  free(): void {
    if (this.#pointer === null) return;
    finalizer.unregister(this);
    this.#free(this.#pointer);
    this.#pointer = null;
    handleStats.live--;
  }

  /** For sibling classes that pass handles to native calls. */
  static pointerOf(handle: NativeHandle): Pointer {
    return handle.pointer;
  }
}

/** A training/evaluation matrix held by libxgboost (it copies the data). */
export class NativeDMatrix extends NativeHandle {
  private constructor(pointer: Pointer) {
    super(pointer, (p) => api().XGDMatrixFree(p));
  }

  /** Copies a row-major dense matrix; NaN marks missing values. `nThread` <= 0 means all cores. */
  static fromDense(X: Float32Array, nRows: number, nCols: number, nThread: number): NativeDMatrix {
    const out: (Pointer | null)[] = [null];
    check(
      api().XGDMatrixCreateFromMat_omp(X, nRows, nCols, Number.NaN, out, nThread),
      'XGDMatrixCreateFromMat',
    );
    return new NativeDMatrix(out[0]!);
  }

  /**
   * XGBoost's QuantileDMatrix of a row-major dense matrix and its labels (one batch through the
   * data-iterator API, as Python's `QuantileDMatrix`). It keeps only the binned cells, one byte
   * each at <= 256 bins, not an 8-byte copy per cell: a 2M x 60 training matrix costs ~0.1 GB in
   * libxgboost instead of ~1 GB. The `hist` method trains the same trees on it. An evaluation
   * set takes the training matrix as `reference`, so it is binned by the same cuts (its metrics
   * are then the ones a float DMatrix gives), but libxgboost 1.7 caches no predictions for it, so
   * an evaluation set a booster checks every round is better a float DMatrix.
   */
  static quantileFromDense(
    X: Float32Array,
    nRows: number,
    nCols: number,
    labels: Float32Array,
    options: { readonly nThread: number; readonly maxBin: number; readonly reference?: NativeDMatrix },
  ): NativeDMatrix {
    // libxgboost reads both through raw addresses, so a short array would be read past its end.
    if (X.length !== nRows * nCols || labels.length !== nRows) {
      throw new ModelError(
        'invalid-input',
        `quantileFromDense: ${X.length} values and ${labels.length} labels for ${nRows} rows x ${nCols} columns`,
      );
    }
    const proxyOut: (Pointer | null)[] = [null];
    check(api().XGProxyDMatrixCreate(proxyOut), 'XGProxyDMatrixCreate');
    const proxy = new NativeDMatrix(proxyOut[0]!);
    try {
      const batches = singleBatch(
        proxy.pointer,
        denseInterface(X, [nRows, nCols]),
        denseInterface(labels, [nRows]),
      );
      const config = `{"nthread":${options.nThread},"missing":NaN,"max_bin":${options.maxBin}}`;
      const out: (Pointer | null)[] = [null];
      const status = api().XGQuantileDMatrixCreateFromCallback(
        null,
        proxy.pointer,
        options.reference === undefined ? null : options.reference.pointer,
        batches.reset,
        batches.next,
        config,
        out,
      );
      // An error inside a callback is the cause; libxgboost's own message only says the iterator stopped.
      if (batches.failure !== null) throw batches.failure;
      check(status, 'XGQuantileDMatrixCreateFromCallback');
      return new NativeDMatrix(out[0]!);
    } finally {
      proxy.free();
    }
  }

  setLabels(labels: Float32Array): void {
    check(api().XGDMatrixSetFloatInfo(this.pointer, 'label', labels, labels.length), 'XGDMatrixSetFloatInfo');
  }

  /** Query groups for ranking objectives: consecutive rows, `sizes[g]` rows in group g. */
  setGroups(sizes: Uint32Array): void {
    check(api().XGDMatrixSetUIntInfo(this.pointer, 'group', sizes, sizes.length), 'XGDMatrixSetUIntInfo');
  }
}

export interface FeatureScores {
  /** Names as the booster knows them (its feature names, or `f0..fN`). */
  readonly names: string[];
  readonly scores: Float32Array;
}

/** A booster (model) held by libxgboost. */
export class NativeBooster extends NativeHandle {
  private constructor(pointer: Pointer) {
    super(pointer, (p) => api().XGBoosterFree(p));
  }

  /** A new, untrained booster caching the given matrices (as XGBoost's own `train` does). */
  static create(cache: readonly NativeDMatrix[]): NativeBooster {
    const out: (Pointer | null)[] = [null];
    const pointers = cache.map((m) => NativeHandle.pointerOf(m));
    check(api().XGBoosterCreate(pointers, pointers.length, out), 'XGBoosterCreate');
    return new NativeBooster(out[0]!);
  }

  /** A booster read from a model buffer (JSON, UBJSON or legacy binary). */
  static fromBuffer(bytes: Uint8Array): NativeBooster {
    const booster = NativeBooster.create([]);
    try {
      check(
        api().XGBoosterLoadModelFromBuffer(booster.pointer, bytes, bytes.length),
        'XGBoosterLoadModelFromBuffer',
      );
    } catch (error) {
      booster.free();
      throw error;
    }
    return booster;
  }

  setParam(name: string, value: string): void {
    check(api().XGBoosterSetParam(this.pointer, name, value), `XGBoosterSetParam(${name}=${value})`);
  }

  updateOneIteration(iteration: number, dtrain: NativeDMatrix): void {
    check(
      api().XGBoosterUpdateOneIter(this.pointer, iteration, NativeHandle.pointerOf(dtrain)),
      'XGBoosterUpdateOneIter',
    );
  }

  /** XGBoost's evaluation line, e.g. `[3]\tvalidation-auc:0.81234`. */
  evalOneIteration(iteration: number, dmat: NativeDMatrix, name: string): string {
    const out: (string | null)[] = [null];
    check(
      api().XGBoosterEvalOneIter(this.pointer, iteration, [NativeHandle.pointerOf(dmat)], [name], 1, out),
      'XGBoosterEvalOneIter',
    );
    return out[0] ?? '';
  }

  /** Predictions for a DMatrix; `config` is XGBoost's prediction JSON. */
  predictDMatrix(dmat: NativeDMatrix, config: string, expected: number): Float32Array {
    const shape: (Pointer | null)[] = [null];
    const dim = [0];
    const result: (Pointer | null)[] = [null];
    check(
      api().XGBoosterPredictFromDMatrix(
        this.pointer,
        NativeHandle.pointerOf(dmat),
        config,
        shape,
        dim,
        result,
      ),
      'XGBoosterPredictFromDMatrix',
    );
    return copyFloats(result[0]!, shapeSize(shape[0]!, dim[0]!), expected);
  }

  /**
   * In-place prediction straight from the caller's Float32Array, without building a DMatrix.
   * libxgboost reads the memory through a NumPy-style `__array_interface__` that carries its
   * address; the array is not touched by JS while the synchronous call runs.
   */
  predictDense(X: Float32Array, nRows: number, nCols: number, config: string): Float32Array {
    const address = koffi.address(X);
    const arrayInterface = `{"data":[${address},true],"shape":[${nRows},${nCols}],"strides":null,"typestr":"<f4","version":3}`;
    const shape: (Pointer | null)[] = [null];
    const dim = [0];
    const result: (Pointer | null)[] = [null];
    check(
      api().XGBoosterPredictFromDense(this.pointer, arrayInterface, config, null, shape, dim, result),
      'XGBoosterPredictFromDense',
    );
    return copyFloats(result[0]!, shapeSize(shape[0]!, dim[0]!), nRows);
  }

  /** The model in XGBoost's own JSON format (what Python's `Booster.save_model('x.json')` writes). */
  saveJson(): Uint8Array {
    const length = [0];
    const bytes: (Pointer | null)[] = [null];
    check(
      api().XGBoosterSaveModelToBuffer(this.pointer, '{"format":"json"}', length, bytes),
      'XGBoosterSaveModelToBuffer',
    );
    // The buffer belongs to the booster and is overwritten by the next call: copy it out.
    return new Uint8Array(koffi.view(bytes[0]!, length[0]!)).slice();
  }

  /** A new booster holding layers (rounds) `begin..end-1`. */
  slice(begin: number, end: number): NativeBooster {
    const out: (Pointer | null)[] = [null];
    check(api().XGBoosterSlice(this.pointer, begin, end, 1, out), 'XGBoosterSlice');
    return new NativeBooster(out[0]!);
  }

  boostedRounds(): number {
    const out = [0];
    check(api().XGBoosterBoostedRounds(this.pointer, out), 'XGBoosterBoostedRounds');
    return out[0]!;
  }

  numFeatures(): number {
    const out = [0];
    check(api().XGBoosterGetNumFeature(this.pointer, out), 'XGBoosterGetNumFeature');
    return out[0]!;
  }

  setAttribute(key: string, value: string): void {
    check(api().XGBoosterSetAttr(this.pointer, key, value), 'XGBoosterSetAttr');
  }

  getAttribute(key: string): string | undefined {
    const out: (string | null)[] = [null];
    const success = [0];
    check(api().XGBoosterGetAttr(this.pointer, key, out, success), 'XGBoosterGetAttr');
    return success[0] ? (out[0] ?? undefined) : undefined;
  }

  /** Column names stored in the model, so Python's `get_score()` reports them too. */
  setFeatureNames(names: readonly string[]): void {
    check(
      api().XGBoosterSetStrFeatureInfo(this.pointer, 'feature_name', [...names], names.length),
      'XGBoosterSetStrFeatureInfo',
    );
  }

  /** XGBoost's feature importance: only features used in a split are listed. */
  featureScore(type: string): FeatureScores {
    const length = [0];
    const names: (Pointer | null)[] = [null];
    const dim = [0];
    const shape: (Pointer | null)[] = [null];
    const scores: (Pointer | null)[] = [null];
    check(
      api().XGBoosterFeatureScore(
        this.pointer,
        JSON.stringify({ importance_type: type }),
        length,
        names,
        dim,
        shape,
        scores,
      ),
      'XGBoosterFeatureScore',
    );
    const n = length[0]!;
    if (n === 0) return { names: [], scores: new Float32Array(0) };
    const decodedNames = koffi.decode(names[0]!, koffi.array('const char *', n, 'Array')) as string[];
    return { names: decodedNames, scores: copyFloats(scores[0]!, shapeSize(shape[0]!, dim[0]!), n) };
  }
}

function shapeSize(shape: Pointer, dim: number): number {
  const dims = koffi.decode(shape, 'uint64_t', dim) as ArrayLike<number | bigint>;
  let size = 1;
  for (let i = 0; i < dim; i++) size *= Number(dims[i]!);
  return size;
}

/** Copies `size` floats out of library-owned memory (valid only until the next call on the booster). */
function copyFloats(pointer: Pointer, size: number, expected: number): Float32Array {
  if (size !== expected) {
    throw new ModelError('native', `libxgboost returned ${size} values where ${expected} were expected`);
  }
  if (size === 0) return new Float32Array(0);
  return new Float32Array(koffi.view(pointer, size * 4)).slice();
}

/** A NumPy `__array_interface__` for a Float32Array that libxgboost reads in place. */
function denseInterface(values: Float32Array, shape: readonly number[]): string {
  return `{"data":[${koffi.address(values)},true],"shape":[${shape.join(',')}],"strides":null,"typestr":"<f4","version":3}`;
}

/**
 * The iterator callbacks over one batch: `next` hands the proxy the matrix and labels once, then
 * reports the end; `reset` rewinds (libxgboost reads the batch twice: sketch, then bins). A throw
 * must not cross the native frames, so it is kept in `failure` and the iteration ends.
 */
function singleBatch(
  proxy: Pointer,
  data: string,
  label: string,
): { next: () => number; reset: () => void; failure: unknown } {
  let served = false;
  const state = {
    failure: null as unknown,
    reset: () => {
      served = false;
    },
    next: () => {
      if (served || state.failure !== null) return 0;
      try {
        check(api().XGProxyDMatrixSetDataDense(proxy, data), 'XGProxyDMatrixSetDataDense');
        check(api().XGDMatrixSetInfoFromInterface(proxy, 'label', label), 'XGDMatrixSetInfoFromInterface');
      } catch (error) {
        state.failure = error;
        return 0;
      }
      served = true;
      return 1;
    },
  };
  return state;
}
