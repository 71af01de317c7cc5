// Hubs and public selectors on real PostgreSQL: a number shared by twelve otherwise unrelated meldingen of six units
// is held for review instead of linking them (and the links it made before it crossed the limit are undone); an
// administrator declares it an offender's (it links after all) or public (never links); the public list keeps an
// administrator's removal across the start-up seed; concurrent extractions still make one cluster.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../server/services/actor.ts';
import { clustersRepo } from '../../storage/repositories/clusters.repository.ts';
import { seedPublicSelectors } from '../../workers/reports/seed-public.ts';
import { hubScenario, type ScenarioMelding } from '../fixtures/report-scenario.ts';
import { extractor, registerAll, type Extractor } from './helpers/linking.ts';
import { addUser, createTestEnv, login, PASSWORD, type TestEnv } from './helpers/runtime.ts';

let env: TestEnv;
let extract: Extractor;
const cookies: Record<string, string> = {};
const HUB = '+31612345650';

const call = (who: string, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) =>
  env.app.inject({ method, url, payload, headers: { cookie: cookies[who]! } });
const rows = async <T>(text: string, values: unknown[] = []) =>
  (await env.runtime.pool.query(text, values)).rows as T[];
const clusterSizes = async (value: string) =>
  (
    await rows<{ n: number }>(
      `SELECT count(*)::int AS n FROM reports r WHERE r.cluster_id IS NOT NULL AND EXISTS (SELECT 1 FROM
        selector_occurrences o WHERE o.report_id = r.id AND o.value = $1) GROUP BY r.cluster_id ORDER BY 1`,
      [value],
    )
  ).map((r) => r.n);
const links = async (value: string) =>
  (await rows<{ n: number }>('SELECT count(*)::int AS n FROM report_links WHERE value = $1', [value]))[0]!.n;
const openSignals = async () =>
  (await rows<{ n: number }>("SELECT count(*)::int AS n FROM signals WHERE state <> 'closed'"))[0]!.n;

beforeAll(async () => {
  env = await createTestEnv();
  await addUser(env, 'adm', 'LE', 'admin');
  await env.runtime.services.users.create(SYSTEM_ACTOR, {
    username: 'fo-am',
    unit: 'AM',
    role: 'frontoffice',
    password: PASSWORD,
  });
  for (const who of ['adm', 'fo-am']) cookies[who] = await login(env, who);
  extract = extractor(env);
  await registerAll(env.app, cookies.adm!, extract.run, hubScenario());
}, 180_000);
afterAll(async () => {
  await extract?.close();
  await env?.close();
});

describe('hubs', () => {
  it('holds a number in 12 unrelated meldingen of 6 units for review, and undoes the links it made', async () => {
    expect(await links(HUB)).toBe(0);
    expect(await clusterSizes(HUB)).toEqual([]);
    const hubs = (await call('adm', 'GET', '/api/selectors/hubs?state=review')).json().hubs;
    expect(hubs).toEqual([expect.objectContaining({ type: 'phone', value: HUB, state: 'review', units: 6 })]);
    expect(hubs[0].reports).toBeGreaterThan(10);
    // The signals the first ten raised had nothing left to work on: closed, with the reason, and audited.
    expect(await openSignals()).toBe(0);
    const auto = await rows("SELECT 1 FROM audit_log WHERE action = 'signal.close.auto'");
    expect(auto.length).toBeGreaterThan(0);
    expect(await rows("SELECT 1 FROM audit_log WHERE action = 'selector-hub.flag'")).toHaveLength(1);
  });

  it('is for administrators only', async () => {
    const res = await call('fo-am', 'GET', '/api/selectors/hubs');
    expect(res.statusCode).toBe(403);
    expect(res.json().message).toContain('beheerder');
  });

  it("links after all when an administrator declares it an offender's, raising the signals once", async () => {
    const res = await call('adm', 'POST', '/api/selectors/hubs/decide', { selector: '06-12345650', state: 'offender' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ type: 'phone', value: HUB, state: 'offender', linked: 66 });
    expect(await clusterSizes(HUB)).toEqual([12]);
    const raised = await rows<{ code: string; reason: string }>(
      `SELECT un.code, s.reason_code AS reason FROM signals s JOIN units un ON un.id = s.unit_id
       WHERE s.state = 'open' ORDER BY 1, 2`,
    );
    expect(raised.map((r) => `${r.code} ${r.reason}`)).toEqual([
      'AM cross-unit',
      'DH cross-unit',
      'DH three-or-more',
      'MN cross-unit',
      'NH cross-unit',
      'NN cross-unit',
      'ON cross-unit',
    ]);
  });

  it('a new melding with it joins the series now, and is no longer held', async () => {
    const more: ScenarioMelding = { ...hubScenario()[0]!, number: 'HUB-13', unit: 'LB' };
    await registerAll(env.app, cookies.adm!, extract.run, [more]);
    expect(await clusterSizes(HUB)).toEqual([13]);
  });
});

