// The cases table: number, title, unit and status, with the work counts that load one case at a time.
import type { Case, CaseCounts } from '../../api/types.ts';
import { Link } from '../../app/router.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { Status } from '../../ui/bits.tsx';

function CountCells({ counts }: { counts: CaseCounts | null | undefined }) {
  const { t, fmt } = useI18n();
  if (counts === undefined)
    return (
      <td colSpan={5} className="muted">
        {t('common.loading')}
      </td>
    );
  if (counts === null)
    return (
      <td colSpan={5} className="muted">
        —
      </td>
    );
  return (
    <>
      <td className="num">{fmt.number(counts.files)}</td>
      <td className="num">{fmt.number(counts.images)}</td>
      <td className="num">{counts.known > 0 ? <Status tone="info">{fmt.number(counts.known)}</Status> : '0'}</td>
      <td className="num">
        {counts.uncategorised > 0 ? (
          <Status tone="warn">{fmt.number(counts.uncategorised)}</Status>
        ) : (
          <Status tone="ok">0</Status>
        )}
      </td>
      <td className="num">{counts.errors > 0 ? <Status tone="error">{fmt.number(counts.errors)}</Status> : '0'}</td>
    </>
  );
}

type Props = { cases: Case[]; counts: Record<string, CaseCounts | null> };

export function CasesTable({ cases, counts }: Props) {
  const { t } = useI18n();
  return (
    <table className="table">
      <caption className="sr-only">{t('cases.title')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('cases.number')}</th>
          <th scope="col">{t('cases.caseTitle')}</th>
          <th scope="col">{t('cases.unit')}</th>
          <th scope="col">{t('cases.status')}</th>
          <th scope="col" className="num">
            {t('counts.files')}
          </th>
          <th scope="col" className="num">
            {t('counts.images')}
          </th>
          <th scope="col" className="num">
            {t('counts.known')}
          </th>
          <th scope="col" className="num">
            {t('counts.uncategorised')}
          </th>
          <th scope="col" className="num">
            {t('counts.errors')}
          </th>
        </tr>
      </thead>
      <tbody>
        {cases.map((c) => (
          <tr key={c.id}>
            <td>
              <Link to={`/cases/${c.id}`}>{c.number}</Link>
            </td>
            <td>
              {c.title}
              {c.access === 'read' && <span className="tag">{t('cases.readOnly')}</span>}
            </td>
            <td>{c.unit}</td>
            <td>
              <Status tone={c.status === 'open' ? 'ok' : 'info'}>{t(`cases.status.${c.status}`)}</Status>
            </td>
            <CountCells counts={counts[c.id]} />
          </tr>
        ))}
      </tbody>
    </table>
  );
}
