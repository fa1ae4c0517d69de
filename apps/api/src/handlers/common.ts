import type { Ctx } from '../context.js';
import { json, problem } from '../http/problem.js';
import { decodeCursor, type PageRequest } from '../store/page.js';

/** The page a list request asks for, or an error response when its cursor is not one of ours. */
export function pageOf(ctx: Ctx): PageRequest | Response {
  const query = ctx.input.query as { limit?: number; cursor?: string };
  const limit = query.limit ?? 20;
  if (query.cursor === undefined) {
    return { limit, cursor: null };
  }
  const after = decodeCursor(query.cursor);
  if (after === undefined) {
    return problem('invalid_request', 'cursor is not a cursor this server returned.', ctx, {
      issues: [{ path: '/query/cursor', message: 'query/cursor: is not a cursor this server returned' }],
    });
  }
  return { limit, cursor: after };
}

/** Answers a list request with one page of `list`. */
export async function listed<T>(ctx: Ctx, list: (page: PageRequest) => Promise<T>): Promise<Response> {
  const page = pageOf(ctx);
  return page instanceof Response ? page : json(await list(page), ctx);
}

/** 404 in the error format: another org's object looks exactly like one that does not exist. */
export const notFound = (ctx: Ctx, what: string, id: string): Response =>
  problem('not_found', `No ${what} ${id} exists.`, ctx);

/** The path parameter `id`. */
export const idOf = (ctx: Ctx): string => (ctx.input.params as { id: string }).id;

export const now = (): string => new Date().toISOString();
