// Who may open this case (need-to-know): list, add and remove members. Only the owning unit's leads and
// administrators manage members (the server enforces it); others see the list and who to ask.
import { useEffect, useState, type FormEvent } from 'react';
import { endpoints } from '../../api/endpoints.ts';
import type { Case, MemberView } from '../../api/types.ts';
import { useApp } from '../../app/AppContext.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { ErrorNote } from '../../ui/bits.tsx';
import { MembersTable } from './MembersTable.tsx';

export function MembersPanel({ kase }: { kase: Case }) {
  const { t } = useI18n();
  const [members, setMembers] = useState<MemberView[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const { user } = useApp();
  const canWrite = user.role === 'admin' || (user.role === 'lead' && user.unitId === kase.unitId);
  useEffect(() => {
    endpoints.members(kase.id).then(setMembers, setError);
  }, [kase.id]);

  async function add(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const username = String(new FormData(form).get('username')).trim();
    setError(null);
    try {
      setMembers(await endpoints.addMember(kase.id, username));
      form.reset();
    } catch (err) {
      setError(err);
    }
  }
  async function remove(username: string) {
    if (!window.confirm(t('members.confirmRemove', { name: username }))) return;
    setError(null);
    try {
      setMembers(await endpoints.removeMember(kase.id, username));
    } catch (err) {
      setError(err);
    }
  }

  return (
    <section aria-labelledby="members-title">
      <h2 id="members-title">{t('members.title')}</h2>
      <p className="hint">{t('members.hint')}</p>
      {!canWrite && <p className="hint">{t('members.managedBy', { unit: kase.unit })}</p>}
      {canWrite && (
        <form className="inline-form" onSubmit={add}>
          <label>
            {t('members.username')} <input name="username" required autoComplete="off" />
          </label>
          <button type="submit">{t('members.add')}</button>
        </form>
      )}
      <ErrorNote error={error} />
      {members && <MembersTable members={members} canWrite={canWrite} onRemove={(u) => void remove(u)} />}
    </section>
  );
}
