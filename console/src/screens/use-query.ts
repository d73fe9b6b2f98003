import { useCallback, useEffect, useState } from 'react';
import { graphql, type CallOptions, type Session } from '../api.js';

/** Runs a query when its inputs change; `reload` runs it again (after a mutation). */
export function useQuery<T>(session: Session, query: string, variables: Record<string, unknown> = {}, options: CallOptions = {}, enabled = true) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(enabled);
  const key = JSON.stringify([query, variables, options, enabled]);
  const run = useCallback(async () => {
    if (!enabled) return;
    setLoading(true);
    try {
      setData(await graphql<T>(session, query, variables, options));
      setError(null);
    } catch (e) {
      setError(e);
      setData(null);
    } finally {
      setLoading(false);
    }
  }, [session, key]);
  useEffect(() => { void run(); }, [run]);
  return { data, error, loading, reload: run };
}
