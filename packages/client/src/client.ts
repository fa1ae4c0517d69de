import type { paths } from '@neuracraft/types';
import createFetchClient, {
  type Client,
  type FetchResponse,
  type HeadersOptions,
  type MaybeOptionalInit,
  type Middleware,
  type ParseAs,
} from 'openapi-fetch';
import type { HttpMethod, MediaType, PathsWithMethod, RequiredKeysOf } from 'openapi-typescript-helpers';
import type { Auth } from './auth/api-key.js';
import { NeuraCraftError } from './errors.js';
import { type Fetch, type RetryOptions, withRetry } from './retry.js';

/**
 * Options of {@link createClient}.
 *
 * @example
 * ```ts
 * const options: ClientOptions<true> = {
 *   baseUrl: 'http://localhost:8080',
 *   auth: apiKey('nc_…'),
 *   retry: { retries: 3 },
 *   throwOnError: true,
 * };
 * const client = createClient(options);
 * ```
 */
export interface ClientOptions<ThrowOnError extends boolean = false> {
  /** Where the API is, e.g. `https://api.neuracraft.com` or `http://localhost:8080`. */
  baseUrl: string;
  /**
   * The credential: {@link apiKey} or {@link clientCredentials}. Default: none, for the public
   * operations (`/healthz`, `/.well-known/…`).
   */
  auth?: Auth;
  /** The `fetch` every request goes through, the token requests included. Default: `globalThis.fetch`. */
  fetch?: Fetch;
  /** Headers sent with every request, e.g. `{ 'User-Agent': 'my-app/1.0' }`. Default: none. */
  headers?: HeadersOptions;
  /**
   * Retries of `429` and `5xx` answers for requests safe to repeat (idempotent methods, and POSTs with
   * an `Idempotency-Key`), or `false` for none. Default: `{ retries: 2, baseDelay: 300, maxDelay: 30000 }`.
   */
  retry?: RetryOptions | false;
  /**
   * `false` (default): every call resolves to `{ data }` or `{ error }` (a {@link NeuraCraftError}), and
   * rejects only on a network fault. `true`: a call resolves to `{ data }` and throws the error.
   */
  throwOnError?: ThrowOnError;
}

/**
 * A call that succeeded or was answered with an error: exactly one of `data` and `error` is set.
 *
 * @example
 * ```ts
 * const result: Result<Pipeline> = await client.GET('/v1/pipelines/{id}', { params: { path: { id } } });
 * if (result.error) {
 *   result.error.code; // 'not_found', …
 * } else {
 *   result.data.name;
 * }
 * ```
 */
export type Result<Data> =
  | { data: Data; error?: undefined; response: Response }
  | { data?: undefined; error: NeuraCraftError; response: Response };

/**
 * A call that succeeded (with `throwOnError: true`, the others throw).
 *
 * @example
 * ```ts
 * const { data }: Success<Pipeline> = await strict.GET('/v1/pipelines/{id}', { params: { path: { id } } });
 * ```
 */
export interface Success<Data> {
  data: Data;
  response: Response;
}

type Answer<Op, I> = Op extends Record<string | number, unknown> ? FetchResponse<Op, I, MediaType> : never;
// A success without a body (204) has `data: undefined`, not `never`.
type DataOf<R> = R extends { data: infer D } ? ([D] extends [never] ? undefined : D) : never;
type Outcome<Data, ThrowOnError extends boolean> = ThrowOnError extends true ? Success<Data> : Result<Data>;
// As openapi-fetch's own: the init argument is optional exactly when nothing in it is required.
type InitParam<Init> =
  RequiredKeysOf<Init> extends never
    ? [(Init & { [key: string]: unknown })?]
    : [Init & { [key: string]: unknown }];

/**
 * A method of the client: `client.GET(path, init)`, typed from the spec for each path.
 *
 * @example
 * ```ts
 * const get: ClientMethod<'get', false> = client.GET;
 * await get('/v1/pipelines/{id}', { params: { path: { id: 'pl_…' } } });
 * ```
 */
// Unlike openapi-fetch's own, the init is not an inferred type parameter, so that a body field the
// schema does not have is an excess property (a compile error); only `parseAs` is inferred.
export type ClientMethod<M extends HttpMethod, ThrowOnError extends boolean> = <
  P extends PathsWithMethod<paths, M>,
  As extends ParseAs = 'json',
>(
  url: P,
  ...init: InitParam<MaybeOptionalInit<paths[P], M> & { parseAs?: As }>
) => Promise<Outcome<DataOf<Answer<paths[P][M], { parseAs: As }>>, ThrowOnError>>;

type GetPath = PathsWithMethod<paths, 'get'>;
type GetData<P extends GetPath> = DataOf<Answer<paths[P]['get'], object>>;

/**
 * A path whose `GET` answers a page: `{ data: [...], next_cursor }` — what `paginate` accepts.
 *
 * @example
 * ```ts
 * const lists: ListPath[] = ['/v1/pipelines', '/v1/workflows', '/v1/executions'];
 * ```
 */
export type ListPath = {
  [P in GetPath]: GetData<P> extends { data: readonly unknown[]; next_cursor?: string | null } ? P : never;
}[GetPath];

