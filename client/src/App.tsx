// Session bootstrap: sign-in, then the workbench. An expired session shows the sign-in form over the
// workbench, which stays mounted (hidden), so route, scroll, selection and pending actions survive.
import { useEffect, useState } from 'react';
import type { User } from './api/types.ts';
import { AppProvider, settingsOf } from './app/AppContext.tsx';
import { useAppSession } from './app/useAppSession.ts';
import { ForcedPasswordChange } from './features/auth/ForcedPasswordChange.tsx';
import { SignIn } from './features/auth/SignIn.tsx';
import { Shell } from './features/shell/Shell.tsx';
import { I18nProvider, type Lang } from './i18n/index.tsx';

const storedLang = (): Lang => (localStorage.getItem('spoor.lang') === 'en' ? 'en' : 'nl');

function useWellnessVariables(user: User | null | undefined): void {
  useEffect(() => {
    const s = settingsOf(user ?? null);
    const root = document.documentElement.style;
    root.setProperty('--thumb-blur', `${s.blur}px`);
    root.setProperty('--thumb-grey', s.greyscale ? '1' : '0');
    root.setProperty('--thumb-size', `${s.thumbSize}px`);
  }, [user]);
}

export function App() {
  const { user, setUser, expired, signOut, signedInAgain } = useAppSession();
  const [signedOutLang, setSignedOutLang] = useState<Lang>(storedLang);
  const lang = user ? settingsOf(user).language : signedOutLang;

  useEffect(() => {
    document.documentElement.lang = lang;
    localStorage.setItem('spoor.lang', lang);
  }, [lang]);
  useWellnessVariables(user);

  if (user === undefined)
    return (
      <I18nProvider lang={lang}>
        <div className="boot" aria-busy="true" />
      </I18nProvider>
    );
  if (user === null)
    return (
      <I18nProvider lang={lang}>
        <SignIn onSignedIn={setUser} onLanguage={setSignedOutLang} />
      </I18nProvider>
    );
  if (user.mustChangePassword) {
    return (
      <I18nProvider lang={lang}>
        <ForcedPasswordChange user={user} onChanged={setUser} onSignOut={() => void signOut()} />
        {expired && <SignIn expired onSignedIn={signedInAgain} onLanguage={() => undefined} username={user.username} />}
      </I18nProvider>
    );
  }
  return (
    <I18nProvider lang={lang}>
      <AppProvider user={user} onUser={setUser} onSignOut={signOut}>
        <div className={expired ? 'app app-hidden' : 'app'} inert={expired}>
          <Shell />
        </div>
        {expired && <SignIn expired onSignedIn={signedInAgain} onLanguage={() => undefined} username={user.username} />}
      </AppProvider>
    </I18nProvider>
  );
}
