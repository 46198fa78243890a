import { ClientError } from './errors';
import type {
  DatasetSummaryBody,
  ModelInfoBody,
  ModelReportBody,
  MovieSearchBody,
  MovieSearchOptions,
  MovieSummaryBody,
  NewUserRecommendationsBody,
  NewUserRequestBody,
  PredictionsBody,
  PredictRequestBody,
  ProblemBody,
  SimilarMoviesBody,
  SimilarOptions,
  UserHistoryBody,
  UserHistoryOptions,
  UserRecommendationsBody,
  UserRecommendationsOptions,
} from './types';

export interface RecoClientOptions {
  /** Where the API is, e.g. `http://127.0.0.1:8080`. Default `''`: the page's own origin. */
  readonly baseUrl?: string;
  /** Default: the global `fetch`. */
  readonly fetch?: typeof fetch;
}

/** One method per public route; every answer is typed by the server's own schemas. */
export interface RecoClient {
  recommendations(userId: number, options?: UserRecommendationsOptions): Promise<UserRecommendationsBody>;
  /** A known user's training ratings: highest and lowest rated movies, per-genre preferences. */
  userHistory(userId: number, options?: UserHistoryOptions): Promise<UserHistoryBody>;
  recommendForRatings(request: NewUserRequestBody): Promise<NewUserRecommendationsBody>;
  /** The served classifier's like probability for a known user and some movies (`POST /v1/predict`). */
  predict(request: PredictRequestBody): Promise<PredictionsBody>;
  similar(movieId: number, options?: SimilarOptions): Promise<SimilarMoviesBody>;
  searchMovies(options: MovieSearchOptions): Promise<MovieSearchBody>;
  movie(movieId: number): Promise<MovieSummaryBody>;
  model(): Promise<ModelInfoBody>;
  modelReport(): Promise<ModelReportBody>;
  datasetSummary(): Promise<DatasetSummaryBody>;
}

type Query = Readonly<Record<string, string | number | readonly string[] | undefined>>;

/**
 * A typed client for the reco API. Failures are `ClientError`s with a stable `code`.
 *
 * @example
 * const api = createRecoClient({ baseUrl: 'http://127.0.0.1:8080' });
 * const { items } = await api.recommendations(1, { n: 5 });
 */
export function createRecoClient(options: RecoClientOptions = {}): RecoClient {
  const baseUrl = (options.baseUrl ?? '').replace(/\/$/, '');
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const get = <T>(path: string, query: Query = {}) =>
    request<T>(doFetch, `${baseUrl}${path}${queryString(query)}`);
  const post = <T>(path: string, body: unknown) =>
    request<T>(doFetch, `${baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  return {
    recommendations: async (userId, o = {}) => get(`/v1/users/${int(userId, 'userId')}/recommendations`, o),
    userHistory: async (userId, o = {}) => get(`/v1/users/${int(userId, 'userId')}/history`, o),
    recommendForRatings: (body) => post('/v1/recommendations', body),
    predict: async (body) => {
      int(body.userId, 'userId');
      return post('/v1/predict', body);
    },
    similar: async (movieId, o = {}) => get(`/v1/movies/${int(movieId, 'movieId')}/similar`, o),
    searchMovies: (o) => get('/v1/movies', o),
    movie: async (movieId) => get(`/v1/movies/${int(movieId, 'movieId')}`),
    model: () => get('/v1/model'),
    modelReport: () => get('/v1/model/report'),
    datasetSummary: () => get('/v1/dataset/summary'),
  };
}

/** `?a=1&genres=Drama&genres=War`, leaving out undefined values; '' when empty. */
export function queryString(query: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (typeof value === 'object') for (const v of value) params.append(key, v);
    else params.append(key, String(value));
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

function int(value: number, field: string): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new ClientError('invalid-input', `${field} must be a positive integer, not ${value}`, { field });
  }
  return value;
}

async function request<T>(doFetch: typeof fetch, url: string, init?: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await doFetch(url, init);
  } catch (cause) {
    throw new ClientError('unreachable', `the API at ${url} did not answer`, { cause });
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = text === '' ? null : JSON.parse(text);
  } catch (cause) {
    throw new ClientError(
      'bad-response',
      `the API answered ${response.status} with a body that is not JSON`,
      {
        status: response.status,
        cause,
      },
    );
  }
  if (!response.ok) {
    const problem = isProblem(body) ? body : null;
    const detail = problem?.detail ?? `HTTP ${response.status}`;
    throw new ClientError('problem', detail, { status: response.status, problem });
  }
  if (typeof body !== 'object' || body === null) {
    throw new ClientError('bad-response', `the API answered ${response.status} without a JSON object`, {
      status: response.status,
    });
  }
  return body as T;
}

function isProblem(body: unknown): body is ProblemBody {
  if (typeof body !== 'object' || body === null) return false;
  const b = body as Record<string, unknown>;
  return typeof b.type === 'string' && typeof b.status === 'number' && typeof b.detail === 'string';
}
