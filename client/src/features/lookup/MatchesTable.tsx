// Matches in hash sets and other cases. For a case the analyst may not open, only that it exists,
// its number, unit and a contact are shown (need-to-know).
import type { Match } from '../../api/types.ts';
import { useI18n } from '../../i18n/index.tsx';
import { Status } from '../../ui/bits.tsx';
import { CategoryBadge } from '../grid/CategoryBadge.tsx';

export function MatchesTable({ matches }: { matches: Match[] }) {
  const { t } = useI18n();
  if (matches.length === 0)
    return (
      <p>
        <Status tone="info">{t('matches.none')}</Status>
      </p>
    );
  return (
    <table className="table compact">
      <thead>
        <tr>
          <th scope="col">{t('matches.kind')}</th>
          <th scope="col">{t('matches.where')}</th>
          <th scope="col">{t('matches.category')}</th>
          <th scope="col">{t('matches.series')}</th>
          <th scope="col">{t('matches.victim')}</th>
        </tr>
      </thead>
      <tbody>
        {matches.map((m, i) => (
          <tr key={i}>
            <td>{m.kind === 'exact' ? t('matches.exact') : t('matches.near', { d: m.distance })}</td>
            <td>
              {m.source === 'hashset' && m.hashSet && (
                <span>{t('matches.hashSet', { name: m.hashSet.name, version: m.hashSet.version })}</span>
              )}
              {m.source === 'case' && m.case && (
                <span>
                  {t('matches.case', { number: m.case.number, unit: m.case.unit })}
                  {!m.case.visible && (
                    <span className="notice-inline">
                      {' '}
                      ⊘ {t('matches.restricted')}
                      {m.case.contact ? ` ${t('matches.contact', { contact: m.case.contact })}` : ''}
                    </span>
                  )}
                </span>
              )}
            </td>
            <td>{m.category === null ? '—' : <CategoryBadge value={m.category} />}</td>
            <td>{m.series ?? '—'}</td>
            <td>{m.victimIdentified === null ? '—' : m.victimIdentified ? t('common.yes') : t('common.no')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
