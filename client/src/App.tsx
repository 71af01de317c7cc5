import { useEffect, useState, type FormEvent } from 'react';

type User = { username: string; displayName: string; role: string; unit: string };

export function App() {
  const [user, setUser] = useState<User | null | undefined>(undefined);
  useEffect(() => {
    fetch('/api/auth/me').then(async (r) => setUser(r.ok ? (await r.json()).user : null), () => setUser(null));
  }, []);
  if (user === undefined) return <p>Laden…</p>;
  if (!user) return <SignIn onSignedIn={setUser} />;
  return (
    <main>
      <h1>Spoor</h1>
      <p>Ingelogd als {user.displayName} ({user.role}, {user.unit}).</p>
    </main>
  );
}

function SignIn({ onSignedIn }: { onSignedIn: (u: User) => void }) {
  const [error, setError] = useState<string | null>(null);
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const response = await fetch('/api/auth/login', {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: form.get('username'), password: form.get('password') }),
    });
    const body = await response.json();
    if (response.ok) onSignedIn(body.user);
    else setError(body.message);
  }
  return (
    <main>
      <h1>Spoor — inloggen</h1>
      <form onSubmit={submit}>
        <label>Gebruikersnaam <input name="username" autoComplete="username" autoFocus required /></label>
        <label>Wachtwoord <input name="password" type="password" autoComplete="current-password" required /></label>
        <button type="submit">Inloggen</button>
        {error && <p role="alert">{error}</p>}
      </form>
    </main>
  );
}
