import { createHash } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AlsModel } from './als';
import { CfError } from './errors';
import type { MfModel } from './mf';

/** Either trained model; `kind` tells them apart. */
export type CfModel = MfModel | AlsModel;

/** Bumped whenever the layout below changes; `decodeModel` refuses versions it does not know. */
export const CF_FORMAT_VERSION = 1;

/** Where one Float32 array sits in the binary, in elements from the start of the file. */
export interface ArrayEntry {
  readonly name: string;
  readonly offset: number;
  readonly length: number;
}

/**
 * The JSON header stored next to the binary (`factors.json` beside `factors.bin`): every scalar of
 * the model plus the table of arrays. The binary is the arrays back to back, little-endian Float32.
 */
export interface CfModelHeader {
  readonly format: 'reco-cf-factors';
  readonly version: number;
  readonly kind: 'mf' | 'als';
  readonly nUsers: number;
  readonly nItems: number;
  readonly factors: number;
  /** Model scalars by name (globalMean, regularization, alpha, ...). */
  readonly params: Readonly<Record<string, number>>;
  readonly arrays: readonly ArrayEntry[];
  readonly byteLength: number;
  /** sha256 of the binary, hex; checked on decode so a header never pairs with the wrong file. */
  readonly sha256: string;
}

const ARRAYS: Record<CfModel['kind'], readonly string[]> = {
  mf: ['userBias', 'itemBias', 'userFactors', 'itemFactors'],
  als: ['userFactors', 'itemFactors'],
};

/** A model as a JSON-able header plus one little-endian Float32 binary. */
export function encodeModel(model: CfModel): { header: CfModelHeader; bytes: Uint8Array } {
  const names = ARRAYS[model.kind];
  const arrays = names.map((name) => arrayOf(model, name));
  const totalLength = arrays.reduce((sum, array) => sum + array.length, 0);
  const bytes = new Uint8Array(totalLength * 4);
  const view = new DataView(bytes.buffer);
  const entries: ArrayEntry[] = [];
  let offset = 0;
  names.forEach((name, a) => {
    const array = arrays[a]!;
    entries.push({ name, offset, length: array.length });
    if (LITTLE_ENDIAN_HOST) {
      bytes.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), offset * 4);
    } else {
      for (let k = 0; k < array.length; k++) view.setFloat32((offset + k) * 4, array[k]!, true);
    }
    offset += array.length;
  });
  const header: CfModelHeader = {
    format: 'reco-cf-factors',
    version: CF_FORMAT_VERSION,
    kind: model.kind,
    nUsers: model.nUsers,
    nItems: model.nItems,
    factors: model.factors,
    params: paramsOf(model),
    arrays: entries,
    byteLength: bytes.byteLength,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
  return { header, bytes };
}

/** The inverse of `encodeModel`. Checks format, version, sizes and checksum before trusting a byte. */
export function decodeModel(header: unknown, bytes: Uint8Array): CfModel {
  const h = checkHeader(header);
  if (bytes.byteLength !== h.byteLength) {
    throw new CfError(
      'bad-model',
      `decodeModel: binary has ${bytes.byteLength} bytes, header says ${h.byteLength}`,
    );
  }
  const digest = createHash('sha256').update(bytes).digest('hex');
  if (digest !== h.sha256)
    throw new CfError('bad-model', 'decodeModel: binary checksum does not match its header (mixed files?)');

  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const read = (name: string, expectedLength: number): Float32Array => {
    const entry = h.arrays.find((a) => a.name === name);
    if (entry === undefined) throw new CfError('bad-model', `decodeModel: array "${name}" is missing`);
    if (entry.length !== expectedLength || (entry.offset + entry.length) * 4 > bytes.byteLength) {
      throw new CfError(
        'bad-model',
        `decodeModel: array "${name}" has length ${entry.length}, expected ${expectedLength}`,
      );
    }
    if (LITTLE_ENDIAN_HOST) {
      // slice() copies into a fresh, 4-byte-aligned buffer the Float32Array can view directly.
      const start = bytes.byteOffset + entry.offset * 4;
      return new Float32Array(bytes.buffer.slice(start, start + entry.length * 4));
    }
    const out = new Float32Array(entry.length);
    for (let k = 0; k < entry.length; k++) out[k] = view.getFloat32((entry.offset + k) * 4, true);
    return out;
  };
  const param = (name: string): number => {
    const value = h.params[name];
    if (typeof value !== 'number')
      throw new CfError('bad-model', `decodeModel: parameter "${name}" is missing`);
    return value;
  };
  const { nUsers, nItems, factors } = h;
  const userFactors = read('userFactors', nUsers * factors);
  const itemFactors = read('itemFactors', nItems * factors);
  if (h.kind === 'mf') {
    return {
      kind: 'mf',
      nUsers,
      nItems,
      factors,
      globalMean: param('globalMean'),
      ratingScale: { min: param('ratingMin'), max: param('ratingMax') },
      regularization: param('regularization'),
      biasRegularization: param('biasRegularization'),
      userBias: read('userBias', nUsers),
      itemBias: read('itemBias', nItems),
      userFactors,
      itemFactors,
    };
  }
  return {
    kind: 'als',
    nUsers,
    nItems,
    factors,
    alpha: param('alpha'),
    regularization: param('regularization'),
    likeThreshold: param('likeThreshold'),
    userFactors,
    itemFactors,
  };
}