describe('the public-selector list', () => {
  it('unlinks what an administrator makes public, and links it again when taken off', async () => {
    const add = await call('adm', 'POST', '/api/selectors/public', { selector: '+31 6 1234 5650', note: 'Webwinkel' });
    expect(add.json()).toEqual({ type: 'phone', value: HUB, changed: true, links: 78 });
    expect(await clusterSizes(HUB)).toEqual([]);
    expect(await openSignals()).toBe(0);
    const remove = await call('adm', 'DELETE', `/api/selectors/public/phone/${encodeURIComponent(HUB)}`);
    expect(remove.json()).toEqual({ type: 'phone', value: HUB, changed: true, links: 78 });
    expect(await clusterSizes(HUB)).toEqual([13]);
  });

  it("keeps an administrator's removal across the start-up seed, and audits every edit", async () => {
    const listed = async () =>
      ((await call('adm', 'GET', '/api/selectors/public')).json().selectors as Array<{ value: string }>).map(
        (s) => s.value,
      );
    expect(await listed()).toContain('+319008844');
    expect((await call('adm', 'DELETE', '/api/selectors/public/phone/0900-8844')).json().changed).toBe(true);
    await seedPublicSelectors(env.runtime.pool);
    expect(await listed()).not.toContain('+319008844');
    expect((await call('adm', 'POST', '/api/selectors/public', { selector: '0900 8844' })).json().changed).toBe(true);
    expect(await listed()).toContain('+319008844');
    const actions = await rows<{ action: string }>(
      "SELECT action FROM audit_log WHERE actor_name = 'adm' AND target_type = 'selector' ORDER BY id",
    );
    expect(actions.map((a) => a.action)).toEqual([
      'selector-hub.decide',
      'public-selector.add',
      'public-selector.remove',
      'public-selector.remove',
      'public-selector.add',
    ]);
  });

  it('refuses non-administrators and what is no selector, saying what to do', async () => {
    expect((await call('fo-am', 'POST', '/api/selectors/public', { selector: '06-12345651' })).statusCode).toBe(403);
    const bad = await call('adm', 'POST', '/api/selectors/public', { selector: 'iets', type: 'iban' });
    expect(bad.statusCode).toBe(400);
  });
});

describe('concurrent extractions', () => {
  it('end in one cluster however they interleave', async () => {
    const series = Array.from({ length: 8 }, (_, i) => ({
      unit: ['AM', 'RT', 'ON', 'MN'][i % 4]!,
      number: `PAR-${i + 1}`,
      received: '2026-11-01',
      victimMinor: false,
      text: `De dader mailde vanaf par.dader@example.com en noemde zich @par_dader_${i % 2}.`,
    }));
    const ids = await registerAll(env.app, cookies.adm!, async () => undefined, series);
    await Promise.all([...ids.values()].map((id) => extract.run(id)));
    expect(await clusterSizes('par.dader@example.com')).toEqual([8]);
  });

  it('wait for one another: linking holds one lock until its transaction ends', async () => {
    const late = {
      unit: 'NN',
      number: 'PAR-9',
      received: '2026-11-02',
      victimMinor: false,
      text: 'Van par.dader@example.com.',
    };
    const ids = await registerAll(env.app, cookies.adm!, async () => undefined, [late]);
    const holder = await env.runtime.pool.connect();
    let finished = false;
    try {
      await holder.query('BEGIN');
      await clustersRepo(holder).lockLinking();
      const running = extract.run(ids.get('PAR-9')!).then(() => (finished = true));
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(finished).toBe(false);
      await holder.query('COMMIT');
      await running;
    } finally {
      holder.release();
    }
    expect(await clusterSizes('par.dader@example.com')).toEqual([9]);
  });
});
