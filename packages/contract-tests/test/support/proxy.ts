import { createServer, type IncomingMessage } from 'node:http';

/** A response as the proxy hands it on. */
export interface ProxiedResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Changes what the real server answered to one request (or leaves it as it is). */
export type Flip = (request: { method: string; path: string }, response: ProxiedResponse) => ProxiedResponse;

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-length',
  'content-encoding',
]);

const read = (req: IncomingMessage) =>
  new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });

/**
 * A deliberately broken server: a proxy in front of the real one that passes every request on and
 * lets `flip` rewrite one route's answers (drop a scope check, add a member, change a status).
 */
export async function startProxy(
  upstream: string,
  flip: Flip,
): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer(async (req, res) => {
    try {
      const body = await read(req);
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (typeof value === 'string' && name !== 'host' && !HOP_BY_HOP.has(name)) {
          headers.set(name, value);
        }
      }
      const method = req.method ?? 'GET';
      const answer = await fetch(upstream + (req.url ?? '/'), {
        method,
        headers,
        ...(body.length > 0 && { body: new Uint8Array(body) }),
        redirect: 'manual',
      });
      const original: ProxiedResponse = { status: answer.status, headers: {}, body: await answer.text() };
      answer.headers.forEach((value, name) => {
        if (!HOP_BY_HOP.has(name)) {
          original.headers[name] = value;
        }
      });
      const path = new URL(req.url ?? '/', upstream).pathname;
      const out = flip({ method, path }, original);
      res.writeHead(out.status, { ...out.headers, 'content-length': String(Buffer.byteLength(out.body)) });
      res.end(out.body);
    } catch (error) {
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
