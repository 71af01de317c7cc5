// The meldingen of the units one may see: filters, a keyboard-first table, and progress while one is being read.
import { useCallback, useEffect, useState } from 'react';
import { useApp } from '../../app/AppContext.tsx';
import { Link, navigate } from '../../app/router.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { ErrorNote, Progress } from '../../ui/bits.tsx';
import { reportsApi, type ReportFilters, type ReportView } from './api.ts';
import { isBusy, OFFENCES, offenceKey, POLL_MS, STATUSES, statusKey } from './labels.ts';
import { ReportStatus } from './ReportStatus.tsx';
import { useRowKeys } from './useRowKeys.ts';

function useReports(filters: ReportFilters) {
  const [reports, setReports] = useState<ReportView[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(async () => {
    try {
      setReports((await reportsApi.list(filters)).reports);
      setError(null);
    } catch (e) {
      setError(e);
    }
  }, [filters]);
  useEffect(() => void load(), [load]);
  const busy = reports?.some((r) => isBusy(r.status)) ?? false;
  useEffect(() => {
    if (!busy) return;
    const timer = setInterval(() => void load(), POLL_MS);
    return () => clearInterval(timer);
  }, [busy, load]);
  return { reports, error, busy, load };
}

function Filters({ value, onChange }: { value: ReportFilters; onChange: (f: ReportFilters) => void }) {
  const { t } = useI18n();
  const { user } = useApp();
  const set = (k: keyof ReportFilters) => (e: { target: { value: string } }) =>
    onChange({ ...value, [k]: e.target.value || undefined });
  return (
    <form className="inline-form" onSubmit={(e) => e.preventDefault()}>
      <label>
        {t('reports.filter.status')}
        <select value={value.status ?? ''} onChange={set('status')}>
          <option value="">{t('reports.filter.all')}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(statusKey(s))}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('reports.filter.offence')}
        <select value={value.offence ?? ''} onChange={set('offence')}>
          <option value="">{t('reports.filter.all')}</option>
          {OFFENCES.map((o) => (
            <option key={o} value={o}>
              {t(offenceKey(o))}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('reports.filter.from')}
        <input type="date" value={value.from ?? ''} onChange={set('from')} />
      </label>
      <label>
        {t('reports.filter.to')}
        <input type="date" value={value.to ?? ''} onChange={set('to')} />
      </label>
      {user.role === 'admin' && (
        <label>
          {t('reports.filter.unit')}
          <input value={value.unit ?? ''} onChange={set('unit')} />
        </label>
      )}
    </form>
  );
}

function ReportsTable({ reports }: { reports: ReportView[] }) {
  const { t } = useI18n();
  const open = (i: number) => navigate(`/reports/${reports[i]!.id}`);
  const { active, setActive, onKeyDown } = useRowKeys(reports.length, open);
  if (reports.length === 0) return <p className="muted">{t('reports.empty')}</p>;
  return (
    <table
      className="table reports-table"
      tabIndex={0}
      onKeyDown={onKeyDown}
      aria-label={t('reports.count', { n: reports.length })}
      aria-activedescendant={`report-row-${active}`}
    >
      <thead>
        <tr>
          {(['number', 'unit', 'received', 'offence', 'status', 'attachments', 'selectors', 'cluster'] as const).map(
            (c) => (
              <th key={c}>{t(`reports.col.${c}`)}</th>
            ),
          )}
        </tr>
      </thead>
      <tbody>
        {reports.map((r, i) => (
          <tr
            key={r.id}
            id={`report-row-${i}`}
            className={i === active ? 'active' : undefined}
            aria-selected={i === active}
            onClick={() => setActive(i)}
          >
            <td>
              <Link to={`/reports/${r.id}`}>{r.number}</Link>
            </td>
            <td>{r.unit}</td>
            <td>{r.received}</td>
            <td>{t(offenceKey(r.offence))}</td>
            <td>
              <ReportStatus status={r.status} />
            </td>
            <td>{r.attachments ?? ''}</td>
            <td>{r.selectors ?? ''}</td>
            <td>{r.clusterId === null ? '' : <Link to={`/clusters/${r.clusterId}`}>{r.clusterId}</Link>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ReportsPage() {
  const { t } = useI18n();
  const [filters, setFilters] = useState<ReportFilters>({});
  const { reports, error, busy, load } = useReports(filters);
  return (
    <main className="page">
      <div className="page-head">
        <h1>{t('reports.title')}</h1>
        <Link to="/reports/new" className="button primary">
          {t('reports.new')}
        </Link>
      </div>
      <p className="hint">{t('reports.hint')}</p>
      <Filters value={filters} onChange={setFilters} />
      {busy && <Progress label={t('reports.extracting')} value={0} max={null} detail=" " />}
      <ErrorNote error={error} onRetry={() => void load()} />
      {reports === null && !error ? <p className="muted">{t('common.loading')}</p> : null}
      {reports && <ReportsTable reports={reports} />}
    </main>
  );
}
