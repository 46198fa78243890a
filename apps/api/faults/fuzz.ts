import type { Rng } from '@reco/core';

/** One fuzzed request: method, path with query, headers and body. */
export interface FuzzRequest {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

const PATHS = [
  '/v1/users/1/recommendations',
  '/v1/users/x/recommendations',
  '/v1/recommendations',
  '/v1/predict',
  '/v1/movies',
  '/v1/movies/1',
  '/v1/movies/1/similar',
  '/v1/model',
  '/v1/model/report',
  '/v1/dataset/summary',
  '/health/ready',
  '/admin/reload',
  '/nope',
];
const KEYS = ['n', 'genres', 'minYear', 'maxYear', 'strategy', 'search', 'offset', 'limit', 'x'];
const VALUES = ['1', '0', '-1', '0x10', '1e9', 'Drama', '%00', '%ff', '', 'null', '[]', '9'.repeat(40)];
const BODIES = [
  '{}',
  '[]',
  'null',
  '{"ratings":[]}',
  '{"ratings":[{"movieId":1,"rating":9}]}',
  '{"ratings":[{"movieId":"1","rating":4}],"n":5}',
  '{"userId":1,"movieIds":[1,2,-3]}',
  '{"ratings":',
  '\u0000\u0001',
  '{"__proto__":{"x":1}}',
];

const pick = <T>(rng: Rng, list: readonly T[]): T => list[rng.nextInt(list.length)] as T;

/** A random request mixing valid and broken paths, queries, JSON bodies and header sizes. */
export function fuzzRequest(rng: Rng): FuzzRequest {
  let path = pick(rng, PATHS);
  if (rng.nextFloat() < 0.3) path += `/${String.fromCharCode(33 + rng.nextInt(90))}`;
  const query = Array.from({ length: rng.nextInt(4) }, () => `${pick(rng, KEYS)}=${pick(rng, VALUES)}`);
  if (query.length > 0) path += `?${query.join('&')}`;
  const headers: Record<string, string> = {};
  if (rng.nextFloat() < 0.1) headers['x-pad'] = 'a'.repeat(rng.nextInt(40_000));
  if (rng.nextFloat() < 0.2) headers.authorization = pick(rng, ['Bearer x', 'bearer', 'Basic a']);
  const post = rng.nextFloat() < 0.5;
  if (!post) return { method: 'GET', path, headers };
  headers['content-type'] = pick(rng, ['application/json', 'application/json', 'text/plain', 'x/y']);
  return { method: 'POST', path, headers, body: pick(rng, BODIES) };
}
