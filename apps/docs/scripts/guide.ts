/**
 * Renders a guide page from Markdown. Besides GitHub-flavoured Markdown, a page may use:
 *
 * - `<!-- generated:scopes -->` and `<!-- generated:errors -->`, replaced by tables read from the spec;
 * - links to `ref:` (the reference) and `ref:<operationId>` (one operation), checked against the spec.
 */
import { Marked, Renderer, type Tokens } from 'marked';
import { operationsOf, readErrors, readScopes } from './spec-model.js';
import { errorTable, escapeHtml, referenceHref, scopeTable } from './tables.js';

/** What a guide page is rendered against. */
export interface GuideContext {
  /** The bundled OpenAPI document. */
  readonly doc: unknown;
  /** What to do about each error code, in Markdown. */
  readonly resolutions: Readonly<Record<string, string>>;
  /** The reference's root relative to the page, e.g. `'../'`. */
  readonly referenceBase: string;
}

/** An entry of a page's table of contents. */
export interface TocEntry {
  readonly id: string;
  readonly text: string;
  readonly depth: number;
}

/** A rendered page: its title (the first `#` heading), body HTML and `##`/`###` headings. */
export interface RenderedGuide {
  readonly title: string;
  readonly html: string;
  readonly toc: readonly TocEntry[];
}

const PLACEHOLDER = /<!--\s*generated:([a-z-]+)\s*-->/g;

const slugify = (text: string): string =>
  text
    .toLowerCase()
    .replace(/<[^>]*>/g, '')
    .replace(/&[a-z]+;|&#\d+;/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

const stripTags = (html: string): string =>
  html
    .replace(/<[^>]*>/g, '')
    .replaceAll('&amp;', '&')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'");

/**
 * Renders one guide page.
 *
 * @throws {Error} on an unknown `generated:` placeholder or a link to an operation the spec lacks.
 */
export function renderGuide(source: string, ctx: GuideContext): RenderedGuide {
  const operations = new Map(operationsOf(ctx.doc).map((op) => [op.operationId, op]));
  const toc: TocEntry[] = [];
  const ids = new Set<string>();
  let title = '';

  const renderer = {
    heading(this: Renderer, { tokens, depth }: Tokens.Heading): string {
      const inner = this.parser.parseInline(tokens);
      const text = stripTags(inner);
      if (depth === 1) {
        title ||= text;
        return `<h1>${inner}</h1>\n`;
      }
      let id = slugify(text) || 'section';
      for (let n = 2; ids.has(id); n++) {
        id = `${slugify(text)}-${n}`;
      }
      ids.add(id);
      if (depth <= 3) {
        toc.push({ id, text, depth });
      }
      return `<h${depth} id="${id}"><a class="anchor" href="#${id}" aria-hidden="true">#</a>${inner}</h${depth}>\n`;
    },
    code(this: Renderer, token: Tokens.Code): string {
      const lang = (token.lang ?? '').trim().split(/\s+/)[0] ?? '';
      const html = Renderer.prototype.code.call(this, token);
      const labelled = lang !== '' && lang !== 'text';
      return labelled ? html.replace('<pre>', `<pre data-lang="${escapeHtml(lang)}">`) : html;
    },
    link(this: Renderer, token: Tokens.Link): string {
      if (!token.href.startsWith('ref:')) {
        return Renderer.prototype.link.call(this, token);
      }
      const id = token.href.slice('ref:'.length);
      let href = ctx.referenceBase;
      if (id !== '') {
        const op = operations.get(id);
        if (op === undefined) {
          throw new Error(`the guide links to operation "${id}", which the spec does not have`);
        }
        href = referenceHref(op, ctx.referenceBase);
      }
      return Renderer.prototype.link.call(this, { ...token, href });
    },
  };

  const marked = new Marked({ gfm: true, renderer });
  const body = marked.parse(source, { async: false });
  const tables: Record<string, () => string> = {
    scopes: () => scopeTable(readScopes(ctx.doc), (op) => referenceHref(op, ctx.referenceBase)),
    errors: () => errorTable(readErrors(ctx.doc), ctx.resolutions),
  };
  const html = body.replace(PLACEHOLDER, (_, name: string) => {
    const table = tables[name];
    if (table === undefined) {
      throw new Error(
        `unknown placeholder <!-- generated:${name} --> (known: ${Object.keys(tables).join(', ')})`,
      );
    }
    return table();
  });
  if (!title) {
    throw new Error('a guide page needs a # title');
  }
  return { title, html, toc };
}

/** Fills `{{name}}` slots of a page template; every slot must be given and every value used. */
export function fillTemplate(template: string, values: Readonly<Record<string, string>>): string {
  const used = new Set<string>();
  const out = template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) {
      throw new Error(`the template needs {{${name}}}`);
    }
    used.add(name);
    return value;
  });
  const unused = Object.keys(values).filter((name) => !used.has(name));
  if (unused.length > 0) {
    throw new Error(`the template has no slot for ${unused.join(', ')}`);
  }
  return out;
}

/** The table of contents as a nested list of links. */
export function tocHtml(toc: readonly TocEntry[]): string {
  const items = toc.map(
    (entry) =>
      `<li class="toc-${entry.depth}"><a class="toc-link" href="#${escapeHtml(entry.id)}">${escapeHtml(entry.text)}</a></li>`,
  );
  return `<ul>${items.join('')}</ul>`;
}
