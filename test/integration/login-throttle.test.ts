// Sign-in throttling that cannot be turned into a lock-out: exponential, capped delays (429 + Retry-After)
// per (account, address), per address and, mildly, per account; the holder's own address is never slowed by
// others; behind a configured proxy the client's address counts (X-Forwarded-For), and only from that proxy.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAdmin } from '../../server/runtime.ts';
import { addUser, createTestEnv, PASSWORD, type TestEnv } from './helpers/runtime.ts';

const ADMIN_PASSWORD = 'operator chosen admin passphrase';
let env: TestEnv;
let proxied: TestEnv;

beforeAll(async () => {
  env = await createTestEnv({
    SPOOR_LOGIN_MAX_FAILURES: '2',
    SPOOR_LOGIN_MAX_FAILURES_IP: '4',
    SPOOR_LOGIN_MAX_DELAY_SECONDS: '4',
    SPOOR_LOGIN_MAX_ACCOUNT_DELAY_SECONDS: '1',
    SPOOR_ADMIN_PASSWORD: ADMIN_PASSWORD,
  });
  await ensureAdmin(env.runtime);
  for (const name of ['eva', 'gijs', 'hanna', 'ivo']) await addUser(env, name, 'Amsterdam', 'analyst');
  proxied = await createTestEnv({ SPOOR_TRUST_PROXY: '127.0.0.1', SPOOR_LOGIN_MAX_FAILURES: '2' });
  await addUser(proxied, 'frank', 'Rotterdam', 'analyst');
});
afterAll(async () => {
  await env?.close();
  await proxied?.close();
});

const attempt = (e: TestEnv, username: string, password: string, ip: string, headers: Record<string, string> = {}) =>
  e.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: ip, headers });
const sleep = (seconds: number) => new Promise((r) => setTimeout(r, seconds * 1000 + 150));

