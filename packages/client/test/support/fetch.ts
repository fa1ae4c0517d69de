import type { Fetch } from '../../src/index.js';

/** A request as it went out: method, path and the headers that matter here. */
export interface Sent {
  method: string;
  path: string;
  authorization: string | null;
}

/** The real `fetch`, recording every request the client sends through it. */
export function recordingFetch(): { fetch: Fetch; sent: Sent[]; to(path: string): Sent[] } {
  const sent: Sent[] = [];
  return {
    sent,
    fetch: (request) => {
      sent.push({
        method: request.method,
        path: new URL(request.url).pathname,
        authorization: request.headers.get('Authorization'),
      });
      return globalThis.fetch(request);
    },
    to: (path) => sent.filter((s) => s.path === path),
  };
}
