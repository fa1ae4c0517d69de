import { parse } from 'node-html-parser';

/** A row of an HTML table: the text of each cell, the links in it and the text of its list items. */
export interface TableRow {
  readonly cells: readonly string[];
  readonly links: readonly (readonly { readonly text: string; readonly href: string }[])[];
  readonly items: readonly (readonly string[])[];
}

const text = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** The body rows of the `<table data-generated="name">` of a page, as a reader sees them. */
export function generatedTable(html: string, name: string): TableRow[] {
  const table = parse(html).querySelector(`table[data-generated="${name}"]`);
  if (table === null) {
    throw new Error(`the page has no generated ${name} table`);
  }
  return table.querySelectorAll('tbody tr').map((tr) => {
    const tds = tr.querySelectorAll('td');
    return {
      cells: tds.map((td) => text(td.textContent)),
      links: tds.map((td) =>
        td
          .querySelectorAll('a')
          .map((a) => ({ text: text(a.textContent), href: a.getAttribute('href') ?? '' })),
      ),
      items: tds.map((td) => td.querySelectorAll('li').map((li) => text(li.textContent))),
    };
  });
}
