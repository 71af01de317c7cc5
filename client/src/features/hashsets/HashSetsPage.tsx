// Hash-set administration: the sets with versions and entry counts, and imports with live progress.
import { useCallback, useEffect, useState } from 'react';
import { endpoints } from '../../api/endpoints.ts';
import type { HashSet } from '../../api/types.ts';
import { useI18n } from '../../i18n/index.tsx';
import { HashSetsError } from './HashSetsError.tsx';
import { HashSetsTable } from './HashSetsTable.tsx';
import { ImportForm } from './ImportForm.tsx';

export function HashSetsPage() {
  const { t } = useI18n();
  const [sets, setSets] = useState<HashSet[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(() => {
    setError(null);
    endpoints.hashSets().then(setSets, setError);
  }, []);
  useEffect(load, [load]);
  return (
    <main className="page">
      <h1>{t('hashsets.title')}</h1>
      <p className="hint">{t('hashsets.hint')}</p>
      <ImportForm onDone={load} />
      <h2>{t('hashsets.list')}</h2>
      <HashSetsError error={error} onRetry={load} />
      {sets && sets.length === 0 && <p className="muted">{t('hashsets.none')}</p>}
      {sets && sets.length > 0 && <HashSetsTable sets={sets} />}
    </main>
  );
}
