import type { KeyHandle } from './crypto-types.js';

/** The runtime key objects behind a signing key, kept out of its public shape. */
export interface KeyHandles {
  readonly sign: KeyHandle | null;
  readonly verify: KeyHandle;
  readonly privateJwk: JsonWebKey | null;
}

/** Signing key → its runtime handles; filled only by token/keys.ts. */
export const keyHandles: WeakMap<object, KeyHandles> = new WeakMap();
