/** A value that is there now, or later. */
export type MaybePromise<T> = T | Promise<T>;

/**
 * Applies `f` to `value` synchronously when it is not a promise, so a synchronous store or runtime keeps
 * the whole call synchronous; chains on the promise otherwise.
 */
export function then<T, U>(value: MaybePromise<T>, f: (value: T) => MaybePromise<U>): MaybePromise<U> {
  return value instanceof Promise ? value.then(f) : f(value);
}
