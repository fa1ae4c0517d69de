import type { ListItem, ListPath } from '@neuracraft/client';
import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../api/client';

/** A list read page by page. */
export interface List<T> {
  items: T[];
  /** True until the first page has come (or failed). */
  loading: boolean;
  /** True while a further page is on its way. */
  loadingMore: boolean;
  error: unknown;
  /** Whether there is a further page. */
  hasMore: boolean;
  loadMore(): void;
  /** Reads the list again from its first page. */
  reload(): Promise<void>;
}

type Query = Record<string, string | number | undefined>;

/**
 * The items of a list operation (`GET /v1/api-keys`, …), first page at once, the next on `loadMore`;
 * read again whenever `query` changes.
 */
export function useList<P extends ListPath>(path: P, query: Query = {}, pageSize = 50): List<ListItem<P>> {
  const [items, setItems] = useState<ListItem<P>[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const generation = useRef(0);
  const key = JSON.stringify(query);

  const fetchPage = useCallback(
    async (after: string | null) => {
      const filters = JSON.parse(key) as Query;
      const get = api.GET as unknown as (
        url: string,
        init: { params: { query: Query } },
      ) => Promise<{ data?: { data: ListItem<P>[]; next_cursor?: string | null }; error?: unknown }>;
      return get(path, {
        params: { query: { ...filters, limit: pageSize, ...(after ? { cursor: after } : {}) } },
      });
    },
    [path, key, pageSize],
  );

  const reload = useCallback(async () => {
    const mine = ++generation.current;
    setLoading(true);
    try {
      const { data, error: failed } = await fetchPage(null);
      if (mine !== generation.current) {
        return;
      }
      setError(failed ?? null);
      setItems(data?.data ?? []);
      setCursor(data?.next_cursor ?? null);
    } catch (e) {
      if (mine === generation.current) {
        setError(e);
      }
    } finally {
      if (mine === generation.current) {
        setLoading(false);
      }
    }
  }, [fetchPage]);

  const loadMore = useCallback(() => {
    if (!cursor) {
      return;
    }
    const mine = generation.current;
    setLoadingMore(true);
    fetchPage(cursor)
      .then(({ data, error: failed }) => {
        if (mine !== generation.current) {
          return;
        }
        setError(failed ?? null);
        if (data) {
          setItems((before) => [...before, ...data.data]);
          setCursor(data.next_cursor ?? null);
        }
      }, setError)
      .finally(() => setLoadingMore(false));
  }, [cursor, fetchPage]);

  useEffect(() => {
    void reload();
  }, [reload]);

  return { items, loading, loadingMore, error, hasMore: cursor !== null, loadMore, reload };
}
