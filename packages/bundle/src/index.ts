export { type ArrayInput, arrayPath, readBundleArray, writeArrays } from './arrays';
export { type ColumnArray, type ColumnsHeader, decodeColumns, encodeColumns, requireColumn } from './columns';
export { BundleError, type BundleErrorCode } from './errors';
export {
  BUNDLE_FORMAT,
  BUNDLE_VERSION,
  type BundleFileEntry,
  type BundleManifest,
  checkManifest,
  MANIFEST_FILE,
  type ManifestArrayEntry,
  type ManifestArrays,
  type ManifestBody,
  ManifestSchema,
  READABLE_VERSIONS,
} from './manifest';
export {
  decodeNpy,
  encodeNpy,
  NPY_ALIGN,
  NPY_DTYPES,
  type NpyArray,
  type NpyDecoded,
  type NpyDtype,
  type NpyHeader,
  npyDtypeOf,
  readNpyHeader,
} from './npy';
export { BUNDLE_PATHS, modelPath, predictionKey, REPORT_PATHS, retrieverPaths } from './paths';
export {
  type Bundle,
  hasBundleFile,
  parseBundleJson,
  type ReadBundleOptions,
  readBundle,
  readBundleBytes,
  readBundleJson,
  readBundleText,
} from './read-bundle';
export { type BundleWriter, type WriteBundleOptions, writeBundle } from './write-bundle';
