// The cluster view on its own page: meldingen × linking selectors, and the "lijkt op" hints.
import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import { ErrorNote } from '../../ui/bits.tsx';
import { reportsApi, type ClusterView } from './api.ts';
import { ClusterTable } from './ClusterTable.tsx';
import { Hints } from './ReportParts.tsx';

export function ClusterPage({ id }: { id: number }) {
  const { t } = useI18n();
  const [cluster, setCluster] = useState<ClusterView | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    reportsApi.cluster(id).then(setCluster, setError);
  }, [id]);
  return (
    <main className="page">
      <h1>{t('cluster.title', { id })}</h1>
      <ErrorNote error={error} />
      {cluster && <ClusterTable cluster={cluster} />}
      {cluster && <Hints hints={cluster.hints} />}
    </main>
  );
}
