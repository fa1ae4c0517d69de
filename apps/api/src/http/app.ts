import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Principal } from '@neuracraft/auth-core';
import { OPERATIONS, type Operation, type OperationId } from '@neuracraft/types';
import { MAX_BODY_BYTES, validateRequest } from '@neuracraft/validators';
import { type Context, Hono } from 'hono';
import { cors } from 'hono/cors';
import type { Ctx, Deps, Handlers, Input, RequestHeaders } from '../context.js';
import { authenticateRequest } from './authenticate.js';
import { withIdempotency } from './idempotency.js';
import { problem } from './problem.js';
import { setRateLimitHeaders } from './rate-limit.js';
import { mountStatic } from './static.js';

/** Thrown at start when the spec has an operation that no handler serves. */
export class MissingHandlerError extends Error {
  override readonly name = 'MissingHandlerError';
}

const toHonoPath = (path: string) => path.replace(/\{([^}]+)\}/g, ':$1');

// Request ids need to be unique, not secret: a random per-process prefix and a counter.
const ID_PREFIX = `req_${randomBytes(6).toString('base64url')}`;
let requestCounter = 0;
const newRequestId = () => `${ID_PREFIX}${(++requestCounter).toString(36)}`;

/** The address of the peer, or of the client as the first proxy saw it when proxies are trusted. */
function clientIp(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for');
    if (forwarded) {
      return forwarded.split(',')[0]!.trim();
    }
  }
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? 'unknown';
}

/**
 * Reads a request body straight from Node's stream: far cheaper than a Web `Request` body. Answers null
 * (and lets the rest drain) once it grows past `limit`.
 */
function readIncoming(request: IncomingMessage, limit: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        request.off('data', onData);
        request.resume();
        resolve(null);
      } else {
        chunks.push(chunk);
      }
    };
    request.on('data', onData);
    request.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.once('error', reject);
  });
}

type ReadBody = { ok: true; raw: string | null; value: unknown };
type Body = ReadBody | { ok: false; response: Response };
const NO_BODY: ReadBody = Object.freeze({ ok: true, raw: null, value: undefined });

/** One request on its way through the pipeline. */
interface RequestState {
  readonly requestId: string;
  readonly ip: string;
  /** Headers every response to this request carries; filled in as the request goes. */
  readonly headers: Record<string, string>;
  readonly requestHeaders: RequestHeaders;
  readonly connection: object | undefined;
  principal: Principal | null;
}

/** The request's headers as Node parsed them: a plain object with lower-cased names. */
function requestHeadersOf(c: Context): RequestHeaders {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  return incoming?.headers ?? Object.fromEntries(c.req.raw.headers);
}

// The rate limiter's key of a principal, made once per principal (they are cached objects).
const rateKeys = new WeakMap<Principal, string>();
function rateKeyOf(principal: Principal): string {
  let key = rateKeys.get(principal);
  if (key === undefined) {
    key = `cred:${principal.clientId ?? principal.credentialId}`;
    rateKeys.set(principal, key);
  }
  return key;
}

async function readBody(c: Context, op: Operation, state: RequestState): Promise<Body> {
  const length = Number(state.requestHeaders['content-length'] ?? '0');
  if (length > MAX_BODY_BYTES) {
    return {
      ok: false,
      response: problem('payload_too_large', `The body is larger than ${MAX_BODY_BYTES} bytes.`, state),
    };
  }
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  const raw = incoming ? await readIncoming(incoming, MAX_BODY_BYTES) : await c.req.text();
  if (raw === null || Buffer.byteLength(raw) > MAX_BODY_BYTES) {
    return {
      ok: false,
      response: problem('payload_too_large', `The body is larger than ${MAX_BODY_BYTES} bytes.`, state),
    };
  }
  if (raw === '') {
    return { ok: true, raw, value: undefined };
  }
  const type = String(state.requestHeaders['content-type'] ?? '')
    .split(';')[0]!
    .trim()
    .toLowerCase();
  if (type !== op.requestContentType) {
    const code =
      op.requestContentType === 'application/x-www-form-urlencoded'
        ? 'invalid_request'
        : 'unsupported_media_type';
    return {
      ok: false,
      response: problem(code, `The body must be sent as ${op.requestContentType}.`, state),
    };
  }
  if (type === 'application/json') {
    try {
      return { ok: true, raw, value: JSON.parse(raw) };
    } catch {
      return { ok: false, response: problem('invalid_request', 'The body is not valid JSON.', state) };
    }
  }
  return { ok: true, raw, value: new URLSearchParams(raw) };
}

/**
 * The NeuraCraft API as a Hono app: one route per row of the generated operation table, each running
 * authentication, authorization (the row's `security`), rate limiting and validation before its handler.
 *
 * @throws {MissingHandlerError} naming every operation of the spec that `handlers` does not serve.
 */
