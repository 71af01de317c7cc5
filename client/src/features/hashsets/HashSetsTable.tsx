// The hash sets with version, source, visibility, entry counts and who imported them when.
import type { HashSet } from '../../api/types.ts';
import { useI18n, type MessageKey } from '../../i18n/index.tsx';
import { Status } from '../../ui/bits.tsx';

const STATUS: Record<string, MessageKey> = {
  active: 'hashsets.status.active',
  importing: 'hashsets.status.importing',
  superseded: 'hashsets.status.superseded',
  failed: 'hashsets.status.failed',
};
const TONE: Record<string, 'ok' | 'error' | 'busy'> = { active: 'ok', failed: 'error', importing: 'busy' };

export function HashSetsTable({ sets }: { sets: HashSet[] }) {
  const { t, fmt } = useI18n();
  return (
    <table className="table">
      <thead>
        <tr>
          <th scope="col">{t('hashsets.name')}</th>
          <th scope="col">{t('hashsets.version')}</th>
          <th scope="col">{t('hashsets.source')}</th>
          <th scope="col">{t('hashsets.format')}</th>
          <th scope="col">{t('hashsets.visibility')}</th>
          <th scope="col" className="num">
            {t('hashsets.entries')}
          </th>
          <th scope="col" className="num">
            {t('hashsets.skipped')}
          </th>
          <th scope="col">{t('intake.status')}</th>
          <th scope="col">{t('hashsets.importedBy')}</th>
        </tr>
      </thead>
      <tbody>
        {sets.map((s) => (
          <tr key={s.id}>
            <td>{s.name}</td>
            <td>{s.version}</td>
            <td>{s.source}</td>
            <td>
              {s.format}
              {s.profile ? ` (${s.profile})` : ''}
            </td>
            <td>
              {s.visibility === 'unit'
                ? `${t('hashsets.visibility.unit')}: ${s.unit}`
                : t('hashsets.visibility.national')}
            </td>
            <td className="num">{fmt.number(s.entries)}</td>
            <td className="num">{fmt.number(s.skipped)}</td>
            <td>
              <Status tone={TONE[s.status] ?? 'info'}>{STATUS[s.status] ? t(STATUS[s.status]!) : s.status}</Status>
            </td>
            <td>
              {s.importedBy} · {fmt.dateTime(s.importedAt)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
