import type { ReactNode } from 'react';
import type { List } from '../lib/use-list';
import { ErrorAlert } from './alert';

/** The top of a page: its one `h1` (focused on navigation, so screen readers announce the page), a line on what it is for, and its main action. */
export function PageHeader({
  title,
  eyebrow,
  children,
  action,
}: {
  title: string;
  eyebrow?: string;
  children?: ReactNode;
  action?: ReactNode;
}) {
  return (
    <header className="page-header">
      <div>
        {eyebrow && <p className="eyebrow">{eyebrow}</p>}
        <h1 tabIndex={-1}>{title}</h1>
        {children && <p className="page-lede">{children}</p>}
      </div>
      {action && <div className="page-action">{action}</div>}
    </header>
  );
}

export interface Column<T> {
  header: string;
  cell(item: T): ReactNode;
  /** Right-aligned, narrow: for buttons. */
  actions?: boolean;
  className?: string;
}

/** A table of a list, with its loading, empty and error states and a "Load more" button. */
export function DataTable<T extends { id: string }>({
  list,
  columns,
  caption,
  empty,
}: {
  list: List<T>;
  columns: Column<T>[];
  caption: string;
  empty: ReactNode;
}) {
  return (
    <section className="card">
      <ErrorAlert error={list.error} title={`Could not load ${caption.toLowerCase()}`} />
      <div className="table-wrap">
        <table aria-busy={list.loading || undefined}>
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c.header} scope="col" className={c.actions ? 'actions' : c.className}>
                  {c.actions ? <span className="visually-hidden">{c.header}</span> : c.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {list.items.map((item) => (
              <tr key={item.id} data-id={item.id}>
                {columns.map((c) => (
                  <td key={c.header} className={c.actions ? 'actions' : c.className}>
                    {c.cell(item)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {list.loading && list.items.length === 0 && (
        <p className="table-state" role="status">
          Loading…
        </p>
      )}
      {!list.loading && !list.error && list.items.length === 0 && (
        <div className="table-state empty">{empty}</div>
      )}
      {list.hasMore && (
        <div className="table-more">
          <button
            type="button"
            className="button secondary"
            onClick={list.loadMore}
            disabled={list.loadingMore}
          >
            {list.loadingMore ? 'Loading…' : 'Load more'}
          </button>
        </div>
      )}
    </section>
  );
}
