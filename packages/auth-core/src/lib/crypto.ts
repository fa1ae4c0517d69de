import type * as NodeCrypto from 'node:crypto';
import { createNodeBackend } from './crypto-node.js';
import type { CryptoBackend } from './crypto-types.js';
import { createWebBackend } from './crypto-web.js';

type Host = { process?: { getBuiltinModule?: (id: string) => unknown } };

// `process.getBuiltinModule` (Node ≥ 20.16, Bun, Deno) gives node:crypto synchronously without a static
// import, so one build serves Node (fast synchronous path) and Web-standard runtimes (Web Crypto) alike.
const nodeCrypto = (globalThis as Host).process?.getBuiltinModule?.('node:crypto') as
  | typeof NodeCrypto
  | undefined;

/** The backend of the current runtime. */
export const backend: CryptoBackend =
  nodeCrypto === undefined ? createWebBackend(globalThis.crypto.subtle) : createNodeBackend(nodeCrypto);

/** `n` cryptographically random bytes. */
export const randomBytes = (n: number): Uint8Array => globalThis.crypto.getRandomValues(new Uint8Array(n));
