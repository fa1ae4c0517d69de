/**
 * A value that is there now, or later: results are synchronous where the runtime and the host's hooks
 * allow it (Node, an in-memory store), and promises otherwise. `await` suits both.
 */
export type MaybePromise<T> = T | Promise<T>;
