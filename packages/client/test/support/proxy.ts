import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as the proxy received it. */
export interface Received {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** An answer the proxy gives itself instead of forwarding. */
export interface Answer {
  status: number;
  headers?: Record<string, string>;
  body?: string;
  /** Forward the request to the server first, then give this answer instead of the server's (a lost answer). */
  afterForwarding?: boolean;
}

/** A local HTTP server in front of the API: it records, may answer itself, and otherwise forwards. */
export interface ProxyServer {
  readonly url: string;
  readonly received: Received[];
  close(): Promise<void>;
}

const HOP_BY_HOP = [
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-length',
  'content-encoding',
  'host',
];

/**
 * Starts a proxy to `target`. `answer` sees each request (and how many came before it) and returns an
 * answer of its own, or nothing to forward the request to the real server.
 */
export async function startProxy(
  target: string,
  answer: (request: Received, index: number) => Answer | undefined = () => undefined,
): Promise<ProxyServer> {
  const received: Received[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) {
      chunks.push(chunk as Buffer);
    }
    const request: Received = {
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      headers: req.headers,
      body: Buffer.concat(chunks).toString(),
    };
    const own = answer(request, received.length);
    received.push(request);
    if (own && !own.afterForwarding) {
      res.writeHead(own.status, own.headers).end(own.body);
      return;
    }
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined && !HOP_BY_HOP.includes(name)) {
        headers.set(name, String(value));
      }
    }
    const upstream = await fetch(new URL(request.path, target), {
      method: request.method,
      headers,
      body: request.method === 'GET' || request.method === 'HEAD' ? undefined : request.body,
    });
    if (own) {
      await upstream.arrayBuffer();
      res.writeHead(own.status, own.headers).end(own.body);
      return;
    }
    const out: Record<string, string> = {};
    upstream.headers.forEach((value, name) => {
      if (!HOP_BY_HOP.includes(name)) {
        out[name] = value;
      }
    });
    res.writeHead(upstream.status, out).end(Buffer.from(await upstream.arrayBuffer()));
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise((closed) => {
        server.close(() => closed());
        server.closeAllConnections();
      }),
  };
}
