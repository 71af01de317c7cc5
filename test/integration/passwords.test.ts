// Passwords: the policy (length, common list, repetition), self-service change, the forced change after a
// one-time password (first-run admin, accounts an admin creates or resets), and the audited settings change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAdmin } from '../../server/runtime.ts';
import { addUser, createTestEnv, login, PASSWORD, type TestEnv } from './helpers/runtime.ts';

let env: TestEnv;
let adminCookie: string;
let firstRunPassword: string;

beforeAll(async () => {
  env = await createTestEnv();
  firstRunPassword = (await ensureAdmin(env.runtime))!;
  await addUser(env, 'lena', 'Limburg', 'analyst');
  await addUser(env, 'boss', 'Landelijke Eenheid', 'admin');
  adminCookie = await login(env, 'boss');
});
afterAll(() => env?.close());

type Call = { method: 'GET' | 'POST' | 'PUT' | 'PATCH'; url: string; cookie?: string; payload?: object; lang?: string };
const call = ({ method, url, cookie, payload, lang }: Call) =>
  env.app.inject({
    method,
    url,
    payload,
    headers: { ...(cookie ? { cookie } : {}), ...(lang ? { 'accept-language': lang } : {}) },
  });
const asAdmin = (method: 'POST' | 'PATCH', url: string, payload: object) =>
  call({ method, url, cookie: adminCookie, payload });
const changePassword = (cookie: string, currentPassword: string, newPassword: string, lang?: string) =>
  call({ method: 'POST', url: '/api/auth/password', cookie, payload: { currentPassword, newPassword }, lang });
const signIn = (username: string, password: string) =>
  env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
const cookieOf = (response: Awaited<ReturnType<typeof signIn>>) =>
  `spoor_session=${response.cookies.find((c) => c.name === 'spoor_session')!.value}`;

describe('password policy', () => {
  it.each([
    ['aaaaaaaaaaaa', /herhalingen of een reeks/, /repetitions or a sequence/],
    ['abcdefghijkl', /herhalingen of een reeks/, /repetitions or a sequence/],
    ['password1234', /veelgebruikte wachtwoorden/, /commonly used passwords/],
    ['qwertyuiopas', /veelgebruikte wachtwoorden/, /commonly used passwords/],
    ['kort-wachtw', /minstens 12 tekens/, /at least 12 characters/],
  ])('refuses %s for a new account and for a change, in Dutch and English', async (weak, nl, en) => {
    if (weak.length >= 12) {
      const payload = { username: 'weakling', unit: 'Limburg', role: 'analyst', password: weak };
      const create = await call({ method: 'POST', url: '/api/users', cookie: adminCookie, payload });
      expect(create.statusCode).toBe(400);
      expect(create.json().message).toMatch(nl);
    }
    const cookie = await login(env, 'lena');
    const dutch = await changePassword(cookie, PASSWORD, weak);
    expect(dutch.statusCode).toBe(400);
    expect(dutch.json().message).toMatch(nl);
    const english = await changePassword(cookie, PASSWORD, weak, 'en');
    expect(english.json().message).toMatch(en);
    expect((await signIn('lena', PASSWORD)).statusCode).toBe(200);
  });
});

describe('self-service password change', () => {
  it('needs the current password, ends the other sessions, and is audited', async () => {
    const here = cookieOf(await signIn('lena', PASSWORD));
    const elsewhere = cookieOf(await signIn('lena', PASSWORD));
    const wrong = await changePassword(here, 'not my password', 'vier losse woorden hier');
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().message).toMatch(/huidige wachtwoord klopt niet/);
    const changed = await changePassword(here, PASSWORD, 'vier losse woorden hier');
    expect(changed.statusCode).toBe(200);
    expect(changed.json().user).toMatchObject({ username: 'lena', mustChangePassword: false });
    expect((await call({ method: 'GET', url: '/api/auth/me', cookie: here })).statusCode).toBe(200);
    expect((await call({ method: 'GET', url: '/api/auth/me', cookie: elsewhere })).statusCode).toBe(401);
    expect((await signIn('lena', PASSWORD)).statusCode).toBe(401);
    expect((await signIn('lena', 'vier losse woorden hier')).statusCode).toBe(200);
    const audit = await env.runtime.services.audit.recent({ action: 'user.password_change', limit: 10 });
    expect(audit.some((r) => r.actor_name === 'lena' && r.target_id === 'lena')).toBe(true);
    const failed = await env.runtime.services.audit.recent({ action: 'user.password_change.failed', limit: 10 });
    expect(failed.some((r) => r.actor_name === 'lena')).toBe(true);
  });
});

