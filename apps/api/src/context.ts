import type { Authenticator, Principal } from '@neuracraft/auth-core';
import type { Operation, OperationId, operations } from '@neuracraft/types';
import type { Redis } from 'ioredis';
import type { Config } from './config.js';
import type { Metrics } from './http/metrics.js';
import type { RateLimiter } from './http/rate-limit.js';
import type { Logger } from './logger.js';
import type { ServerKeys } from './secrets.js';
import type { ApiKeys } from './services/api-keys.js';
import type { RevocationBus } from './services/bus.js';
import type { OAuthApps } from './services/oauth-apps.js';
import type { Tokens } from './services/tokens.js';
import type { Store } from './store/index.js';

/** What every handler may use; made once at start. */
export interface Deps {
  readonly config: Config;
  readonly store: Store;
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly limiter: RateLimiter;
  /** The shared Redis, when `REDIS_URL` is set. */
  readonly redis: Redis | null;
  readonly bus: RevocationBus;
  readonly keys: ServerKeys;
  readonly tokens: Tokens;
  readonly apiKeys: ApiKeys;
  /** Reads X-API-Key and Bearer credentials and checks an operation's security against a principal. */
  readonly auth: Authenticator;
  readonly apps: OAuthApps;
  /** The built docs site, if there is one. */
  readonly docsDir: string | null;
  /** The built dashboard, if there is one. */
  readonly dashboardDir: string | null;
}

type Content<T> = T extends { content: infer C } ? C[keyof C] : never;
type Params<Op extends OperationId, In extends 'path' | 'query' | 'header'> = operations[Op] extends {
  parameters: { [K in In]?: infer P };
}
  ? NonNullable<P>
  : Record<string, never>;

/** A request's headers by lower-cased name; repeated ones (`set-cookie`) as arrays. */
export type RequestHeaders = Readonly<Record<string, string | string[] | undefined>>;

/** A request's input after validation: parameters coerced to their declared types, defaults applied. */
export interface Input<Op extends OperationId> {
  readonly params: Params<Op, 'path'>;
  readonly query: Params<Op, 'query'>;
  readonly headers: Record<string, string>;
  readonly body: operations[Op] extends { requestBody?: infer B } ? Content<NonNullable<B>> : undefined;
}

/** One request as a handler sees it: authenticated, authorized and validated already. */
export interface Ctx<Op extends OperationId = OperationId> {
  readonly deps: Deps;
  readonly op: Operation;
  readonly request: Request;
  readonly requestId: string;
  /** Headers every response to this request carries: `X-Request-Id`, and `RateLimit` when it counts. */
  readonly headers: Readonly<Record<string, string>>;
  /** The request's headers, by lower-cased name, as Node parsed them (cheaper than `request.headers`). */
  readonly requestHeaders: RequestHeaders;
  readonly ip: string;
  /** Null only on public operations. */
  readonly principal: Principal | null;
  readonly input: Input<Op>;
  /** The body exactly as sent, for operations that must see repeated form parameters. */
  readonly rawBody: string | null;
}

/** The handler of one operation; it answers with a Web Response. */
export type Handler<Op extends OperationId = OperationId> = (ctx: Ctx<Op>) => Promise<Response> | Response;

/** A handler for every operation of the spec: the compiler, and start-up, insist on each one. */
export type Handlers = { readonly [Op in OperationId]: Handler<Op> };

/** The principal of an operation that requires one. */
export function principalOf(ctx: Ctx): Principal {
  if (ctx.principal === null) {
    throw new Error(`${ctx.op.operationId} has no principal: is it public in the spec?`);
  }
  return ctx.principal;
}
