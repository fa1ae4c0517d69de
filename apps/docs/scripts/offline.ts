/**
 * Makes Redoc's page load nothing from outside the machine, and checks that it does not.
 *
 * `redocly build-docs --inlineBundle` inlines Redoc itself, but the bundle still points at Redocly's
 * CDN for its attribution logo and for icon sets, and the server-rendered links are absolute paths
 * (`/oauth`) that only work at the root of a site. Each rewrite below must match: a Redoc upgrade that
 * changes one fails the build here instead of quietly loading from a CDN.
 */

/** A remote URL in Redoc's bundle and what replaces it. */
export interface Rewrite {
  readonly remote: string;
  readonly local: string;
}

/** An SVG as a `data:` URL, usable wherever Redoc expects an image URL. */
export const svgDataUrl = (svg: string): string =>
  `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;

/**
 * Redoc's CDN assets and their local stand-ins: the attribution logos become local SVGs; the icon
 * sets become an empty `data:` base, so an icon that would have been fetched renders blank instead.
 */
export function redocRewrites(attribution: { full: string; mini: string }): Rewrite[] {
  return [
    { remote: 'https://cdn.redoc.ly/redoc/logo-mini-full.svg', local: svgDataUrl(attribution.full) },
    { remote: 'https://cdn.redoc.ly/redoc/logo-mini.svg', local: svgDataUrl(attribution.mini) },
    { remote: 'https://cdn.redocly.com/icons/fa/7.0.0', local: 'data:image/svg+xml,' },
    { remote: 'https://cdn.redocly.com/icons/code/5.24.0', local: 'data:image/svg+xml,' },
  ];
}

const SSR_START = '<div id="redoc">';
const SSR_END = '<script type="module">';

/**
 * Applies the rewrites, and turns the server-rendered links of the Redoc root (`href="/oauth"`)
 * into the hash routes the page uses once hydrated (`href="#/oauth"`), so they work under any prefix.
 *
 * @throws {Error} when a rewrite matches nothing, or the page is not shaped as expected.
 */
export function makeOffline(html: string, rewrites: readonly Rewrite[]): string {
  let out = html;
  for (const { remote, local } of rewrites) {
    if (!out.includes(remote)) {
      throw new Error(`Redoc no longer references ${remote}: review scripts/offline.ts`);
    }
    out = out.replaceAll(remote, local);
  }
  const start = out.indexOf(SSR_START);
  const end = out.indexOf(SSR_END, start);
  if (start < 0 || end < 0) {
    throw new Error('the reference has no server-rendered Redoc root: review scripts/offline.ts');
  }
  const ssr = out.slice(start, end).replace(/href="\/(?!\/)/g, 'href="#/');
  return out.slice(0, start) + ssr + out.slice(end);
}

const REMOTE_LOADS: readonly RegExp[] = [
  /<(?:script|img|iframe|audio|video|source|embed)\b[^>]*\bsrc\s*=\s*["']?(?:https?:)?\/\/[^"'\s>]+/gi,
  /<link\b[^>]*\bhref\s*=\s*["']?(?:https?:)?\/\/[^"'\s>]+/gi,
  /url\(\s*["']?(?:https?:)?\/\/[^"')\s]+/gi,
  /@import\s+(?:url\()?\s*["']?(?:https?:)?\/\/[^"')\s;]+/gi,
  /\bimport\s*(?:[\w*{}\s,]+from\s*)?\(?\s*["'](?:https?:)?\/\/[^"']+/g,
  /https?:\/\/(?:cdn\.redoc\.ly|cdn\.redocly\.com|fonts\.googleapis\.com|fonts\.gstatic\.com|unpkg\.com|cdn\.jsdelivr\.net)[^"'`\s)]*/g,
];

/** Everything in a page that would make a browser fetch from another host: tags, CSS, imports, CDNs. */
export function remoteLoads(html: string): string[] {
  return [...new Set(REMOTE_LOADS.flatMap((re) => html.match(re) ?? []))];
}
