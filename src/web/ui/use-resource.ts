import { useCallback, useEffect, useState } from 'react';

export type Resource<T> =
  | { status: 'loading'; data: T | null; error: null }
  | { status: 'ready'; data: T; error: null }
  | { status: 'error'; data: T | null; error: unknown };

/**
 * Loads data when `key` changes; `reload()` fetches again and keeps showing the old data meanwhile
 * (so a table does not vanish and lose the user's place after a change).
 */
export function useResource<T>(
  load: (signal: AbortSignal) => Promise<T>,
  key: string,
): Resource<T> & { reload: () => void } {
  const [state, setState] = useState<Resource<T>>({ status: 'loading', data: null, error: null });
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `load` is re-created every render; `key` says when it changes.
  useEffect(() => {
    const controller = new AbortController();
    void attempt;
    setState((s) => ({ status: 'loading', data: s.data, error: null }));
    load(controller.signal).then(
      (data) => setState({ status: 'ready', data, error: null }),
      (error: unknown) => {
        if (!controller.signal.aborted) setState((s) => ({ status: 'error', data: s.data, error }));
      },
    );
    return () => controller.abort();
  }, [key, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...state, reload };
}
