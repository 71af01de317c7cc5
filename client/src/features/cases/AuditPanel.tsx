// The case's audit trail: every view, reveal, categorisation and change, newest first.
import { useCallback, useEffect, useState } from 'react';
import { endpoints } from '../../api/endpoints.ts';
import type { AuditEntry, Case } from '../../api/types.ts';
import { useI18n } from '../../i18n/index.tsx';
import { ErrorNote } from '../../ui/bits.tsx';

function summary(e: AuditEntry): string {
  const d = e.details;
  const parts: string[] = [];
  if (typeof d.category === 'string' || d.category === null) parts.push(`category=${d.category ?? '∅'}`);
  if (typeof d.count === 'number') parts.push(`n=${d.count}`);
  if (typeof d.nearGroup === 'number') parts.push(`group=${d.nearGroup}`);
  if (typeof d.originalName === 'string') parts.push(d.originalName);
  if (d.undo === true) parts.push('undo');
  return parts.join(' · ');
}

export function AuditPanel({ kase }: { kase: Case }) {
  const { t, fmt } = useI18n();
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [more, setMore] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(
    (before?: number) => {
      endpoints.audit(kase.id, before).then((rows) => {
        setEntries((prev) => (before ? [...prev, ...rows] : rows));
        setMore(rows.length === 100);
      }, setError);
    },
    [kase.id],
  );
  useEffect(() => load(), [load]);

  return (
    <section aria-labelledby="audit-title">
      <h2 id="audit-title">{t('audit.title')}</h2>
      <p className="hint">{t('audit.hint')}</p>
      <ErrorNote error={error} onRetry={() => load()} />
      <table className="table audit">
        <thead>
          <tr>
            <th scope="col">{t('audit.when')}</th>
            <th scope="col">{t('audit.who')}</th>
            <th scope="col">{t('audit.action')}</th>
            <th scope="col">{t('audit.target')}</th>
            <th scope="col">{t('audit.details')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.id} data-action={e.action}>
              <td>{fmt.dateTime(e.at)}</td>
              <td>{e.actor}</td>
              <td>
                <code>{e.action}</code>
              </td>
              <td className="mono ellipsis" title={e.targetId ?? ''}>
                {e.targetId ?? '—'}
              </td>
              <td>{summary(e)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {more && entries.length > 0 && (
        <button type="button" onClick={() => load(entries[entries.length - 1]!.id)}>
          {t('common.loadMore')}
        </button>
      )}
    </section>
  );
}
