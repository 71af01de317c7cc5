// The members of a case, with a remove button per member for those who may manage them.
import type { MemberView } from '../../api/types.ts';
import { useI18n } from '../../i18n/index.tsx';

type Props = { members: MemberView[]; canWrite: boolean; onRemove: (username: string) => void };

export function MembersTable({ members, canWrite, onRemove }: Props) {
  const { t, fmt } = useI18n();
  return (
    <table className="table">
      <thead>
        <tr>
          <th scope="col">{t('members.name')}</th>
          <th scope="col">{t('members.role')}</th>
          <th scope="col">{t('cases.unit')}</th>
          <th scope="col">{t('members.added')}</th>
          {canWrite && (
            <th scope="col">
              <span className="sr-only">{t('members.remove')}</span>
            </th>
          )}
        </tr>
      </thead>
      <tbody>
        {members.map((m) => (
          <tr key={m.username}>
            <td>
              {m.displayName} <span className="muted">({m.username})</span>
            </td>
            <td>{t(`role.${m.role as 'admin' | 'lead' | 'analyst' | 'prosecutor'}`)}</td>
            <td>{m.unit}</td>
            <td>{fmt.dateTime(m.addedAt)}</td>
            {canWrite && (
              <td>
                <button
                  type="button"
                  onClick={() => onRemove(m.username)}
                  aria-label={t('members.removeName', { name: m.username })}
                >
                  {t('members.remove')}
                </button>
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
