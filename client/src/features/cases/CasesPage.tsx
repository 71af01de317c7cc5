// All cases the analyst may open, with unit, status and the counts that say how much work is left.
import { useEffect, useState } from 'react';
import { endpoints } from '../../api/endpoints.ts';
import type { Case, CaseCounts } from '../../api/types.ts';
import { navigate } from '../../app/router.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { ErrorNote } from '../../ui/bits.tsx';
import { CasesTable } from './CasesTable.tsx';
import { NewCase } from './NewCase.tsx';

export function CasesPage() {
  const { t } = useI18n();
  const [cases, setCases] = useState<Case[] | null>(null);
  const [counts, setCounts] = useState<Record<string, CaseCounts | null>>({});
  const [error, setError] = useState<unknown>(null);

  const load = () => {
    setError(null);
    endpoints.cases().then((list) => {
      setCases(list);
      for (const c of list)
        endpoints.counts(c.id).then(
          (n) => setCounts((m) => ({ ...m, [c.id]: n })),
          () => setCounts((m) => ({ ...m, [c.id]: null })),
        );
    }, setError);
  };
  useEffect(load, []);

  return (
    <main className="page">
      <h1>{t('cases.title')}</h1>
      <NewCase onCreated={(c) => navigate(`/cases/${c.id}`)} />
      <ErrorNote error={error} onRetry={load} />
      {cases && cases.length === 0 && <p>{t('cases.none')}</p>}
      {cases && cases.length > 0 && <CasesTable cases={cases} counts={counts} />}
    </main>
  );
}
