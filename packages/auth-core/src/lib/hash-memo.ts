/**
 * The last credential each connection presented, with its hash: a client that sends the same key or
 * token again on a kept-alive connection is not hashed again. The secret part of a credential is matched
 * in constant time (a proxy may carry several clients on one connection); a part that any holder can read
 * anyway, such as a JWT's header and payload, is compared as a string. Each entry lives only as long as
 * its connection object.
 */
export interface HashMemo {
  /** The hash remembered for `credential` on `connection`, if it was the last one presented there. */
  get(connection: object, credential: string): string | undefined;
  /**
   * Remembers `hash` as the hash of `credential` on `connection`. Its first `publicLength` characters are
   * not secret (a JWT's `header.payload.`); the rest is.
   */
  set(connection: object, credential: string, hash: string, publicLength?: number): void;
}

interface Seen {
  credential: string;
  hash: string;
  publicPart: string;
}

export function createHashMemo(): HashMemo {
  const last = new WeakMap<object, Seen>();
  return {
    get(connection, credential) {
      const seen = last.get(connection);
      if (seen === undefined || seen.credential.length !== credential.length) {
        return undefined;
      }
      const from = seen.publicPart.length;
      if (from > 0 && credential.slice(0, from) !== seen.publicPart) {
        return undefined;
      }
      // Where the secret part differs must not show in the time taken.
      let diff = 0;
      for (let i = from; i < credential.length; i++) {
        diff |= credential.charCodeAt(i) ^ seen.credential.charCodeAt(i);
      }
      return diff === 0 ? seen.hash : undefined;
    },
    set(connection, credential, hash, publicLength = 0) {
      const publicPart = credential.slice(0, publicLength);
      const seen = last.get(connection);
      if (seen === undefined) {
        last.set(connection, { credential, hash, publicPart });
      } else {
        seen.credential = credential;
        seen.hash = hash;
        seen.publicPart = publicPart;
      }
    },
  };
}
