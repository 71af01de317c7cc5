// The case's victims and series, loaded together and reloaded after every change.
import { useCallback, useEffect, useState } from 'react';
import { boardApi, type SubjectView } from './api.ts';

export function useSubjects(caseId: string) {
  const [victims, setVictims] = useState<SubjectView[] | null>(null);
  const [series, setSeries] = useState<SubjectView[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const reload = useCallback(async () => {
    try {
      const [v, s] = await Promise.all([boardApi.subjects(caseId, 'victim'), boardApi.subjects(caseId, 'series')]);
      setVictims(v);
      setSeries(s);
      setError(null);
    } catch (e) {
      setError(e);
    }
  }, [caseId]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { victims, series, error, reload };
}

export type Subjects = ReturnType<typeof useSubjects>;
