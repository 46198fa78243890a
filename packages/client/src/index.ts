export { createRecoClient, queryString, type RecoClient, type RecoClientOptions } from './client';
export { ClientError, type ClientErrorCode, isClientError } from './errors';
export type * from './types';
