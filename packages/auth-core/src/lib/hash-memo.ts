import type { MaybePromise } from './maybe-promise.js';

/**
 * The last credential each connection presented, with its hash: a client that sends the same key or
 * token again on a kept-alive connection is not hashed again. A credential is matched in constant time,
 * as UTF-8 bytes compared four at a time (a proxy may carry several clients on one connection), and each
 * entry lives only as long as its connection object.
 */
export interface HashMemo {
  /** The hash remembered for `credential` on `connection`, if it was the last one presented there. */
  get(connection: object, credential: string): string | undefined;
  set(connection: object, credential: string, hash: string): void;
  /**
   * Answers `hash` (the hash of `credential`, or its promise) once it is remembered for `connection`;
   * without a connection, answers it as it is.
   */
  remember(
    connection: object | undefined,
    credential: string,
    hash: MaybePromise<string>,
  ): MaybePromise<string>;
}

interface Seen {
  /** The credential's UTF-8 bytes, zero-padded to whole 32-bit words. */
  words: Int32Array;
  /** Its length in UTF-16 code units and in bytes. */
  length: number;
  bytes: number;
  hash: string;
}

const encoder = new TextEncoder();
/** Longer credentials are not remembered (tokens are at most 4,096 characters by default). */
const MAX_BYTES = 16_384;
const words = (bytes: number) => (bytes + 3) >>> 2;

export function createHashMemo(): HashMemo {
  const last = new WeakMap<object, Seen>();
  // A presented credential is encoded here to be compared; zeroed again after every use.
  const scratch = new Uint8Array(MAX_BYTES);
  const scratchWords = new Int32Array(scratch.buffer);
  const memo: HashMemo = {
    get(connection, credential) {
      const seen = last.get(connection);
      if (seen === undefined || seen.length !== credential.length) {
        return undefined;
      }
      const { read, written } = encoder.encodeInto(credential, scratch);
      if (read !== credential.length || written !== seen.bytes) {
        scratch.fill(0, 0, written);
        return undefined;
      }
      // Every word is compared whatever the others hold: the time taken depends on the length alone.
      let diff = 0;
      const n = words(written);
      for (let i = 0; i < n; i++) {
        diff |= scratchWords[i]! ^ seen.words[i]!;
      }
      scratch.fill(0, 0, written);
      return diff === 0 ? seen.hash : undefined;
    },
    set(connection, credential, hash) {
      const bytes = encoder.encode(credential);
      if (bytes.length > MAX_BYTES) {
        last.delete(connection);
        return;
      }
      const padded = new Uint8Array(words(bytes.length) * 4);
      padded.set(bytes);
      bytes.fill(0);
      last.set(connection, {
        words: new Int32Array(padded.buffer),
        length: credential.length,
        bytes: bytes.length,
        hash,
      });
    },
    remember(connection, credential, hash) {
      if (connection === undefined) {
        return hash;
      }
      if (typeof hash !== 'string') {
        return hash.then((h) => memo.remember(connection, credential, h));
      }
      memo.set(connection, credential, hash);
      return hash;
    },
  };
  return memo;
}
