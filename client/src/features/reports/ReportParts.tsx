// Parts of the melding view: its selectors as a table, and the "lijkt op" hints (shown, never linked).
import { useI18n } from '../../i18n/index.tsx';
import type { AttachmentView, LinksView, Occurrence } from './api.ts';
import { isOwnContact, roleKey } from './labels.ts';

export function SelectorsTable({ selectors, attachments }: { selectors: Occurrence[]; attachments: AttachmentView[] }) {
  const { t } = useI18n();
  if (selectors.length === 0) return <p className="muted">{t('report.selectors.empty')}</p>;
  const ordinal = (id: number | null) => attachments.find((a) => a.id === id)?.ordinal ?? '?';
  return (
    <table className="table compact selectors-table">
      <thead>
        <tr>
          <th>{t('report.sel.type')}</th>
          <th>{t('report.sel.value')}</th>
          <th>{t('report.sel.surface')}</th>
          <th>{t('report.sel.where')}</th>
          <th>{t('report.sel.role')}</th>
        </tr>
      </thead>
      <tbody>
        {selectors.map((s) => (
          <tr key={s.id} className={isOwnContact(s.role) ? 'own' : undefined}>
            <td>{s.platform ? `${s.type} (${s.platform})` : s.type}</td>
            <td className="mono">{s.value}</td>
            <td className="mono">
              {s.surface}
              {s.repaired && <span className="muted"> · {t('report.sel.repaired')}</span>}
            </td>
            <td>
              {s.source === 'text'
                ? t('report.sel.inText')
                : t('report.sel.inAttachment', { n: ordinal(s.attachmentId) })}
            </td>
            <td>
              {t(roleKey(s.role))}
              {isOwnContact(s.role) && <span className="own-note"> — {t('report.own')}</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function Hints({ hints }: { hints: LinksView['hints'] }) {
  const { t } = useI18n();
  if (hints.length === 0) return null;
  return (
    <section className="hints" aria-labelledby="hints-title">
      <h3 id="hints-title">{t('report.hints')}</h3>
      <p className="hint">{t('report.hints.note')}</p>
      <ul>
        {hints.flatMap((h) =>
          h.near.map((n, i) => (
            <li key={`${h.report}-${h.value}-${i}`}>
              {t('report.hint.row', {
                value: h.value,
                report: h.report,
                near: n.value ?? t('cluster.hiddenValue'),
                other: n.report.number,
                unit: n.report.unit,
              })}{' '}
              <span className="muted">({n.reason})</span>
            </li>
          )),
        )}
      </ul>
    </section>
  );
}