export function createApp(deps: Deps, handlers: Handlers): Hono {
  const missing = (Object.keys(OPERATIONS) as OperationId[]).filter(
    (id) => typeof handlers[id] !== 'function',
  );
  if (missing.length > 0) {
    throw new MissingHandlerError(`no handler for operation(s): ${missing.join(', ')}`);
  }
  const { logger, metrics, limiter, config } = deps;
  const app = new Hono();
  if (config.corsOrigins.length > 0) {
    // Browser pages of the listed origins may call the API with a key or a token; never with the
    // dashboard's cookie, which stays same-origin.
    const allowed = cors({
      origin: config.corsOrigins.includes('*') ? '*' : [...config.corsOrigins],
      allowMethods: ['GET', 'POST', 'PATCH', 'DELETE'],
      allowHeaders: ['X-API-Key', 'Authorization', 'Content-Type', 'Idempotency-Key'],
      exposeHeaders: [
        'X-Request-Id',
        'Retry-After',
        'RateLimit',
        'RateLimit-Policy',
        'WWW-Authenticate',
        'Idempotent-Replayed',
      ],
      maxAge: 600,
      credentials: false,
    });
    for (const prefix of ['/v1/*', '/oauth/*', '/.well-known/*']) {
      app.use(prefix, allowed);
    }
  }

  for (const op of Object.values(OPERATIONS) as Operation[]) {
    const handler = handlers[op.operationId as OperationId] as (ctx: Ctx) => Promise<Response> | Response;
    const isPublic = op.security.length === 0;

    const isForm = op.requestContentType === 'application/x-www-form-urlencoded';

    /** Everything between routing and the handler; `state` collects what the request log line needs. */
    const respond = async (c: Context, state: RequestState): Promise<Response> => {
      const { requestId, ip, headers, requestHeaders } = state;
      if (!isPublic) {
        const authenticated = authenticateRequest(deps, c, op, state);
        const auth = authenticated instanceof Promise ? await authenticated : authenticated;
        if (auth instanceof Response) {
          return auth;
        }
        state.principal = auth;
        if (config.rateLimit) {
          // Tokens are limited per app, not per token, so minting more tokens buys no more requests.
          const counted = limiter.hit(rateKeyOf(auth), config.rateLimit);
          const decision = counted instanceof Promise ? await counted : counted;
          setRateLimitHeaders(headers, decision, config.rateLimit, 'credential');
          if (!decision.allowed) {
            return problem('rate_limited', 'Too many requests for this credential; retry later.', state);
          }
        }
      }
      let body = NO_BODY;
      if (op.requestContentType !== null && c.req.method !== 'GET' && c.req.method !== 'HEAD') {
        const read = await readBody(c, op, state);
        if (!read.ok) {
          return read.response;
        }
        body = read;
      }
      const checked = validateRequest(op.operationId as OperationId, {
        params: c.req.param() as Record<string, string>,
        query: c.req.url.includes('?') ? c.req.queries() : {},
        headers: requestHeaders,
        body: body.value,
      });
      if (!checked.ok) {
        return problem('invalid_request', checked.issues.map((i) => i.message).join('; '), state, {
          issues: checked.issues,
        });
      }
      const ctx: Ctx = {
        deps,
        op,
        request: c.req.raw,
        requestId,
        headers,
        requestHeaders,
        ip,
        principal: state.principal,
        input: checked.value as unknown as Input<OperationId>,
        rawBody: body.raw,
      };
      return withIdempotency(ctx, handler);
    };

    app.on(op.method.toUpperCase(), toHonoPath(op.path), async (c) => {
      const started = performance.now();
      const requestId = newRequestId();
      const state: RequestState = {
        requestId,
        ip: clientIp(c, config.trustProxy),
        // The OAuth endpoints' answers carry credentials or speak of them: never cached (RFC 6749 §5.1).
        headers: isForm
          ? { 'cache-control': 'no-store', pragma: 'no-cache', 'x-request-id': requestId }
          : { 'x-request-id': requestId },
        requestHeaders: requestHeadersOf(c),
        connection: (c.env as { incoming?: IncomingMessage } | undefined)?.incoming?.socket,
        principal: null,
      };
      let response: Response;
      try {
        response = await respond(c, state);
      } catch (error) {
        logger.error({ err: error, request_id: requestId, operation: op.operationId }, 'request failed');
        response = problem('server_error', 'The server could not answer this request.', requestId);
      }
      const seconds = (performance.now() - started) / 1000;
      metrics.request(op.operationId, response.status, seconds);
      logger.info(
        {
          request_id: requestId,
          operation: op.operationId,
          method: c.req.method,
          path: c.req.path,
          status: response.status,
          ms: Math.round(seconds * 1e5) / 100,
          credential: state.principal?.credentialId,
          ip: state.ip,
        },
        'request',
      );
      return response;
    });
  }

  mountStatic(app, deps);
  app.notFound((c) => problem('not_found', `No route for ${c.req.method} ${c.req.path}.`, newRequestId()));
  app.onError((error, c) => {
    const requestId = newRequestId();
    logger.error({ err: error, request_id: requestId, path: c.req.path }, 'unhandled error');
    return problem('server_error', 'The server could not answer this request.', requestId);
  });
  return app;
}
