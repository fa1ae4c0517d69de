import type { Logger } from '../logger.js';

/** A revocation or change every server must apply at once: to its deny list and to its caches. */
export type Revocation =
  | { readonly type: 'token'; readonly jti: string; readonly until: number }
  | { readonly type: 'client'; readonly clientId: string; readonly until: number }
  | { readonly type: 'api_key'; readonly id: string }
  | { readonly type: 'oauth_app'; readonly clientId: string };

/** Carries revocations to every server of a deployment (one process, or many sharing Redis). */
export interface RevocationBus {
  publish(revocation: Revocation): Promise<void>;
  /** `apply` runs for revocations made elsewhere; the publisher applies its own. */
  subscribe(apply: (revocation: Revocation) => void): void;
  close(): Promise<void>;
}

/** One process: nothing to carry. */
export const localBus = (): RevocationBus => ({
  publish: async () => {},
  subscribe: () => {},
  close: async () => {},
});

const CHANNEL = 'neuracraft:revocations';

/**
 * Redis pub/sub between the servers of a deployment: a key revoked on one instance is refused by all
 * of them within a round trip, not after their caches expire.
 */
export async function redisBus(url: string, logger: Logger): Promise<RevocationBus> {
  const origin = `${process.pid}-${Math.random().toString(36).slice(2)}`;
  const { Redis } = await import('ioredis');
  const publisher = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2 });
  const subscriber = new Redis(url, { lazyConnect: true });
  await Promise.all([publisher.connect(), subscriber.connect()]);
  await subscriber.subscribe(CHANNEL);
  const appliers: ((revocation: Revocation) => void)[] = [];
  subscriber.on('message', (_channel: string, message: string) => {
    try {
      const { from, revocation } = JSON.parse(message) as { from: string; revocation: Revocation };
      if (from !== origin) {
        for (const apply of appliers) {
          apply(revocation);
        }
      }
    } catch (err) {
      logger.warn({ err }, 'ignored a malformed revocation message');
    }
  });
  return {
    publish: async (revocation) => {
      await publisher.publish(CHANNEL, JSON.stringify({ from: origin, revocation }));
    },
    subscribe: (apply) => {
      appliers.push(apply);
    },
    close: async () => {
      subscriber.disconnect();
      publisher.disconnect();
    },
  };
}
