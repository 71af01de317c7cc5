// The signed-in user and the session's life: who is signed in, whether the session has expired, sign-out.
import { useCallback, useEffect, useState } from 'react';
import { endpoints } from '../api/endpoints.ts';
import { session } from '../api/session.ts';
import type { User } from '../api/types.ts';
import { place } from './place.ts';
import { navigate } from './router.tsx';

export function useAppSession() {
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const [expired, setExpired] = useState(false);

  useEffect(() => {
    endpoints.me().then(
      (r) => setUser(r.user),
      () => setUser(null),
    );
  }, []);
  useEffect(() => session.subscribe(setExpired), []);
  useEffect(() => {
    const save = () => {
      if (user) place.save();
    };
    window.addEventListener('pagehide', save);
    return () => window.removeEventListener('pagehide', save);
  }, [user]);

  const signOut = useCallback(async () => {
    await endpoints.logout().catch(() => undefined);
    sessionStorage.clear();
    navigate('/cases', { replace: true });
    setUser(null);
  }, []);

  const signedInAgain = (u: User) => {
    if (user && u.username === user.username) {
      setUser(u);
      session.restored();
      return;
    }
    // Someone else: nothing of the previous analyst's screen may stay, so start afresh.
    session.abandoned();
    sessionStorage.clear();
    location.assign('/cases');
  };

  return { user, setUser, expired, signOut, signedInAgain };
}
