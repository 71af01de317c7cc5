// After signing in with a one-time password (first-run admin, or set by an administrator) the workbench
// stays closed until the user has chosen their own; the server answers nothing else meanwhile.
import type { User } from '../../api/types.ts';
import { useI18n } from '../../i18n/index.tsx';
import { ChangePasswordForm } from '../settings/ChangePasswordForm.tsx';

type Props = { user: User; onChanged: (user: User) => void; onSignOut: () => void };

export function ForcedPasswordChange({ user, onChanged, onSignOut }: Props) {
  const { t } = useI18n();
  return (
    <div className="signin-page">
      <main className="signin-card" aria-labelledby="forced-password-title">
        <h1 id="forced-password-title">{t('password.forced.title')}</h1>
        <p className="notice" role="status">
          {t('password.forced.body', { name: user.displayName })}
        </p>
        <ChangePasswordForm onChanged={onChanged} autoFocus />
        <p className="lang-switch">
          <button type="button" className="link" onClick={onSignOut}>
            {t('shell.signOut')}
          </button>
        </p>
      </main>
    </div>
  );
}