async function expectForcedChange(username: string, oneTimePassword: string, chosen: string) {
  const response = await signIn(username, oneTimePassword);
  expect(response.statusCode).toBe(200);
  expect(response.json().user.mustChangePassword).toBe(true);
  const cookie = cookieOf(response);
  const blocked = await call({ method: 'GET', url: '/api/cases', cookie });
  expect(blocked.statusCode).toBe(403);
  expect(blocked.json()).toMatchObject({ code: 'PASSWORD_CHANGE_REQUIRED' });
  expect(blocked.json().message).toMatch(/eenmalig wachtwoord/);
  expect((await call({ method: 'PUT', url: '/api/auth/settings', cookie, payload: { blur: 0 } })).statusCode).toBe(403);
  expect((await call({ method: 'GET', url: '/api/units', cookie })).statusCode).toBe(403);
  expect((await call({ method: 'GET', url: '/api/auth/me', cookie })).json().user.mustChangePassword).toBe(true);
  const changed = await changePassword(cookie, oneTimePassword, chosen);
  expect(changed.statusCode).toBe(200);
  expect(changed.json().user.mustChangePassword).toBe(false);
  expect((await call({ method: 'GET', url: '/api/cases', cookie })).statusCode).toBe(200);
}

describe('forced change after a one-time password', () => {
  it('the first-run admin password (printed once) must be changed before anything else', async () => {
    expect(firstRunPassword).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
    await expectForcedChange('admin', firstRunPassword, 'beheer met een eigen zin 2026');
  });

  it('an account an admin creates, with a generated or a chosen password, and after a reset', async () => {
    const generated = await asAdmin('POST', '/api/users', { username: 'nina', unit: 'Limburg', role: 'analyst' });
    expect(generated.statusCode).toBe(201);
    expect(generated.json().user.mustChangePassword).toBe(true);
    await expectForcedChange('nina', generated.json().password, 'nina kiest haar eigen zin');

    const chosen = await asAdmin('POST', '/api/users', {
      username: 'olaf',
      unit: 'Limburg',
      role: 'lead',
      password: 'door de beheerder gekozen',
    });
    expect(chosen.statusCode).toBe(201);
    await expectForcedChange('olaf', 'door de beheerder gekozen', 'olaf heeft nu zijn eigen');

    const reset = await asAdmin('PATCH', '/api/users/nina', { resetPassword: true });
    expect(reset.statusCode).toBe(200);
    await expectForcedChange('nina', reset.json().password, 'weer een nieuwe zin voor nina');
  });
});

describe('settings changes are audited', () => {
  it('records the old and new values of every change, and nothing for a change that changes nothing', async () => {
    await addUser(env, 'pim', 'Limburg', 'analyst');
    const cookie = await login(env, 'pim');
    const put = (payload: object) => call({ method: 'PUT', url: '/api/auth/settings', cookie, payload });
    expect((await put({ blur: 0 })).statusCode).toBe(200);
    const second = await put({ blur: 8, greyscale: false });
    expect(second.json().user.settings).toMatchObject({ blur: 8, greyscale: false });
    expect((await put({ blur: 8 })).statusCode).toBe(200);
    const rows = (await env.runtime.services.audit.recent({ action: 'user.settings', limit: 10 })).filter(
      (r) => r.actor_name === 'pim',
    );
    expect(rows.map((r) => ({ target: r.target_id, old: r.details.old, new: r.details.new }))).toEqual([
      { target: 'pim', old: { blur: 0, greyscale: null }, new: { blur: 8, greyscale: false } },
      { target: 'pim', old: { blur: null }, new: { blur: 0 } },
    ]);
    expect((await env.runtime.services.audit.verify()).ok).toBe(true);
  });
});
