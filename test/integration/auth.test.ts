import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, createTestEnv, login, PASSWORD, type TestEnv } from './helpers/runtime.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv({ SPOOR_LOGIN_MAX_FAILURES: '3', SPOOR_LOGIN_MAX_FAILURES_IP: '6' });
  await addUser(env, 'anna', 'Amsterdam', 'analyst');
  await addUser(env, 'bram', 'Rotterdam', 'analyst');
  await addUser(env, 'carla', 'Limburg', 'analyst');
});
afterAll(() => env.close());

const attempt = (username: string, password: string, ip = '10.0.0.1') =>
  env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: ip });

describe('login', () => {
  it('signs in with the right password and sets a strict httpOnly session cookie', async () => {
    const response = await attempt('anna', PASSWORD);
    expect(response.statusCode).toBe(200);
    expect(response.json().user).toMatchObject({ username: 'anna', unit: 'Amsterdam', role: 'analyst' });
    const cookie = response.cookies.find((c) => c.name === 'spoor_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Strict');
    const me = await env.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie: `spoor_session=${cookie.value}` },
    });
    expect(me.json().user.username).toBe('anna');
  });

  it('rejects a wrong password and an unknown user with the same message', async () => {
    const wrong = await attempt('anna', 'not the password', '10.0.0.2');
    const unknown = await attempt('nobody', 'whatever', '10.0.0.2');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().message).toBe(unknown.json().message);
    expect(wrong.headers['set-cookie']).toBeUndefined();
  });

  it('requires a session for API routes', async () => {
    expect((await env.app.inject({ method: 'GET', url: '/api/cases' })).statusCode).toBe(401);
    expect(
      (await env.app.inject({ method: 'GET', url: '/api/cases', headers: { cookie: 'spoor_session=forged' } }))
        .statusCode,
    ).toBe(401);
  });

  it('logout ends the session', async () => {
    const cookie = await login(env, 'anna');
    expect((await env.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } })).statusCode).toBe(
      200,
    );
    expect((await env.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401);
  });
});

describe('throttling', () => {
  it('locks an account after repeated failures, even with the right password', async () => {
    for (let i = 0; i < 3; i++) expect((await attempt('bram', 'wrong', `10.1.0.${i}`)).statusCode).toBe(401);
    const locked = await attempt('bram', PASSWORD, '10.1.0.9');
    expect(locked.statusCode).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('throttles an IP that tries many accounts', async () => {
    for (let i = 0; i < 6; i++) await attempt(`guess${i}`, 'wrong', '10.2.0.1');
    expect((await attempt('carla', PASSWORD, '10.2.0.1')).statusCode).toBe(429);
    expect((await attempt('carla', PASSWORD, '10.2.0.2')).statusCode).toBe(200);
  });

  it('refuses a disabled account and records every attempt in the audit log', async () => {
    await addUser(env, 'dirk', 'Den Haag', 'analyst');
    const admin = { id: null, username: 'system', role: 'admin' as const, unitId: 0 };
    await env.runtime.services.users.setDisabled(admin, 'dirk', true);
    expect((await attempt('dirk', PASSWORD, '10.3.0.1')).statusCode).toBe(401);
    const failed = await env.runtime.services.audit.recent({ action: 'auth.login.failed', limit: 100 });
    expect(failed.some((r) => r.target_id === 'dirk' && r.details.reason === 'account disabled')).toBe(true);
    const ok = await env.runtime.services.audit.recent({ action: 'auth.login', limit: 100 });
    expect(ok.some((r) => r.actor_name === 'anna')).toBe(true);
  });
});
