// Who manages a case's members (the owning unit's leads and admins, not its analysts), that a case always
// keeps one member, and that a closed case refuses new evidence and changes to it until it is reopened.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, createTestEnv, login, type TestEnv } from './helpers/runtime.ts';

let env: TestEnv;
let caseId: string;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  env = await createTestEnv();
  const people = [
    ['ana', 'Amsterdam', 'analyst'],
    ['otto', 'Amsterdam', 'analyst'],
    ['lea', 'Amsterdam', 'lead'],
    ['rob', 'Rotterdam', 'lead'],
    ['adm', 'Landelijke Eenheid', 'admin'],
  ] as const;
  for (const [name, unit, role] of people) {
    await addUser(env, name, unit, role);
    cookies[name] = await login(env, name);
  }
  const created = await call('ana', 'POST', '/api/cases', { number: '2026-AM-0100', title: 'Leden en sluiten' });
  expect(created.statusCode).toBe(201);
  caseId = created.json().id;
});
afterAll(() => env?.close());

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT';
function call(who: string, method: Method, url: string, payload?: object, lang?: string) {
  const headers = { cookie: cookies[who]!, ...(lang ? { 'accept-language': lang } : {}) };
  return env.app.inject({ method, url, payload, headers });
}
const members = async () => {
  const list = (await call('lea', 'GET', `/api/cases/${caseId}/members`)).json() as Array<{ username: string }>;
  return list.map((m) => m.username);
};
const upload = (who: string) =>
  env.app.inject({
    method: 'POST',
    url: `/api/cases/${caseId}/evidence?name=export.bin`,
    payload: Buffer.from(`synthetic export ${Date.now()}`),
    headers: { cookie: cookies[who]!, 'content-type': 'application/octet-stream' },
  });

describe('case members', () => {
  it('an analyst member cannot add or remove members; the answer says who can', async () => {
    const add = await call('ana', 'POST', `/api/cases/${caseId}/members`, { username: 'otto' });
    expect(add.statusCode).toBe(403);
    expect(add.json().message).toMatch(/Alleen teamleiders van Amsterdam en beheerders/);
    expect(
      (await call('ana', 'POST', `/api/cases/${caseId}/members`, { username: 'otto' }, 'en')).json().message,
    ).toMatch(/Only leads of Amsterdam and administrators/);
    expect(await members()).toEqual(['ana']);
  });

  it("the owning unit's lead and an admin manage members; a lead of another unit does not see the case", async () => {
    expect((await call('lea', 'POST', `/api/cases/${caseId}/members`, { username: 'otto' })).statusCode).toBe(200);
    expect((await call('otto', 'DELETE', `/api/cases/${caseId}/members/ana`)).statusCode).toBe(403);
    expect((await call('rob', 'POST', `/api/cases/${caseId}/members`, { username: 'rob' })).statusCode).toBe(404);
    expect((await call('adm', 'DELETE', `/api/cases/${caseId}/members/otto`)).statusCode).toBe(200);
    expect(await members()).toEqual(['ana']);
  });

  it('the last member cannot be removed, also not by two removals at once', async () => {
    const last = await call('lea', 'DELETE', `/api/cases/${caseId}/members/ana`);
    expect(last.statusCode).toBe(409);
    expect(last.json().message).toMatch(/laatste lid/);
    expect((await call('lea', 'POST', `/api/cases/${caseId}/members`, { username: 'otto' })).statusCode).toBe(200);
    const both = await Promise.all([
      call('lea', 'DELETE', `/api/cases/${caseId}/members/ana`),
      call('adm', 'DELETE', `/api/cases/${caseId}/members/otto`),
    ]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect((await members()).length).toBe(1);
    const remaining = (await members())[0]!;
    if (remaining !== 'ana') {
      expect((await call('lea', 'POST', `/api/cases/${caseId}/members`, { username: 'ana' })).statusCode).toBe(200);
    }
  });
});

describe('closed cases', () => {
  it('refuse uploads and other writes to their evidence, with a clear message, until reopened', async () => {
    expect((await call('lea', 'PATCH', `/api/cases/${caseId}`, { status: 'closed' })).statusCode).toBe(200);
    const refused = await upload('ana');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().message).toMatch(/Zaak 2026-AM-0100 is gesloten/);
    expect((await call('ana', 'GET', `/api/cases/${caseId}/evidence`)).json()).toEqual([]);
    const sha = 'a'.repeat(64);
    const categorise = await call(
      'ana',
      'POST',
      `/api/cases/${caseId}/media/categorise`,
      { sha256s: [sha], category: '1' },
      'en',
    );
    expect(categorise.statusCode).toBe(403);
    expect(categorise.json().message).toMatch(/Case 2026-AM-0100 is closed/);
    expect((await call('ana', 'PUT', `/api/cases/${caseId}/media/${sha}/notes`, { notes: 'x' })).statusCode).toBe(403);
    expect((await call('ana', 'POST', `/api/cases/${caseId}/rematch`)).statusCode).toBe(403);
    expect((await call('ana', 'GET', `/api/cases/${caseId}`)).statusCode).toBe(200);

    expect((await call('ana', 'PATCH', `/api/cases/${caseId}`, { status: 'open' })).statusCode).toBe(200);
    const accepted = await upload('ana');
    expect(accepted.statusCode).toBe(201);
    expect((await call('ana', 'GET', `/api/cases/${caseId}/evidence`)).json()).toHaveLength(1);
  });
});
