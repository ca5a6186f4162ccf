import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from './api.js';

export interface Page<T> {
  items: T[];
  /** Token of the next page; null on the last. */
  next: string | null;
  total: number | null;
}

/**
 * A list read page by page (keyset tokens from the API): the first page when `deps` change,
 * further pages appended by `more()`. An answer that arrives after the filters changed is dropped.
 */
export function usePaged<T>(load: (token: string | undefined) => Promise<Page<T>>, deps: unknown[]) {
  const [items, setItems] = useState<T[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [total, setTotal] = useState<number | null>(null);
  const [error, setError] = useState<string | undefined>(undefined);
  const [loading, setLoading] = useState(true);
  const [loaded, setLoaded] = useState(false);
  const seq = useRef(0);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const run = useCallback(load, deps);
  const fetchPage = useCallback(
    async (token: string | undefined) => {
      const my = token ? seq.current : ++seq.current;
      setLoading(true);
      try {
        const page = await run(token);
        if (my !== seq.current) return;
        setItems((prev) => (token ? [...prev, ...page.items] : page.items));
        setNext(page.next);
        setTotal(page.total);
        setError(undefined);
        setLoaded(true);
      } catch (err) {
        if (my === seq.current) setError(errorMessage(err));
      } finally {
        if (my === seq.current) setLoading(false);
      }
    },
    [run],
  );
  useEffect(() => {
    void fetchPage(undefined);
  }, [fetchPage]);
  return {
    items,
    total,
    error,
    loading,
    loaded,
    hasMore: next !== null,
    more: () => (next ? fetchPage(next) : Promise.resolve()),
    reload: () => fetchPage(undefined),
  };
}
