/**
 * Serves dist/ under `/docs/`, the way the API server does: `/docs` redirects to `/docs/`, a path
 * ending in `/` serves its `index.html`. Used by the browser test and by `pnpm preview`.
 *
 * Usage: `pnpm preview [port]` → http://127.0.0.1:4173/docs/
 */
import { readFile, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DIST_DIR } from './paths.js';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.png': 'image/png',
};

/** A running static server. */
export interface DocsServer {
  /** The site's URL, ending in `/docs/`. */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Starts a static server for `root` under `prefix`.
 *
 * @param options.port Default `0`: any free port.
 * @param options.host Default `127.0.0.1`.
 */
export async function serveDocs(
  options: { root?: string; prefix?: string; port?: number; host?: string } = {},
): Promise<DocsServer> {
  const root = resolve(options.root ?? DIST_DIR);
  const prefix = options.prefix ?? '/docs';
  const host = options.host ?? '127.0.0.1';
  const server: Server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    if (path === prefix) {
      res.writeHead(301, { location: `${prefix}/` }).end();
      return;
    }
    if (!path.startsWith(`${prefix}/`)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const rest = path.slice(prefix.length);
    const file = normalize(join(root, rest.endsWith('/') ? `${rest}index.html` : rest));
    if (!file.startsWith(root + sep)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    try {
      if (!(await stat(file)).isFile()) {
        throw new Error('not a file');
      }
      const body = await readFile(file);
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'content-length': body.length,
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, host, done);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}${prefix}/`,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const server = await serveDocs({ port: Number(process.argv[2] ?? 4173) });
  console.log(`docs at ${server.url} (reference) and ${server.url}guide/ (guide); Ctrl+C to stop`);
}
