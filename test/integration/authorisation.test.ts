// The need-to-know matrix: who may open a case, and what everyone else sees (404, never 403).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, createTestEnv, login, type TestEnv } from './helpers/runtime.ts';

let env: TestEnv;
let caseId: string;
const cookies: Record<string, string> = {};

const USERS = [
  ['admin1', 'Landelijke Eenheid', 'admin'],
  ['member', 'Amsterdam', 'analyst'],
  ['colleague', 'Amsterdam', 'analyst'],
  ['amslead', 'Amsterdam', 'lead'],
  ['rtmlead', 'Rotterdam', 'lead'],
  ['outsider', 'Rotterdam', 'analyst'],
  ['ovj', 'Amsterdam', 'prosecutor'],
  ['ovj2', 'Amsterdam', 'prosecutor'],
] as const;

beforeAll(async () => {
  env = await createTestEnv();
  for (const [name, unit, role] of USERS) await addUser(env, name, unit, role);
  for (const [name] of USERS) cookies[name] = await login(env, name);
  const created = await env.app.inject({
    method: 'POST',
    url: '/api/cases',
    headers: { cookie: cookies.member },
    payload: { number: '2026-AM-0042', title: 'Operatie Spoorzoeker' },
  });
  expect(created.statusCode).toBe(201);
  caseId = created.json().id;
  // Members are managed by the owning unit's lead (or an admin), not by the analyst who created the case.
  const added = await env.app.inject({
    method: 'POST',
    url: `/api/cases/${caseId}/members`,
    headers: { cookie: cookies.amslead },
    payload: { username: 'ovj' },
  });
  expect(added.statusCode).toBe(200);
});
afterAll(() => env.close());

const call = (who: string, method: 'GET' | 'PATCH' | 'POST', url: string, payload?: object) =>
  env.app.inject({ method, url, headers: { cookie: cookies[who]! }, payload });

// who → [GET case, GET members, PATCH case, POST member, sees it in the list]
const matrix: Record<string, [number, number, number, number, boolean]> = {
  admin1: [200, 200, 200, 200, true],
  member: [200, 200, 200, 403, true],
  amslead: [200, 200, 200, 200, true],
  colleague: [404, 404, 404, 404, false],
  rtmlead: [404, 404, 404, 404, false],
  outsider: [404, 404, 404, 404, false],
  ovj: [200, 200, 403, 403, true],
  ovj2: [404, 404, 404, 404, false],
};

describe('case authorisation matrix', () => {
  for (const [who, [get, members, patch, addMember, listed]] of Object.entries(matrix)) {
    it(`${who}: open ${get}, members ${members}, update ${patch}, add member ${addMember}, listed ${listed}`, async () => {
      expect((await call(who, 'GET', `/api/cases/${caseId}`)).statusCode).toBe(get);
      expect((await call(who, 'GET', `/api/cases/${caseId}/members`)).statusCode).toBe(members);
      expect((await call(who, 'PATCH', `/api/cases/${caseId}`, { title: `renamed by ${who}` })).statusCode).toBe(patch);
      expect((await call(who, 'POST', `/api/cases/${caseId}/members`, { username: 'colleague' })).statusCode).toBe(
        addMember,
      );
      if (addMember === 200)
        await env.runtime.services.cases.removeMember(
          { id: null, username: 'system', role: 'admin', unitId: 0 },
          caseId,
          'colleague',
        );
      const list = (await call(who, 'GET', '/api/cases')).json() as Array<{ id: string }>;
      expect(list.some((c) => c.id === caseId)).toBe(listed);
    });
  }

  it('a missing case and a forbidden case are indistinguishable', async () => {
    const missing = await call('outsider', 'GET', '/api/cases/00000000-0000-4000-8000-000000000000');
    const hidden = await call('outsider', 'GET', `/api/cases/${caseId}`);
    expect(missing.statusCode).toBe(404);
    expect(hidden.json()).toEqual(missing.json());
  });

  it('prosecutors cannot create cases, analysts cannot create them for another unit', async () => {
    expect((await call('ovj', 'POST', '/api/cases', { number: 'X-1', title: 't' })).statusCode).toBe(403);
    expect(
      (await call('outsider', 'POST', '/api/cases', { number: 'X-2', title: 't', unit: 'Amsterdam' })).statusCode,
    ).toBe(403);
  });

  it('only admins manage accounts and verify the audit chain', async () => {
    expect(
      (await call('amslead', 'POST', '/api/users', { username: 'newbie', unit: 'Amsterdam', role: 'analyst' }))
        .statusCode,
    ).toBe(403);
    const created = await call('admin1', 'POST', '/api/users', {
      username: 'newbie',
      unit: 'Amsterdam',
      role: 'analyst',
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().password).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
    expect((await call('member', 'GET', '/api/audit/verify')).statusCode).toBe(403);
    expect((await call('admin1', 'GET', '/api/audit/verify')).json()).toMatchObject({ ok: true });
  });

  it('case members see the case audit trail; outsiders get 404', async () => {
    const trail = await call('member', 'GET', `/api/audit?caseId=${caseId}`);
    expect(trail.statusCode).toBe(200);
    expect((trail.json() as Array<{ action: string }>).map((e) => e.action)).toEqual(
      expect.arrayContaining(['case.create', 'case.member.add', 'case.update']),
    );
    expect((await call('outsider', 'GET', `/api/audit?caseId=${caseId}`)).statusCode).toBe(404);
  });
});
