import type { SelectQueryBuilder } from 'kysely';
import type { Database } from './schema.js';

/** A request for one page of a list: at most `limit` items after `cursor`. */
export interface PageRequest {
  readonly limit: number;
  readonly cursor: string | null;
}

/** One page of a list, newest first; `next_cursor` is null on the last page. */
export interface Page<T> {
  readonly data: T[];
  readonly next_cursor: string | null;
}

const ID = /^[a-z]{2,3}_[0-9A-Za-z]{24}$/;

/** The id a cursor stands for, or `undefined` when the cursor is not one this server made. */
export function decodeCursor(cursor: string): string | undefined {
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  return ID.test(id) && encodeCursor(id) === cursor ? id : undefined;
}

export const encodeCursor = (id: string): string => Buffer.from(id, 'utf8').toString('base64url');

/**
 * Runs `query` for one page. Ids sort by creation time, so "newest first" is "id descending" and the
 * cursor is the last id seen: pages stay stable while rows are added.
 */
export async function paginate<T extends keyof Database, Row extends { id: string }, Out>(
  query: SelectQueryBuilder<Database, T, Row>,
  idColumn: `${T}.id` | 'id',
  request: PageRequest,
  map: (row: Row) => Out,
): Promise<Page<Out>> {
  let q = query.orderBy(idColumn as never, 'desc').limit(request.limit + 1);
  if (request.cursor !== null) {
    q = q.where(idColumn as never, '<', request.cursor as never);
  }
  const rows = await q.execute();
  const more = rows.length > request.limit;
  const data = (more ? rows.slice(0, request.limit) : rows).map(map);
  const last = more ? rows[request.limit - 1] : undefined;
  return { data, next_cursor: last ? encodeCursor(last.id) : null };
}
