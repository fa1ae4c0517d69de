import { useEffect, useState } from 'react';
import { api } from '../api/client';

/**
 * Names of the org's pipelines and workflows by id (the first 100 of each), to show a name where a
 * row only has an id; an id not found is shown as it is.
 */
export function useNames(which: { pipelines?: boolean; workflows?: boolean }): Map<string, string> {
  const [names, setNames] = useState(new Map<string, string>());
  const { pipelines = false, workflows = false } = which;
  useEffect(() => {
    let live = true;
    const query = { params: { query: { limit: 100 } } };
    void Promise.all([
      pipelines ? api.GET('/v1/pipelines', query) : undefined,
      workflows ? api.GET('/v1/workflows', query) : undefined,
    ]).then(([p, w]) => {
      if (live) {
        setNames(new Map([...(p?.data?.data ?? []), ...(w?.data?.data ?? [])].map((x) => [x.id, x.name])));
      }
    });
    return () => {
      live = false;
    };
  }, [pipelines, workflows]);
  return names;
}
