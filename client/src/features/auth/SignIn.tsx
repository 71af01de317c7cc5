// Sign-in, also shown over the workbench when a session has ended (the place underneath is kept).
import type { User } from '../../api/types.ts';
import { useI18n, type Lang } from '../../i18n/index.tsx';
import { useSignIn } from './useSignIn.ts';

type Props = { onSignedIn: (u: User) => void; onLanguage: (l: Lang) => void; expired?: boolean; username?: string };

export function SignIn({ onSignedIn, onLanguage, expired = false, username }: Props) {
  const { t, lang } = useI18n();
  const { error, busy, submit } = useSignIn(onSignedIn, t);

  return (
    <div
      className={expired ? 'signin-overlay' : 'signin-page'}
      role={expired ? 'dialog' : undefined}
      aria-modal={expired || undefined}
      aria-labelledby="signin-title"
    >
      <main className="signin-card">
        <h1 id="signin-title">{expired ? t('signin.expired.title') : t('signin.title')}</h1>
        {expired && (
          <p className="notice" role="status">
            {t('signin.expired.body')}
          </p>
        )}
        <form onSubmit={submit}>
          <label>
            {t('signin.username')}
            <input name="username" autoComplete="username" defaultValue={username} autoFocus={!username} required />
          </label>
          <label>
            {t('signin.password')}
            <input
              name="password"
              type="password"
              autoComplete="current-password"
              autoFocus={Boolean(username)}
              required
            />
          </label>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t('signin.busy') : t('signin.submit')}
          </button>
          {error && (
            <p role="alert" className="error">
              ⚠ {error}
            </p>
          )}
        </form>
        {!expired && (
          <p className="lang-switch">
            <button type="button" className="link" onClick={() => onLanguage(lang === 'nl' ? 'en' : 'nl')}>
              {t('settings.language.switchTo')}
            </button>
          </p>
        )}
      </main>
    </div>
  );
}
