// "Mogelijk hetzelfde slachtoffer": media attached to a victim in one case that match media in other cases give
// those cases' leads a suggestion, under need-to-know (hit/no-hit for a case they may not open), audited when shown
// and when decided; an unrelated user sees nothing. Real app, queue, workers and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Suggestion } from '../../server/schemas/subjects.ts';
import { buildZip, sha256 } from '../fixtures/hostile-export.ts';
import { scenePhoto } from '../fixtures/photos.ts';
import { startWorkers, uploadEvidence, waitForEvidence } from './helpers/ingest.ts';
import { addUser, createTestEnv, login, type TestEnv } from './helpers/runtime.ts';

let env: TestEnv;
const cookies: Record<string, string> = {};
const cases: Record<string, string> = {};
let shared: Buffer;
let victimId: string;

const USERS = [
  ['ana', 'Amsterdam', 'analyst'],
  ['amslead', 'Amsterdam', 'lead'],
  ['rtmana', 'Rotterdam', 'analyst'],
  ['rtmlead', 'Rotterdam', 'lead'],
  ['dhlead', 'Den Haag', 'lead'],
] as const;

type Method = 'GET' | 'POST';
const api = (who: string, method: Method, url: string, payload?: unknown) =>
  env.app.inject({ method, url, headers: { cookie: cookies[who]! }, payload: payload as never });
const audited = async (action: string, actor: string) =>
  (
    await env.runtime.pool.query('SELECT * FROM audit_log WHERE action = $1 AND actor_name = $2 ORDER BY id', [
      action,
      actor,
    ])
  ).rows;

async function settle<T>(read: () => Promise<T | null | undefined | false>, timeoutMs = 30_000): Promise<T> {
  for (const deadline = Date.now() + timeoutMs; ;) {
    const value = await read();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 150));
  }
}

async function ingestCase(who: string, number: string, files: Buffer[]) {
  const id = (await api(who, 'POST', '/api/cases', { number, title: number })).json().id as string;
  const zip = buildZip(files.map((data, i) => ({ name: `DCIM/${number}-${i}.jpg`, data })));
  const upload = await uploadEvidence(env, cookies[who]!, id, 'phone.zip', zip);
  expect(upload.statusCode, upload.body).toBe(201);
  await waitForEvidence(env, upload.json().id);
  cases[number] = id;
  return id;
}

const suggestionsOf = async (who: string, state = 'open') =>
  (await api(who, 'GET', `/api/suggestions?state=${state}`)).json().suggestions as Suggestion[];

beforeAll(async () => {
  env = await createTestEnv();
  await startWorkers(env);
  for (const [name, unit, role] of USERS) {
    await addUser(env, name, unit, role);
    cookies[name] = await login(env, name);
  }
  shared = await scenePhoto(4242);
  await ingestCase('ana', 'AM-SRC-1', [shared, await scenePhoto(4243)]);
  await ingestCase('rtmana', 'RT-DST-1', [shared, await scenePhoto(4244)]);
  // The two cases are linked through the shared photo before anyone records a victim.
  await settle(async () => {
    const q = "SELECT 1 FROM matches WHERE case_id = $1 AND other_case_id = $2 AND target_type = 'case'";
    return (await env.runtime.pool.query(q, [cases['AM-SRC-1'], cases['RT-DST-1']])).rowCount;
  });
  const victim = await api('ana', 'POST', `/api/cases/${cases['AM-SRC-1']}/victims`, { label: 'S-07' });
  victimId = victim.json().id;
  const attach = `/api/cases/${cases['AM-SRC-1']}/victims/${victimId}/attach`;
  expect((await api('ana', 'POST', attach, { sha256s: [sha256(shared)] })).json().changed).toBe(1);
}, 180_000);
afterAll(() => env.close());

describe('suggestions from a victim to the leads of other cases', () => {
  it('gives the other unit’s lead a hit/no-hit suggestion with the link into their own case', async () => {
    const [s, ...more] = await settle(
      async () => (await suggestionsOf('rtmlead')).length > 0 && suggestionsOf('rtmlead'),
    );
    expect(more).toEqual([]);
    expect(s).toMatchObject({
      state: 'open',
      kind: 'victim',
      case: { id: cases['RT-DST-1'], number: 'RT-DST-1' },
      source: { number: 'AM-SRC-1', unit: 'Amsterdam', visible: false, caseId: null, label: null, identified: null },
      links: [{ sha256: null, otherSha256: sha256(shared), kind: 'exact', distance: 0 }],
      linkCount: 1,
    });
    expect(s.source.contact).toMatch(/amslead/i);
    const [view] = await audited('suggestion.view', 'rtmlead');
    expect(view).toMatchObject({ case_id: cases['RT-DST-1'], details: { ids: [s.id], hidden: 1 } });
  });

  it('shows nothing to an analyst of that case, to a lead of an unrelated unit, or to the source’s lead', async () => {
    for (const who of ['rtmana', 'dhlead', 'amslead', 'ana']) expect(await suggestionsOf(who, 'all'), who).toEqual([]);
    expect(await audited('suggestion.view', 'dhlead')).toEqual([]);
  });

  it('reaches a case ingested later, through matching; a lead who may open the source sees it whole', async () => {
    await ingestCase('ana', 'AM-DST-2', [shared]);
    const [s] = await settle(async () => (await suggestionsOf('amslead')).length > 0 && suggestionsOf('amslead'));
    expect(s).toMatchObject({
      case: { number: 'AM-DST-2' },
      source: { number: 'AM-SRC-1', visible: true, caseId: cases['AM-SRC-1'], label: 'S-07', identified: false },
      links: [{ sha256: sha256(shared), otherSha256: sha256(shared), kind: 'exact' }],
    });
    expect((await suggestionsOf('rtmlead')).map((x) => x.case.number)).toEqual(['RT-DST-1']);
  }, 120_000);

  it('is dismissed or accepted only by its recipient, audited', async () => {
    const [mine] = await suggestionsOf('rtmlead');
    expect((await api('dhlead', 'POST', `/api/suggestions/${mine!.id}/dismiss`)).statusCode).toBe(404);
    expect((await api('rtmana', 'POST', `/api/suggestions/${mine!.id}/accept`)).statusCode).toBe(404);
    const dismissed = await api('rtmlead', 'POST', `/api/suggestions/${mine!.id}/dismiss`);
    expect(dismissed.statusCode, dismissed.body).toBe(200);
    expect(dismissed.json()).toMatchObject({ state: 'dismissed', source: { visible: false, label: null } });
    expect(await suggestionsOf('rtmlead')).toEqual([]);
    expect((await suggestionsOf('rtmlead', 'dismissed')).map((x) => x.id)).toEqual([mine!.id]);
    const [entry] = await audited('suggestion.dismiss', 'rtmlead');
    expect(entry).toMatchObject({ case_id: cases['RT-DST-1'], target_id: String(mine!.id) });
  });

  it('withdraws open suggestions when the media is detached, and keeps decided ones on record', async () => {
    const detach = `/api/cases/${cases['AM-SRC-1']}/victims/${victimId}/detach`;
    expect((await api('ana', 'POST', detach, { sha256s: [sha256(shared)] })).json().changed).toBe(1);
    await settle(async () => (await suggestionsOf('amslead')).length === 0);
    expect((await suggestionsOf('rtmlead', 'dismissed')).map((x) => x.case.number)).toEqual(['RT-DST-1']);
  });
});
