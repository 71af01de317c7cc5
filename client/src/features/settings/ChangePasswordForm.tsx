// Change one's own password: the current one, the new one twice. The server applies the policy and says why
// a password is refused; the user's other sessions end.
import { useState, type FormEvent } from 'react';
import { endpoints } from '../../api/endpoints.ts';
import type { User } from '../../api/types.ts';
import { useI18n } from '../../i18n/index.tsx';
import { ErrorNote } from '../../ui/bits.tsx';

type Props = { onChanged: (user: User) => void; autoFocus?: boolean };

export function ChangePasswordForm({ onChanged, autoFocus = false }: Props) {
  const { t } = useI18n();
  const [state, setState] = useState<'idle' | 'busy' | 'mismatch' | 'changed'>('idle');
  const [error, setError] = useState<unknown>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const next = String(data.get('newPassword'));
    setError(null);
    if (next !== String(data.get('repeatPassword'))) {
      setState('mismatch');
      return;
    }
    setState('busy');
    try {
      const { user } = await endpoints.changePassword(String(data.get('currentPassword')), next);
      form.reset();
      setState('changed');
      onChanged(user);
    } catch (err) {
      setError(err);
      setState('idle');
    }
  }

  return (
    <form className="password-form" onSubmit={submit}>
      <p className="hint">{t('password.hint')}</p>
      <label>
        {t('password.current')}
        <input name="currentPassword" type="password" autoComplete="current-password" required autoFocus={autoFocus} />
      </label>
      <label>
        {t('password.new')}
        <input name="newPassword" type="password" autoComplete="new-password" required minLength={12} />
      </label>
      <label>
        {t('password.repeat')}
        <input name="repeatPassword" type="password" autoComplete="new-password" required minLength={12} />
      </label>
      <button type="submit" className="primary" disabled={state === 'busy'}>
        {state === 'busy' ? t('password.busy') : t('password.submit')}
      </button>
      {state === 'mismatch' && (
        <p role="alert" className="error">
          ⚠ {t('password.mismatch')}
        </p>
      )}
      {state === 'changed' && <p role="status">✓ {t('password.changed')}</p>}
      <ErrorNote error={error} />
    </form>
  );
}
