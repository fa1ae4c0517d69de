import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spec } from '@neuracraft/types/spec';
import { describe, expect, it } from 'vitest';
import { RESOLUTIONS } from '../guide/resolutions.js';
import { generatedTable } from '../test/html-tables.js';
import { fillTemplate, renderGuide } from './guide.js';
import { GUIDE_DIR } from './paths.js';

const ctx = { doc: spec, resolutions: RESOLUTIONS, referenceBase: '../' };
const guideSource = readFileSync(join(GUIDE_DIR, 'index.md'), 'utf8');
const copyOfSpec = () => JSON.parse(JSON.stringify(spec));

describe('the guide rendered against a changed spec, with no edit to the guide', () => {
  it('lists a scope added to the spec in its scope table', () => {
    const doc = copyOfSpec();
    doc.components.securitySchemes.OAuth2.flows.clientCredentials.scopes['audit:read'] = 'Read the audit log';
    doc.paths['/v1/audit-events'].get.security = [{ ApiKeyAuth: ['audit:read'] }, { OAuth2: ['audit:read'] }];

    const rows = generatedTable(renderGuide(guideSource, { ...ctx, doc }).html, 'scopes');
    const row = rows.find((r) => r.cells[0] === 'audit:read');
    expect(row?.cells[1]).toBe('Read the audit log');
    expect(row?.items[2]).toEqual(['GET /v1/audit-events']);
    expect(row?.links[2]?.[0]?.href).toBe('../#/audit/listauditevents');
    expect(rows.map((r) => r.cells[0])).toHaveLength(6);
  });

  it('lists an error code added to the spec in its error table', () => {
    const doc = copyOfSpec();
    doc.components.schemas.ErrorCode.enum.push('key_leaked');
    doc.paths['/v1/me'].get.responses['401'] = {
      description: 'Leaked',
      content: {
        'application/json': {
          examples: { leaked: { summary: 'Key found in public', value: { error: 'key_leaked' } } },
        },
      },
    };
    const rows = generatedTable(renderGuide(guideSource, { ...ctx, doc }).html, 'errors');
    expect(rows.find((r) => r.cells[1] === 'key_leaked')?.cells).toEqual([
      '401',
      'key_leaked',
      'Key found in public',
      '—',
    ]);
  });

  it('fails on a link to an operation the spec no longer has', () => {
    const doc = copyOfSpec();
    delete doc.paths['/oauth/token'];
    expect(() => renderGuide(guideSource, { ...ctx, doc })).toThrow(/operation "createToken"/);
  });
});

describe('renderGuide', () => {
  it.each([
    ['a link to the reference', '# T\n\nSee [the reference](ref:).', '<a href="../">the reference</a>'],
    [
      'a link to an operation',
      '# T\n\n[token](ref:createToken)',
      '<a href="../#/oauth/createtoken">token</a>',
    ],
    [
      'other links untouched',
      '# T\n\n[RFC](https://www.rfc-editor.org/rfc/rfc6749)',
      'href="https://www.rfc-editor.org/rfc/rfc6749"',
    ],
    [
      'headings with anchors',
      '# T\n\n## Rate limits',
      '<h2 id="rate-limits"><a class="anchor" href="#rate-limits"',
    ],
    [
      'code blocks labelled with their language',
      '# T\n\n```bash\nls\n```',
      '<pre data-lang="bash"><code class="language-bash">',
    ],
    ['plain text blocks unlabelled', '# T\n\n```text\nx\n```', '<pre><code class="language-text">'],
  ])('renders %s', (_, source, want) => {
    expect(renderGuide(source, ctx).html).toContain(want);
  });

  it('takes the title from the # heading and the contents from ## and ###', () => {
    const page = renderGuide('# Title\n\n## One\n\n### Two\n\n#### Three\n\n## One', ctx);
    expect(page.title).toBe('Title');
    expect(page.toc).toEqual([
      { id: 'one', text: 'One', depth: 2 },
      { id: 'two', text: 'Two', depth: 3 },
      { id: 'one-2', text: 'One', depth: 2 },
    ]);
  });

  it.each([
    ['an unknown placeholder', '# T\n\n<!-- generated:webhooks -->', /unknown placeholder/],
    ['a link to an unknown operation', '# T\n\n[x](ref:noSuchOperation)', /"noSuchOperation"/],
    ['a page without a title', 'Just text.', /needs a # title/],
  ])('fails on %s', (_, source, error) => {
    expect(() => renderGuide(source, ctx)).toThrow(error);
  });
});

describe('fillTemplate', () => {
  it('fills every slot', () => {
    expect(fillTemplate('<h1>{{title}}</h1>{{body}}', { title: 'T', body: 'B' })).toBe('<h1>T</h1>B');
  });

  it.each([
    ['a slot without a value', '{{title}}{{missing}}', { title: 'T' }, /needs \{\{missing\}\}/],
    ['a value without a slot', '{{title}}', { title: 'T', extra: 'E' }, /no slot for extra/],
  ])('fails on %s', (_, template, values, error) => {
    expect(() => fillTemplate(template, values)).toThrow(error);
  });
});
