/**
 * Renders the guide's generated tables as HTML. The rows come from {@link readScopes} and
 * {@link readErrors}; nothing here knows a scope or an error code by name.
 */
import { Marked } from 'marked';
import type { ErrorRow, OperationRef, ScopeRow } from './spec-model.js';

const markdown = new Marked({ gfm: true });

/** Escapes text for HTML content and attribute values. */
export const escapeHtml = (text: string): string =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

/** Inline Markdown (code spans, emphasis, links) of a description, as HTML. */
export const inlineMarkdown = (text: string): string => markdown.parseInline(text, { async: false });

/** The reference's URL slug of a tag, as Redoc makes it: `OAuth Apps` → `oauth-apps`. */
export const tagSlug = (tag: string): string =>
  tag
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/**
 * The URL of an operation in the reference, relative to a page at `base` from the reference's root
 * (`'../'` from the guide). Redoc routes by hash: `#/<tag slug>/<operationId in lower case>`.
 */
export function referenceHref(op: OperationRef, base: string): string {
  return op.tag === undefined ? base : `${base}#/${tagSlug(op.tag)}/${op.operationId.toLowerCase()}`;
}

function operationsCell(operations: readonly OperationRef[], href: (op: OperationRef) => string): string {
  if (operations.length === 0) {
    return '<span class="none">No operation lists it yet.</span>';
  }
  const byPath = new Map<string, OperationRef[]>();
  for (const op of operations) {
    byPath.set(op.path, [...(byPath.get(op.path) ?? []), op]);
  }
  const items = [...byPath].map(([path, ops]) => {
    const methods = ops
      .map(
        (op) =>
          `<a class="method method-${op.method}" href="${escapeHtml(href(op))}" title="${escapeHtml(op.summary)}">${op.method.toUpperCase()}</a>`,
      )
      .join(' ');
    return `<li>${methods} <code>${escapeHtml(path)}</code></li>`;
  });
  return `<ul class="operations">${items.join('')}</ul>`;
}

/**
 * The scope table: each scope, what it grants, and the operations that accept it.
 *
 * @param href The link to an operation in the reference.
 */
export function scopeTable(rows: readonly ScopeRow[], href: (op: OperationRef) => string): string {
  const body = rows
    .map(
      (row) =>
        `<tr data-scope="${escapeHtml(row.scope)}"><td><code>${escapeHtml(row.scope)}</code></td>` +
        `<td>${inlineMarkdown(row.description)}</td><td>${operationsCell(row.operations, href)}</td></tr>`,
    )
    .join('\n');
  return [
    '<div class="table-wrap"><table class="generated" data-generated="scopes">',
    '<thead><tr><th>Scope</th><th>Description</th><th>Needed by</th></tr></thead>',
    `<tbody>\n${body}\n</tbody></table></div>`,
  ].join('\n');
}

/**
 * The error table: status, code, when it is answered and what to do about it.
 *
 * @param resolutions What to do, in Markdown, by error code; a code without one gets none.
 */
export function errorTable(rows: readonly ErrorRow[], resolutions: Readonly<Record<string, string>>): string {
  const body = rows
    .map((row) => {
      const statuses = row.statuses.map((s) => `<code>${s}</code>`).join(' ') || '—';
      const resolution = Object.hasOwn(resolutions, row.code)
        ? inlineMarkdown(resolutions[row.code] ?? '')
        : '—';
      return (
        `<tr data-code="${escapeHtml(row.code)}"><td>${statuses}</td><td><code>${escapeHtml(row.code)}</code></td>` +
        `<td>${inlineMarkdown(row.when)}</td><td>${resolution}</td></tr>`
      );
    })
    .join('\n');
  return [
    '<div class="table-wrap"><table class="generated" data-generated="errors">',
    '<thead><tr><th>Status</th><th>Error code</th><th>When</th><th>Resolution</th></tr></thead>',
    `<tbody>\n${body}\n</tbody></table></div>`,
  ].join('\n');
}
