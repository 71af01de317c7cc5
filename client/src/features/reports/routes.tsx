// The Meldingen area's navigation and screens, for the shell: frontoffice, leads and administrators.
import type { ReactElement } from 'react';
import { Link, match } from '../../app/router.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { ClusterPage } from './ClusterPage.tsx';
import { NewReportPage } from './NewReportPage.tsx';
import { ReportPage } from './ReportPage.tsx';
import { ReportsPage } from './ReportsPage.tsx';
import { SelectorsAdminPage } from './SelectorsAdminPage.tsx';
import { SignalsPage } from './SignalsPage.tsx';

const REPORT_ROLES = new Set(['frontoffice', 'lead', 'admin']);

type NavProps = { role: string; current: (prefix: string) => 'page' | undefined };

export function ReportsNav({ role, current }: NavProps) {
  const { t } = useI18n();
  if (!REPORT_ROLES.has(role)) return null;
  return (
    <>
      <Link to="/reports" aria-current={current('/reports')}>
        {t('nav.reports')}
      </Link>
      <Link to="/signals" aria-current={current('/signals')}>
        {t('nav.signals')}
      </Link>
      {role === 'admin' && (
        <Link to="/selectors" aria-current={current('/selectors')}>
          {t('nav.selectors')}
        </Link>
      )}
    </>
  );
}

/** The screen for a Meldingen path, or null when the path is not one of them. */
export function reportsScreen(path: string): ReactElement | null {
  if (match('/reports', path)) return <ReportsPage />;
  if (match('/reports/new', path)) return <NewReportPage />;
  const report = match('/reports/:id', path);
  if (report) return <ReportPage key={report.id} id={report.id!} />;
  const cluster = match('/clusters/:id', path);
  if (cluster) return <ClusterPage key={cluster.id} id={Number(cluster.id)} />;
  if (match('/signals', path)) return <SignalsPage chosen={null} />;
  const signal = match('/signals/:id', path);
  if (signal) return <SignalsPage chosen={Number(signal.id)} />;
  if (match('/selectors', path)) return <SelectorsAdminPage />;
  return null;
}
