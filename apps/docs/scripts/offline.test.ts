import { describe, expect, it } from 'vitest';
import { makeOffline, remoteLoads } from './offline.js';

describe('remoteLoads', () => {
  it.each([
    ['a CDN script', '<script src="https://cdn.example.com/redoc.js"></script>', true],
    ['a protocol-relative script', '<script src="//cdn.example.com/x.js"></script>', true],
    [
      'a module import',
      '<script type="module">import { hydrate } from "https://cdn.example.com/r.js";</script>',
      true,
    ],
    ['a Google font', '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">', true],
    ['a remote logo', '<img src="https://example.com/logo.png">', true],
    ['a CSS url()', '<style>.a { background: url("https://example.com/a.svg") }</style>', true],
    ['a CSS @import', '<style>@import url(https://example.com/a.css);</style>', true],
    ['Redocly’s CDN anywhere', 'const logo = `https://cdn.redoc.ly/redoc/logo-mini.svg`;', true],
    ['a link to another site', '<a href="https://www.rfc-editor.org/rfc/rfc6749">RFC 6749</a>', false],
    [
      'local files',
      '<img src="logo.svg"><link rel="stylesheet" href="guide.css"><script src="/x.js"></script>',
      false,
    ],
    ['a data URL', '<img src="data:image/svg+xml;base64,PHN2Zy8+">', false],
  ])('%s: %s', (_, html, remote) => {
    expect(remoteLoads(html).length > 0).toBe(remote);
  });
});

describe('makeOffline', () => {
  const page = (root: string, script: string) =>
    `<html><body><div id="redoc">${root}</div>\n<script type="module">${script}</script></body></html>`;
  const rewrites = [{ remote: 'https://cdn.example.com/logo.svg', local: 'data:image/svg+xml,x' }];

  it('replaces remote assets and turns server-rendered links into hash routes', () => {
    const html = makeOffline(
      page(
        '<a href="/oauth">OAuth</a><a href="//example.com/x">x</a><a href="#y">y</a>',
        'src:`https://cdn.example.com/logo.svg`',
      ),
      rewrites,
    );
    expect(html).toContain('<a href="#/oauth">OAuth</a>');
    expect(html).toContain('<a href="//example.com/x">');
    expect(html).toContain('<a href="#y">');
    expect(html).toContain('src:`data:image/svg+xml,x`');
    expect(remoteLoads(html)).toEqual([]);
  });

  it('leaves links in the script alone', () => {
    const html = makeOffline(page('', 'x="<a href=\\"/keep\\">" https://cdn.example.com/logo.svg'), rewrites);
    expect(html).toContain('href=\\"/keep\\"');
  });

  it.each([
    ['a rewrite that no longer matches', page('', ''), /no longer references/],
    [
      'a page without a Redoc root',
      '<html>https://cdn.example.com/logo.svg</html>',
      /no server-rendered Redoc root/,
    ],
  ])('fails on %s', (_, html, error) => {
    expect(() => makeOffline(html, rewrites)).toThrow(error);
  });
});