export interface ModelLocation {
  /** Folder holding `<name>.bin` and `<name>.json`. */
  readonly dir: string;
  /** File stem. Default 'factors'. */
  readonly name?: string;
}

/**
 * Writes `<dir>/<name>.bin` then `<dir>/<name>.json`, each to a temporary file in the same folder
 * first and renamed into place, so a reader never sees a half-written file; the checksum in the
 * header catches a header paired with another run's binary.
 */
export async function saveModel(
  model: CfModel,
  location: ModelLocation,
): Promise<{ binaryPath: string; headerPath: string }> {
  const { header, bytes } = encodeModel(model);
  const stem = join(location.dir, location.name ?? 'factors');
  const binaryPath = `${stem}.bin`;
  const headerPath = `${stem}.json`;
  await writeAtomically(binaryPath, bytes);
  await writeAtomically(headerPath, `${JSON.stringify(header, null, 2)}\n`);
  return { binaryPath, headerPath };
}

/** Reads a model written by `saveModel`. */
export async function loadModel(location: ModelLocation): Promise<CfModel> {
  const stem = join(location.dir, location.name ?? 'factors');
  let headerText: string;
  let bytes: Uint8Array;
  try {
    headerText = await readFile(`${stem}.json`, 'utf8');
    bytes = await readFile(`${stem}.bin`);
  } catch (error) {
    throw new CfError('io', `loadModel: cannot read ${stem}.json / ${stem}.bin`, { cause: error });
  }
  let header: unknown;
  try {
    header = JSON.parse(headerText);
  } catch (error) {
    throw new CfError('bad-model', `loadModel: ${stem}.json is not valid JSON`, { cause: error });
  }
  return decodeModel(header, bytes);
}

let temporaryCounter = 0;

async function writeAtomically(path: string, data: Uint8Array | string): Promise<void> {
  const temporary = `${path}.tmp-${process.pid}-${temporaryCounter++}`;
  try {
    await writeFile(temporary, data);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw new CfError('io', `saveModel: cannot write ${path}`, { cause: error });
  }
}

const LITTLE_ENDIAN_HOST = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function arrayOf(model: CfModel, name: string): Float32Array {
  if (model.kind === 'mf') {
    if (name === 'userBias') return model.userBias;
    if (name === 'itemBias') return model.itemBias;
  }
  if (name === 'userFactors') return model.userFactors;
  if (name === 'itemFactors') return model.itemFactors;
  throw new CfError('invalid-input', `encodeModel: unknown array ${name}`);
}

function paramsOf(model: CfModel): Record<string, number> {
  if (model.kind === 'mf') {
    return {
      globalMean: model.globalMean,
      ratingMin: model.ratingScale.min,
      ratingMax: model.ratingScale.max,
      regularization: model.regularization,
      biasRegularization: model.biasRegularization,
    };
  }
  return { alpha: model.alpha, regularization: model.regularization, likeThreshold: model.likeThreshold };
}

function checkHeader(header: unknown): CfModelHeader {
  if (typeof header !== 'object' || header === null)
    throw new CfError('bad-model', 'decodeModel: header is not an object');
  const h = header as Partial<CfModelHeader>;
  if (h.format !== 'reco-cf-factors')
    throw new CfError('bad-model', `decodeModel: unknown format ${JSON.stringify(h.format)}`);
  if (h.version !== CF_FORMAT_VERSION) {
    throw new CfError(
      'bad-model',
      `decodeModel: format version ${h.version} is not supported (this build reads ${CF_FORMAT_VERSION}); retrain or upgrade @reco/cf-svd`,
    );
  }
  if (h.kind !== 'mf' && h.kind !== 'als')
    throw new CfError('bad-model', `decodeModel: unknown model kind ${JSON.stringify(h.kind)}`);
  for (const key of ['nUsers', 'nItems', 'factors', 'byteLength'] as const) {
    const value = h[key];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
      throw new CfError('bad-model', `decodeModel: header field ${key} is missing or invalid`);
    }
  }
  if (
    !Array.isArray(h.arrays) ||
    typeof h.sha256 !== 'string' ||
    typeof h.params !== 'object' ||
    h.params === null
  ) {
    throw new CfError('bad-model', 'decodeModel: header lacks arrays, params or sha256');
  }
  return h as CfModelHeader;
}