describe('sign-in throttling by delay, not lock-out', () => {
  it('the operator-given admin password is not one-time', async () => {
    const response = await attempt(env, 'admin', ADMIN_PASSWORD, '10.0.0.5');
    expect(response.statusCode).toBe(200);
    expect(response.json().user.mustChangePassword).toBe(false);
  });

  it('delays grow 1 s, 2 s, 4 s with failures, are capped, and end: the account is never locked', async () => {
    const ip = '198.51.100.66';
    for (let i = 0; i < 2; i++) expect((await attempt(env, 'eva', 'wrong', ip)).statusCode).toBe(401);
    const delays: number[] = [];
    for (let round = 0; round < 4; round++) {
      const refused = await attempt(env, 'eva', PASSWORD, ip);
      expect(refused.statusCode).toBe(429);
      delays.push(Number(refused.headers['retry-after']));
      await sleep(delays[round]!);
      expect((await attempt(env, 'eva', 'wrong', ip)).statusCode).toBe(401);
    }
    expect(delays).toEqual([1, 2, 4, 4]);
    const waitMessage = await attempt(env, 'eva', PASSWORD, ip);
    expect(waitMessage.json().message).toMatch(/Wacht 4 seconden/);
    await sleep(4);
    expect((await attempt(env, 'eva', PASSWORD, ip)).statusCode).toBe(200);
    expect((await attempt(env, 'eva', 'wrong', ip)).statusCode).toBe(401); // success reset the pair: free again
  });

  it('admin can still sign in from a good address while an attacker hammers the account from elsewhere', async () => {
    let stop = false;
    const statuses: number[] = [];
    const hammer = async (n: number) => {
      for (let i = 0; !stop; i++) {
        statuses.push((await attempt(env, 'admin', `guess-${n}-${i}`, `203.0.113.${n}`)).statusCode);
      }
    };
    const attackers = [1, 2, 3, 4, 5, 6].map(hammer);
    await sleep(1);
    const started = Date.now();
    const admin = await attempt(env, 'admin', ADMIN_PASSWORD, '10.0.0.5');
    const elapsed = Date.now() - started;
    const fresh = await attempt(env, 'admin', ADMIN_PASSWORD, '192.0.2.200');
    stop = true;
    await Promise.all(attackers);
    // The account-wide counter slows the attacker's many addresses together: few guesses, many refusals.
    expect(statuses.filter((s) => s === 401).length).toBeGreaterThanOrEqual(2);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(20);
    expect(admin.statusCode).toBe(200);
    expect(elapsed).toBeLessThan(2000);
    // From an address the admin never used, the account-wide slowdown applies, but it is mild and capped.
    if (fresh.statusCode === 429) expect(Number(fresh.headers['retry-after'])).toBeLessThanOrEqual(1);
    else expect(fresh.statusCode).toBe(200);
    const throttled = await env.runtime.services.audit.recent({ action: 'auth.login.throttled', limit: 500 });
    expect(throttled.some((r) => r.target_id === 'admin' && String(r.details.ip).startsWith('203.0.113.'))).toBe(true);
  });

  it('an address spraying many accounts is slowed for accounts new to it, not for those known there', async () => {
    const shared = '10.20.0.1';
    expect((await attempt(env, 'gijs', PASSWORD, shared)).statusCode).toBe(200);
    for (let i = 0; i < 4; i++) expect((await attempt(env, `nobody${i}`, 'Welkom012345', shared)).statusCode).toBe(401);
    const newcomer = await attempt(env, 'hanna', PASSWORD, shared);
    expect(newcomer.statusCode).toBe(429);
    expect(newcomer.json().message).toMatch(/vanaf dit adres/);
    expect((await attempt(env, 'gijs', PASSWORD, shared)).statusCode).toBe(200);
    expect((await attempt(env, 'hanna', PASSWORD, '10.20.0.2')).statusCode).toBe(200);
  });

  it('concurrent guesses cannot slip past the counter together', async () => {
    const guesses = Array.from({ length: 12 }, (_, i) => attempt(env, 'ivo', `parallel-${i}`, '198.51.100.9'));
    const results = await Promise.all(guesses);
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 401).length).toBeLessThanOrEqual(3);
    expect(codes.filter((c) => c === 429).length).toBeGreaterThanOrEqual(9);
  });

  it('without SPOOR_TRUST_PROXY a forged X-Forwarded-For is ignored', async () => {
    const forged = await attempt(env, 'nobody-x', 'wrong', '10.30.0.1', { 'x-forwarded-for': '192.0.2.77' });
    expect(forged.statusCode).toBe(401);
    const [row] = await env.runtime.services.audit.recent({ action: 'auth.login.failed', limit: 1 });
    expect(row!.details.ip).toBe('10.30.0.1');
  });
});

describe('behind a trusted reverse proxy (SPOOR_TRUST_PROXY)', () => {
  const viaProxy = (username: string, password: string, client: string) =>
    attempt(proxied, username, password, '127.0.0.1', { 'x-forwarded-for': client });

  it('throttles per client address, so one client cannot slow down everyone behind the proxy', async () => {
    expect((await viaProxy('frank', PASSWORD, '198.51.100.20')).statusCode).toBe(200);
    for (let i = 0; i < 2; i++) expect((await viaProxy('frank', 'wrong', '203.0.113.9')).statusCode).toBe(401);
    expect((await viaProxy('frank', PASSWORD, '203.0.113.9')).statusCode).toBe(429);
    const own = await viaProxy('frank', PASSWORD, '198.51.100.20');
    expect(own.statusCode).toBe(200);
    const [login] = await proxied.runtime.services.audit.recent({ action: 'auth.login', limit: 1 });
    expect(login!.details.ip).toBe('198.51.100.20');
  });

  it('believes X-Forwarded-For only from the configured proxy', async () => {
    const direct = await attempt(proxied, 'nobody-y', 'wrong', '192.0.2.10', { 'x-forwarded-for': '198.51.100.20' });
    expect(direct.statusCode).toBe(401);
    const [row] = await proxied.runtime.services.audit.recent({ action: 'auth.login.failed', limit: 1 });
    expect(row!.details.ip).toBe('192.0.2.10');
  });
});
