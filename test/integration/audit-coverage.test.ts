// Every action is audited: item listings (API pages and `spoor items`) and denied attempts (a plain 404 or 403 to
// the user, an `access.denied` entry with who, what and on what in the log). Rows are read back from the database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../server/services/actor.ts';
import { buildZip, gradientJpeg, sha256 } from '../fixtures/hostile-export.ts';
import { startWorkers, uploadEvidence, waitForEvidence } from './helpers/ingest.ts';
import { runCli } from './helpers/process.ts';
import { addUser, createTestEnv, login, type TestEnv } from './helpers/runtime.ts';

let env: TestEnv;
let caseId: string;
let evidenceId: string;
let imageSha: string;
const cookies: Record<string, string> = {};
const CASE = 'AM-AUDIT-1';
const NOWHERE = '00000000-0000-4000-8000-000000000000';

const call = (who: string, method: 'GET' | 'PATCH', url: string, payload?: object) =>
  env.app.inject({ method, url, headers: { cookie: cookies[who]! }, payload });

const audited = async (action: string, actor: string) =>
  (
    await env.runtime.pool.query('SELECT * FROM audit_log WHERE action = $1 AND actor_name = $2 ORDER BY id', [
      action,
      actor,
    ])
  ).rows;

beforeAll(async () => {
  env = await createTestEnv();
  await startWorkers(env);
  for (const [name, unit, role] of [
    ['ana', 'Amsterdam', 'analyst'],
    ['ovj', 'Amsterdam', 'prosecutor'],
    ['outsider', 'Rotterdam', 'analyst'],
  ] as const) {
    await addUser(env, name, unit, role);
    cookies[name] = await login(env, name);
  }
  const { cases } = env.runtime.services;
  caseId = (await cases.create(SYSTEM_ACTOR, { number: CASE, title: 'audit', unit: 'Amsterdam' })).id;
  for (const member of ['ana', 'ovj']) await cases.addMember(SYSTEM_ACTOR, caseId, member);
  const images = await Promise.all([1, 2, 3, 4, 5].map((seed) => gradientJpeg(seed, 80, 60)));
  imageSha = sha256(images[0]!);
  const zip = buildZip([
    ...images.map((data, i) => ({ name: `dcim/${i}.jpg`, data })),
    { name: 'broken/cut.jpg', data: images[0]!.subarray(0, 300) },
  ]);
  const upload = await uploadEvidence(env, cookies.ana!, caseId, 'export.zip', zip);
  expect(upload.statusCode, upload.body).toBe(201);
  evidenceId = upload.json().id;
  await waitForEvidence(env, evidenceId);
});
afterAll(() => env.close());

describe('item listings are audited, one entry per page asked for', () => {
  it('GET /api/cases/:id/items', async () => {
    const counts: number[] = [];
    for (let after = 0; ;) {
      const page = await call('ana', 'GET', `/api/cases/${caseId}/items?after=${after}&limit=2`);
      expect(page.statusCode).toBe(200);
      counts.push(page.json().items.length);
      if (page.json().next === null) break;
      after = page.json().next;
    }
    const rows = await audited('items.list', 'ana');
    expect(rows).toHaveLength(counts.length);
    expect(rows.map((r) => r.details.count)).toEqual(counts);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(6);
    expect(rows[0]).toMatchObject({
      case_id: caseId,
      target_type: 'case',
      target_id: CASE,
      details: { after: 0, limit: 2 },
    });
  });

  it('GET /api/cases/:id/item-errors', async () => {
    const page = await call('ovj', 'GET', `/api/cases/${caseId}/item-errors`);
    expect(page.statusCode).toBe(200);
    expect(page.json().items).toHaveLength(1);
    const rows = await audited('items.errors.list', 'ovj');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ case_id: caseId, details: { after: 0, count: 1 } });
  });

  it('spoor items (the CLI), once per run', async () => {
    const cli = runCli(['items', '--case', CASE], { DATABASE_URL: env.databaseUrl, SPOOR_DATA_DIR: env.dataDir });
    expect(cli.status, cli.stderr).toBe(0);
    expect(cli.stdout.trim().split('\n')).toHaveLength(6);
    const rows = await audited('items.list', 'admin');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ case_id: caseId, details: { all: true, ip: expect.stringMatching(/^cli:/) } });
  });
});

describe('denied attempts are audited, and the answer tells the user nothing new', () => {
  it('a case, its items, evidence or media one may not open: a plain 404 and an access.denied entry', async () => {
    const missing = await call('outsider', 'GET', `/api/cases/${NOWHERE}/items`);
    const attempts = [
      [`/api/cases/${caseId}/items`, 'GET /api/cases/:id/items', 'case', caseId],
      [`/api/cases/${caseId}`, 'GET /api/cases/:id', 'case', caseId],
      [`/api/evidence/${evidenceId}/progress`, 'GET /api/evidence/:id/progress', 'evidence', evidenceId],
      [`/api/cases/${caseId}/media/${imageSha}`, 'GET /api/cases/:id/media/:sha256', 'case', caseId],
      [`/api/cases/${NOWHERE}/items`, 'GET /api/cases/:id/items', 'case', NOWHERE],
    ] as const;
    for (const [url] of attempts) {
      const denied = await call('outsider', 'GET', url);
      expect(denied.statusCode).toBe(404);
      expect(denied.json()).toEqual(missing.json());
    }
    const rows = (await audited('access.denied', 'outsider')).slice(1);
    expect(rows).toHaveLength(attempts.length);
    attempts.forEach(([, tried, targetType, targetId], i) => {
      expect(rows[i]).toMatchObject({ target_type: targetType, target_id: targetId, details: { tried, status: 404 } });
      expect(rows[i].actor_id).not.toBeNull();
    });
    expect(rows[3].details.params).toEqual({ id: caseId, sha256: imageSha });
  });

  it('a refused write (403) is audited as denied too; allowed reads are not', async () => {
    const refused = await call('ovj', 'PATCH', `/api/cases/${caseId}`, { title: 'renamed' });
    expect(refused.statusCode).toBe(403);
    expect(await audited('access.denied', 'ovj')).toEqual([
      expect.objectContaining({
        target_type: 'case',
        target_id: caseId,
        details: expect.objectContaining({ tried: 'PATCH /api/cases/:id', status: 403 }),
      }),
    ]);
    expect((await call('ana', 'GET', `/api/cases/${caseId}`)).statusCode).toBe(200);
    expect(await audited('access.denied', 'ana')).toEqual([]);
    expect(await env.runtime.services.audit.verify()).toMatchObject({ ok: true });
  });
});
