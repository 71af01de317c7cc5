// An administrator's decision on a selector reaches the cases too, on real PostgreSQL, the real workers and real
// OCR of a seized chat screenshot: a number read from case media that an administrator declares a public hub stops
// linking the case to the melding carrying it (audited per case), declaring it an offender's links them again, and
// the public-selector list does the same.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../server/services/actor.ts';
import { hubsRepo } from '../../storage/repositories/hubs.repository.ts';
import { buildZip } from '../fixtures/hostile-export.ts';
import { offenderChat, renderChatScreenshot } from '../fixtures/screenshots.ts';
import { startWorkers, uploadEvidence, waitForEvidence } from './helpers/ingest.ts';
import { addUser, createTestEnv, login, type TestEnv } from './helpers/runtime.ts';

let env: TestEnv;
const cookies: Record<string, string> = {};
const ids: Record<string, string> = {};
const OFFENDER = '+31612345678';

const api = (who: string, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) =>
  env.app.inject({ method, url, payload, headers: { cookie: cookies[who]! } });
const rows = async (text: string, values: unknown[] = []) => (await env.runtime.pool.query(text, values)).rows;
const caseLinks = () => rows('SELECT report_id, type, value FROM case_report_links WHERE case_id = $1', [ids.case]);
const audited = async (action: string) =>
  rows('SELECT details FROM audit_log WHERE action = $1 AND case_id = $2 ORDER BY id', [action, ids.case]);

async function waitUntil(check: () => Promise<boolean>, what: string, timeoutMs = 180_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

beforeAll(async () => {
  env = await createTestEnv();
  await startWorkers(env);
  for (const [name, unit, role] of [
    ['adm', 'Landelijke Eenheid', 'admin'],
    ['ana', 'Amsterdam', 'analyst'],
    ['fo-rt', 'Rotterdam', 'frontoffice'],
  ] as const) {
    await addUser(env, name, unit, role);
    cookies[name] = await login(env, name);
  }
  const payload = { number: 'RT-2026-0412', received: '2026-11-20', offence: 'sextortion', victimMinor: true };
  const melding = await api('fo-rt', 'POST', '/api/reports', {
    ...payload,
    aangifte: false,
    text: 'Belde 06-12345678.',
  });
  expect(melding.statusCode, melding.body).toBe(201);
  ids.report = melding.json().id;
  await waitUntil(async () => (await api('fo-rt', 'GET', `/api/reports/${ids.report}`)).json().status === 'done', 'x');
  const { cases } = env.runtime.services;
  ids.case = (await cases.create(SYSTEM_ACTOR, { number: 'AM-HUB-1', title: 'Hub', unit: 'Amsterdam' })).id;
  await cases.addMember(SYSTEM_ACTOR, ids.case, 'ana');
  const chat = await renderChatScreenshot({ theme: 'light', font: 'sans', messages: offenderChat() });
  const upload = await uploadEvidence(
    env,
    cookies.ana!,
    ids.case,
    'telefoon.zip',
    buildZip([{ name: 'c.png', data: chat }]),
  );
  expect(upload.statusCode, upload.body).toBe(201);
  await waitForEvidence(env, upload.json().id);
  await waitUntil(async () => (await caseLinks()).length > 0, 'the case to be read and linked');
  // Held for review, as linking holds a value seen in too many otherwise unrelated meldingen.
  await hubsRepo(env.runtime.pool).flag('phone', OFFENDER, { reports: 12, units: 6 });
}, 300_000);
afterAll(() => env?.close());

describe("an administrator's hub decision and the cases", () => {
  it('declared public: the case no longer links to the melding, audited for the case and the decision', async () => {
    expect(await caseLinks()).toEqual([{ report_id: ids.report, type: 'phone', value: OFFENDER }]);
    const res = await api('adm', 'POST', '/api/selectors/hubs/decide', { selector: '06-12345678', state: 'public' });
    expect(res.statusCode, res.body).toBe(200);
    expect(await caseLinks()).toEqual([]);
    const removed = await audited('case-link.remove');
    expect(removed.map((r) => r.details)).toEqual([
      { links: [{ melding: ids.report, type: 'phone', value: OFFENDER }] },
    ]);
    const decision = await rows("SELECT details FROM audit_log WHERE action = 'selector-hub.decide' ORDER BY id");
    expect(decision.at(-1)!.details).toMatchObject({ to: 'public', caseUnlinked: 1, caseLinked: 0 });
    const selectors = (await api('ana', 'GET', `/api/cases/${ids.case}/selectors`)).json().selectors;
    expect(selectors.find((s: { value: string }) => s.value === OFFENDER).reports).toEqual([]);
  });

  it("declared an offender's: the case links to the melding again, audited", async () => {
    const res = await api('adm', 'POST', '/api/selectors/hubs/decide', { selector: '06-12345678', state: 'offender' });
    expect(res.statusCode, res.body).toBe(200);
    expect(await caseLinks()).toEqual([{ report_id: ids.report, type: 'phone', value: OFFENDER }]);
    expect(await audited('case-link.add')).toHaveLength(2);
    const decision = await rows("SELECT details FROM audit_log WHERE action = 'selector-hub.decide' ORDER BY id");
    expect(decision.at(-1)!.details).toMatchObject({ to: 'offender', caseLinked: 1, caseUnlinked: 0 });
    const selectors = (await api('ana', 'GET', `/api/cases/${ids.case}/selectors`)).json().selectors;
    const phone = selectors.find((s: { value: string }) => s.value === OFFENDER);
    expect(phone.reports.map((r: { number: string }) => r.number)).toEqual(['RT-2026-0412']);
  });

  it('the public-selector list unlinks the case and, taken off again, links it again', async () => {
    const add = await api('adm', 'POST', '/api/selectors/public', { selector: '06-12345678', note: 'Winkel' });
    expect(add.statusCode, add.body).toBe(200);
    expect(await caseLinks()).toEqual([]);
    expect(await audited('case-link.remove')).toHaveLength(2);
    const remove = await api('adm', 'DELETE', `/api/selectors/public/phone/${encodeURIComponent(OFFENDER)}`);
    expect(remove.statusCode, remove.body).toBe(200);
    expect(await caseLinks()).toEqual([{ report_id: ids.report, type: 'phone', value: OFFENDER }]);
    expect(await audited('case-link.add')).toHaveLength(3);
  });
});
