// A cluster as a table: meldingen × the selectors that link them, with units and dates, and a small time line.
// Other units' meldingen are hits only (number, unit, date, contact), never their text.
import { Link } from '../../app/router.tsx';
import { useI18n } from '../../i18n/index.tsx';
import type { ClusterView, ReportRefView } from './api.ts';

type Column = { key: string; type: string; value: string | null };

function columnsOf(cluster: ClusterView): Column[] {
  const seen = new Map<string, Column>();
  for (const l of cluster.links) {
    const key = `${l.type}\u0000${l.value ?? ''}`;
    if (!seen.has(key)) seen.set(key, { key, type: l.type, value: l.value });
  }
  return [...seen.values()];
}

const refKey = (number: string, unit: string) => `${unit}\u0000${number}`;

function carries(cluster: ClusterView, col: Column, r: ReportRefView): boolean {
  const me = refKey(r.number, r.unit);
  return cluster.links.some(
    (l) =>
      `${l.type}\u0000${l.value ?? ''}` === col.key && (refKey(l.a, l.aUnit) === me || refKey(l.b, l.bUnit) === me),
  );
}

function Timeline({ reports }: { reports: ReportRefView[] }) {
  const { t } = useI18n();
  const times = reports.map((r) => Date.parse(r.received));
  const [min, max] = [Math.min(...times), Math.max(...times)];
  const span = Math.max(1, max - min);
  return (
    <div className="timeline" role="img" aria-label={t('cluster.timeline')}>
      {reports.map((r, i) => (
        <span
          key={refKey(r.number, r.unit)}
          className={r.visible ? 'tick' : 'tick other'}
          style={{ left: `${((times[i]! - min) / span) * 100}%` }}
          title={`${r.received} · ${r.number} · ${r.unit}`}
        />
      ))}
      <span className="timeline-from">{reports.length ? new Date(min).toISOString().slice(0, 10) : ''}</span>
      <span className="timeline-to">{reports.length ? new Date(max).toISOString().slice(0, 10) : ''}</span>
    </div>
  );
}

function RefCells({ r }: { r: ReportRefView }) {
  const { t } = useI18n();
  return (
    <>
      <th scope="row">
        {r.visible && r.id ? <Link to={`/reports/${r.id}`}>{r.number}</Link> : r.number}
        {!r.visible && <span className="muted"> ({t('cluster.hidden')})</span>}
      </th>
      <td>{r.unit}</td>
      <td>{r.received}</td>
      <td>{r.contact ?? ''}</td>
    </>
  );
}

export function ClusterTable({ cluster }: { cluster: ClusterView }) {
  const { t } = useI18n();
  const columns = columnsOf(cluster);
  const reports = [...cluster.reports].sort((a, b) => a.received.localeCompare(b.received));
  return (
    <section className="cluster" aria-label={t('cluster.title', { id: cluster.id })}>
      <h3>{t('cluster.heading', { n: reports.length })}</h3>
      <Timeline reports={reports} />
      <table className="table compact cluster-table">
        <thead>
          <tr>
            <th>{t('cluster.melding')}</th>
            <th>{t('reports.col.unit')}</th>
            <th>{t('reports.col.received')}</th>
            <th>{t('cluster.contact')}</th>
            {columns.map((c) => (
              <th key={c.key} className="mono">
                {c.type}: {c.value ?? t('cluster.hiddenValue')}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {reports.map((r) => (
            <tr key={refKey(r.number, r.unit)} className={r.visible ? undefined : 'other-unit'}>
              <RefCells r={r} />
              {columns.map((c) => (
                <td key={c.key}>{carries(cluster, c, r) ? '●' : ''}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