/**
 * What a list path lists.
 *
 * @example
 * ```ts
 * type Pipeline = ListItem<'/v1/pipelines'>; // components['schemas']['Pipeline']
 * ```
 */
export type ListItem<P extends ListPath> =
  GetData<P> extends { data: readonly (infer Item)[] } ? Item : never;

/**
 * The NeuraCraft API client: `GET`, `POST`, `PATCH`, `PUT`, `DELETE` for every path of the spec, with
 * the path, parameters, body and answer typed, and `paginate` for lists. Made by {@link createClient}.
 *
 * @example
 * ```ts
 * function pipelineNames(client: NeuraCraftClient) {
 *   return client.GET('/v1/pipelines').then(({ data }) => data?.data.map((p) => p.name));
 * }
 * ```
 */
export interface NeuraCraftClient<ThrowOnError extends boolean = false> {
  GET: ClientMethod<'get', ThrowOnError>;
  POST: ClientMethod<'post', ThrowOnError>;
  PUT: ClientMethod<'put', ThrowOnError>;
  PATCH: ClientMethod<'patch', ThrowOnError>;
  DELETE: ClientMethod<'delete', ThrowOnError>;
  /**
   * Every item of a list, page after page (following `next_cursor`), fetched as it is iterated.
   * Throws a {@link NeuraCraftError} if a page is answered with an error, whatever `throwOnError` is.
   *
   * @example
   * ```ts
   * for await (const pipeline of client.paginate('/v1/pipelines', { params: { query: { limit: 100 } } })) {
   *   console.log(pipeline.id, pipeline.name);
   * }
   * ```
   */
  paginate<P extends ListPath>(
    url: P,
    ...init: InitParam<Omit<NonNullable<MaybeOptionalInit<paths[P], 'get'>>, 'parseAs'>>
  ): AsyncGenerator<ListItem<P>, void, undefined>;
  /** Adds openapi-fetch middleware, run after the client's `auth`. */
  use(...middleware: Middleware[]): void;
  /** Removes middleware added with `use`. */
  eject(...middleware: Middleware[]): void;
  /** The underlying openapi-fetch client, whose `error` is the raw error body. */
  readonly raw: Client<paths>;
}

type Init = { params?: { query?: Record<string, unknown> } & Record<string, unknown> } & Record<
  string,
  unknown
>;
type Send = (
  method: string,
  url: string,
  init?: Init,
) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

/**
 * Creates a client of the NeuraCraft API, typed from its OpenAPI document.
 *
 * Calls return openapi-fetch's result style by default — `{ data }` on success, `{ error }` (a
 * {@link NeuraCraftError}) on an error answer — and reject only on a network fault; pass
 * `throwOnError: true` to get `{ data }` or a thrown `NeuraCraftError` instead.
 *
 * @example
 * ```ts
 * import { apiKey, createClient } from '@neuracraft/client';
 *
 * const client = createClient({ baseUrl: 'https://api.neuracraft.com', auth: apiKey('your_api_key_here') });
 *
 * const { data, error } = await client.GET('/v1/pipelines', { params: { query: { limit: 10 } } });
 * if (error) {
 *   console.error(error.code, error.description); // e.g. 'invalid_api_key'
 * } else {
 *   console.log(data.data.map((p) => p.name));
 * }
 *
 * // or, throwing:
 * const strict = createClient({ baseUrl: 'https://api.neuracraft.com', auth: apiKey('…'), throwOnError: true });
 * const { data: pipeline } = await strict.GET('/v1/pipelines/{id}', { params: { path: { id: 'pl_…' } } });
 * ```
 */
export function createClient<ThrowOnError extends boolean = false>(
  options: ClientOptions<ThrowOnError>,
): NeuraCraftClient<ThrowOnError> {
  const {
    baseUrl,
    auth,
    headers,
    fetch = (request: Request) => globalThis.fetch(request),
    retry,
    throwOnError,
  } = options;
  const raw = createFetchClient<paths>({
    baseUrl,
    headers,
    fetch: retry === false ? fetch : withRetry(fetch, retry),
  });
  if (auth) {
    raw.use(auth);
  }
  const send = raw.request as unknown as Send;
  const call =
    (method: string, throws: boolean | undefined = throwOnError) =>
    async (url: string, init?: Init) => {
      const { data, error, response } = await send(method, url, init);
      if (response.ok) {
        return { data, response };
      }
      const e = new NeuraCraftError(response.status, error, response);
      if (throws) {
        throw e;
      }
      return { error: e, response };
    };
  const get = call('get', true);

  async function* paginate(url: string, init: Init = {}) {
    let query = init.params?.query;
    for (;;) {
      const { data } = (await get(url, { ...init, params: { ...init.params, query } })) as {
        data: { data: unknown[]; next_cursor?: string | null };
      };
      yield* data.data;
      if (!data.next_cursor) {
        return;
      }
      query = { ...query, cursor: data.next_cursor };
    }
  }

  return {
    GET: call('get'),
    POST: call('post'),
    PUT: call('put'),
    PATCH: call('patch'),
    DELETE: call('delete'),
    paginate,
    use: raw.use,
    eject: raw.eject,
    raw,
  } as unknown as NeuraCraftClient<ThrowOnError>;
}
