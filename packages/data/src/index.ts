export { DataError, type DataErrorLocation } from './errors';
export { createIdMap, idMapFromSorted } from './id-map';
export type * from './types';
