// The sign-in form's submit: calls the server and turns a refusal into a message the analyst can act on.
import { useState, type FormEvent } from 'react';
import { endpoints } from '../../api/endpoints.ts';
import { ApiError } from '../../api/http.ts';
import type { User } from '../../api/types.ts';
import type { Translate } from '../../i18n/index.tsx';

function signInError(err: ApiError, t: Translate): string {
  if (err.status === 401) return t('signin.error.wrong');
  if (err.status === 429) return `${t('signin.error.throttled')} ${err.message}`;
  return t('error.network');
}

export function useSignIn(onSignedIn: (u: User) => void, t: Translate) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    try {
      onSignedIn((await endpoints.login(String(form.get('username')), String(form.get('password')))).user);
    } catch (e) {
      setError(signInError(e as ApiError, t));
    } finally {
      setBusy(false);
    }
  }

  return { error, busy, submit };
}
