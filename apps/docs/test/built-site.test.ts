/**
 * The built site agrees with the spec: the guide's tables list exactly the spec's scopes and error
 * codes, and the reference embeds the spec unchanged and loads nothing from other hosts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ERROR_CODES, OPERATIONS, OPERATIONS_BY_ROUTE, SCOPE_DESCRIPTIONS, SCOPES } from '@neuracraft/types';
import { spec } from '@neuracraft/types/spec';
import { describe, expect, it } from 'vitest';
import { remoteLoads } from '../scripts/offline.js';
import { DIST_DIR } from '../scripts/paths.js';
import { readErrors } from '../scripts/spec-model.js';
import { generatedTable } from './html-tables.js';

const guide = readFileSync(join(DIST_DIR, 'guide', 'index.html'), 'utf8');
const reference = readFileSync(join(DIST_DIR, 'index.html'), 'utf8');
const plain = (markdown: string) => markdown.replaceAll('`', '');

describe('the guide’s scope table', () => {
  const rows = generatedTable(guide, 'scopes');

  it('lists every scope of the spec, in spec order, with the spec’s description', () => {
    expect(rows.map((row) => row.cells[0])).toEqual([...SCOPES]);
    for (const row of rows) {
      expect(row.cells[1]).toBe(plain(SCOPE_DESCRIPTIONS[row.cells[0] as (typeof SCOPES)[number]]));
    }
  });

  it.each(SCOPES.map((scope) => [scope]))(
    'lists the operations that accept %s, each linked to the reference',
    (scope) => {
      const row = rows.find((r) => r.cells[0] === scope);
      const shown = (row?.items[2] ?? []).flatMap((item) => {
        const words = item.split(' ');
        const path = words.at(-1);
        return words.slice(0, -1).map((method) => `${method} ${path}`);
      });
      const expected = Object.values(OPERATIONS)
        .filter((op) =>
          op.security.some((alternative) => Object.values(alternative).some((s) => s?.includes(scope))),
        )
        .map((op) => `${op.method.toUpperCase()} ${op.path}`);
      expect(shown.sort()).toEqual(expected.sort());
      const links = row?.links[2] ?? [];
      expect(links).toHaveLength(expected.length);
      for (const route of expected) {
        const op = OPERATIONS_BY_ROUTE[route as keyof typeof OPERATIONS_BY_ROUTE];
        expect(links.some((link) => link.href.endsWith(`/${op.operationId.toLowerCase()}`))).toBe(true);
      }
    },
  );
});

describe('the guide’s error table', () => {
  const rows = generatedTable(guide, 'errors');
  const byCode = new Map(rows.map((row) => [row.cells[1], row]));

  it('lists every error code of the spec once', () => {
    expect(rows.map((row) => row.cells[1]).sort()).toEqual([...ERROR_CODES].sort());
  });

  it('shows the statuses and descriptions the spec gives', () => {
    for (const expected of readErrors(spec)) {
      const row = byCode.get(expected.code);
      expect(row?.cells[0], expected.code).toBe(expected.statuses.join(' ') || '—');
      expect(row?.cells[2], expected.code).toBe(plain(expected.when));
    }
  });

  it('agrees with the status each code is documented with in the spec’s ErrorCode schema', () => {
    const errorCode = spec.components.schemas?.ErrorCode as { description?: string } | undefined;
    const description = String(errorCode?.description);
    const documented = [...description.matchAll(/\|\s*`(\w+)`\s*\|\s*(\d{3})\s*\|/g)];
    expect(documented.length).toBeGreaterThan(0);
    for (const [, code = '', status] of documented) {
      expect(byCode.get(code)?.cells[0]?.split(' '), code).toContain(status);
    }
  });

  it.each([
    ['401', 'invalid_api_key', 'Verify the API key is correct and unexpired'],
    ['401', 'invalid_token', 'Refresh your OAuth token or re-authenticate'],
    ['403', 'insufficient_scope', 'Request additional scopes in your token'],
  ])('has the product document’s row %s %s, with its resolution', (status, code, resolution) => {
    const row = byCode.get(code);
    expect(row?.cells[0]).toBe(status);
    expect(row?.cells[3]).toContain(resolution);
  });
});

describe('the reference', () => {
  it('embeds the bundled spec unchanged', () => {
    const match = /const __redoc_definition = (.*);\n/.exec(reference);
    expect(match).not.toBeNull();
    expect(JSON.parse(match?.[1] ?? 'null')).toEqual(spec);
  });

  it('loads nothing from other hosts and sends no telemetry', () => {
    expect(remoteLoads(reference)).toEqual([]);
    expect(reference).not.toMatch(/cdn\.redoc(ly)?\.(ly|com)/);
    expect(reference).toContain('"disableTelemetry":true');
  });

  it('shows our logo and links to the guide', () => {
    expect(reference).toMatch(/<img src="logo.svg" alt="NeuraCraft"/);
    expect(reference).toContain('href="guide/"');
  });
});

describe('the guide page', () => {
  it('loads nothing from other hosts and links back to the reference', () => {
    expect(remoteLoads(guide)).toEqual([]);
    expect(guide).toContain('href="../"');
    expect(guide).toContain('href="../#/oauth/createtoken"');
  });
});
