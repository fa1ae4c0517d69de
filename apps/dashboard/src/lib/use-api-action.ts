import { useState } from 'react';

/**
 * Runs one API call for a dialog: `busy` while it runs, `error` when it fails — the API's error, or
 * what was thrown — and `onData` with its result otherwise.
 */
export function useApiAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = async <T>(call: () => Promise<{ data?: T; error?: unknown }>, onData: (data: T) => void) => {
    setBusy(true);
    setError(null);
    try {
      const { data, error: failed } = await call();
      if (failed) {
        setError(failed);
      } else {
        onData(data as T);
      }
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, setError, run };
}
