// Linking meldingen on real PostgreSQL through the real extraction job: a generated scenario of three offenders
// whose selectors are written differently in different units, with decoys (helplines, a platform's bare domain, the
// victim's and reporter's own number) and near-misses. Asserts the exact clusters and signals, that nothing else
// links, the frontoffice's need-to-know view of another unit's meldingen, the steps on a signal, "lijkt op" hints,
// lookup by selector, and the CLI views.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../server/services/actor.ts';
import { EXPECTED, OFFENDER, reportScenario } from '../fixtures/report-scenario.ts';
import { dutchIban } from '../fixtures/screenshots.ts';
import { extractor, registerAll, type Extractor } from './helpers/linking.ts';
import { runCli } from './helpers/process.ts';
import { addUser, createTestEnv, login, PASSWORD, type TestEnv } from './helpers/runtime.ts';

let env: TestEnv;
let extract: Extractor;
let ids: Map<string, string>;
const cookies: Record<string, string> = {};
const PHONE_A = '+31612345601';

const call = (who: string, method: 'GET' | 'POST', url: string, payload?: object) =>
  env.app.inject({ method, url, payload, headers: { cookie: cookies[who]! } });
const rows = async <T>(text: string, values: unknown[] = []) =>
  (await env.runtime.pool.query(text, values)).rows as T[];
const spoor = (...args: string[]) => runCli(args, { DATABASE_URL: env.databaseUrl, SPOOR_DATA_DIR: env.dataDir });

beforeAll(async () => {
  env = await createTestEnv();
  const { users } = env.runtime.services;
  for (const [username, unit, contact] of [
    ['fo-am', 'AM', 'Frontoffice Amsterdam'],
    ['fo-on', 'ON', 'Frontoffice Oost-Nederland'],
    ['fo-on2', 'ON', null],
    ['fo-rt', 'RT', 'Frontoffice Rotterdam'],
  ] as const) {
    await users.create(SYSTEM_ACTOR, { username, unit, role: 'frontoffice', password: PASSWORD, contact });
  }
  await addUser(env, 'ana-am', 'AM', 'analyst');
  await addUser(env, 'adm', 'LE', 'admin');
  for (const who of ['fo-am', 'fo-on', 'fo-rt', 'ana-am', 'adm']) cookies[who] = await login(env, who);
  extract = extractor(env);
  ids = await registerAll(env.app, cookies.adm!, extract.run, reportScenario());
}, 180_000);
afterAll(async () => {
  await extract?.close();
  await env?.close();
});

type Signal = { id: number; unit: string; reasonCode: string; reason: { nl: string; en: string }; priority: number };
const signals = async (who: string) => (await call(who, 'GET', '/api/signals')).json().signals as Signal[];
const signalOf = async (who: string, unit: string, code: string) =>
  (await signals(who)).find((s) => s.unit === unit && s.reasonCode === code)!;

describe('clusters', () => {
  it('links exactly the three series, each written differently in its units', async () => {
    const clusters = await rows<{ numbers: string[] }>(
      `SELECT array_agg(number ORDER BY number) AS numbers FROM reports WHERE cluster_id IS NOT NULL
       GROUP BY cluster_id ORDER BY min(number)`,
    );
    expect(clusters.map((c) => c.numbers)).toEqual(EXPECTED.clusters);
  });

  it('never links a decoy or a near-miss: the only linking values are the offenders own', async () => {
    const values = await rows<{ type: string; value: string }>(
      'SELECT DISTINCT type, value FROM report_links ORDER BY type, value',
    );
    expect(values).toEqual([
      { type: 'email', value: OFFENDER.b.email },
      { type: 'handle', value: OFFENDER.b.handle.toLowerCase() },
      { type: 'iban', value: OFFENDER.c.iban },
      { type: 'phone', value: PHONE_A },
      { type: 'url', value: OFFENDER.c.pay },
    ]);
    const alone = await rows<{ number: string }>('SELECT number FROM reports WHERE cluster_id IS NULL ORDER BY 1');
    expect(alone.map((r) => r.number)).toEqual(['LB-2026-0601', 'NN-2026-0901', 'OB-2026-0701', 'ZWB-2026-0801']);
  });

  it('prints the clusters and the occurrences as JSON on the command line, by melding number', () => {
    const clusters = spoor('report', 'clusters', '--json');
    expect(clusters.status, clusters.stderr).toBe(0);
    const printed = JSON.parse(clusters.stdout) as { clusters: Array<{ reports: string[]; links: object[] }> };
    expect(printed.clusters.map((c) => c.reports)).toEqual(EXPECTED.clusters);
    expect(printed.clusters[0]!.links).toContainEqual({
      a: expect.any(String),
      b: expect.any(String),
      type: 'phone',
      value: PHONE_A,
    });
    const selectors = spoor('report', 'selectors', '--report', 'RT-2026-0201', '--json');
    expect(selectors.status, selectors.stderr).toBe(0);
    const lines = selectors.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toContainEqual(
      expect.objectContaining({ report: 'RT-2026-0201', type: 'phone', value: PHONE_A, surface: '0031612345601' }),
    );
    expect(lines).toContainEqual(
      expect.objectContaining({ type: 'phone', value: '+319008844', public: true, source: 'text', attachment: null }),
    );
  });
});

describe('signals', () => {
  it('raises one per cluster, unit and reason: cross-unit for each unit, three-or-more for the third', async () => {
    const raised = await rows<{ code: string; reason: string }>(
      `SELECT un.code, s.reason_code AS reason FROM signals s JOIN units un ON un.id = s.unit_id ORDER BY 1, 2`,
    );
    expect(raised.map((r) => [r.code, r.reason])).toEqual(EXPECTED.signals);
    expect(await signals('adm')).toHaveLength(EXPECTED.signals.length);
    const printed = spoor('signals', '--json');
    expect(printed.status, printed.stderr).toBe(0);
    expect((JSON.parse(printed.stdout) as { signals: unknown[] }).signals).toHaveLength(EXPECTED.signals.length);
  });

  it('gives each unit a sentence about its own melding and a value it has itself', async () => {
    expect((await signalOf('fo-am', 'Amsterdam', 'cross-unit')).reason.nl).toMatch(
      /^Melding AM-2026-000[12] deelt .+ met 1 melding van eenheid (Oost-Nederland|Midden-Nederland)\.$/,
    );
    const rt = await signalOf('fo-rt', 'Rotterdam', 'three-or-more');
    expect(rt.reason.nl).toBe(
      `Melding RT-2026-0201 deelt telefoonnummer ${PHONE_A} met 1 melding van eenheid Amsterdam en 1 melding van ` +
        'eenheid Oost-Nederland, waarmee het cluster 3 meldingen telt.',
    );
  });

  it('orders by priority: minor victim, meldingen, units and recency count', async () => {
    // Series A: a minor victim, 3 meldingen, 3 units, 3 recent: 50 + 30 + 40 + 15.
    expect((await signalOf('fo-rt', 'Rotterdam', 'cross-unit')).priority).toBe(135);
    const dh = (await signals('adm')).find((s) => s.unit === 'Den Haag')!;
    // Series C: one unit, meldingen from early 2026 (older than 180 days), no minor: 10 per melding only.
    expect(dh.priority).toBe(30);
  });

  it("shows another unit's frontoffice the other meldingen as hit/no-hit only, never their text", async () => {
    const signal = await signalOf('fo-on', 'Oost-Nederland', 'cross-unit');
    expect((await signals('fo-on')).map((s) => s.unit)).toEqual(['Oost-Nederland']);
    const res = await call('fo-on', 'GET', `/api/signals/${signal.id}`);
    expect(res.statusCode, res.body).toBe(200);
    const { cluster } = res.json();
    expect(cluster.reports).toEqual([
      {
        id: null,
        number: 'AM-2026-0001',
        unit: 'Amsterdam',
        received: '2026-09-01',
        visible: false,
        contact: 'Frontoffice Amsterdam',
      },
      {
        id: ids.get('ON-2026-0101'),
        number: 'ON-2026-0101',
        unit: 'Oost-Nederland',
        received: '2026-09-10',
        visible: true,
        contact: 'Frontoffice Oost-Nederland',
      },
      {
        id: null,
        number: 'RT-2026-0201',
        unit: 'Rotterdam',
        received: '2026-09-20',
        visible: false,
        contact: 'Frontoffice Rotterdam',
      },
    ]);
    const amRt = cluster.links.find(
      (l: { a: string; b: string }) => [l.a, l.b].sort().join() === 'AM-2026-0001,RT-2026-0201',
    );
    expect(amRt.value).toBeNull();
    expect(cluster.links.filter((l: { value: string | null }) => l.value === PHONE_A)).toHaveLength(2);
    for (const words of ['dochter', 'Afzender', '0031612345601', '06-12345601', 'dreigde'])
      expect(res.body).not.toContain(words);
  });

  it('is a 404 for everyone outside the unit: another frontoffice, an analyst', async () => {
    const signal = await signalOf('fo-on', 'Oost-Nederland', 'cross-unit');
    for (const who of ['fo-rt', 'ana-am'])
      expect((await call(who, 'GET', `/api/signals/${signal.id}`)).statusCode).toBe(404);
    expect(await signals('ana-am')).toEqual([]);
    const denied = await rows('SELECT 1 FROM audit_log WHERE action = $1 AND actor_name = $2', [
      'access.denied',
      'fo-rt',
    ]);
    expect(denied.length).toBeGreaterThan(0);
  });

  it('is acknowledged, assigned to a member of the unit, and closed with a note, each step audited', async () => {
    const { id } = await signalOf('fo-on', 'Oost-Nederland', 'cross-unit');
    const step = (path: string, body?: object) => call('fo-on', 'POST', `/api/signals/${id}/${path}`, body);
    expect((await step('acknowledge')).json().state).toBe('acknowledged');
    const wrong = await step('assign', { assignee: 'fo-am' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().message).toContain('Oost-Nederland');
    expect((await step('assign', { assignee: 'fo-on2' })).json()).toMatchObject({
      state: 'assigned',
      assignee: 'fo-on2',
    });
    expect((await step('close', { note: '   ' })).statusCode).toBe(400);
    const closed = await step('close', { note: 'Overgedragen aan het team zeden; contact met Amsterdam gelegd.' });
    expect(closed.json()).toMatchObject({ state: 'closed', note: expect.stringContaining('Overgedragen') });
    expect((await step('acknowledge')).statusCode).toBe(409);
    const audited = await rows<{ action: string }>(
      'SELECT action FROM audit_log WHERE target_type = $1 AND target_id = $2 AND actor_name = $3 ORDER BY id',
      ['signal', String(id), 'fo-on'],
    );
    expect(audited.map((a) => a.action)).toEqual(
      expect.arrayContaining(['signal.view', 'signal.acknowledge', 'signal.assign', 'signal.close']),
    );
  });
});

describe('"lijkt op" hints and lookup by selector', () => {
  it('shows values one slip away beside the cluster, hidden meldingen without their value', async () => {
    const id = (
      await rows<{ cluster_id: number }>('SELECT cluster_id FROM reports WHERE number = $1', ['ON-2026-0101'])
    )[0]!.cluster_id;
    const view = (await call('fo-on', 'GET', `/api/clusters/${id}`)).json();
    const hint = view.hints.find((h: { value: string }) => h.value === PHONE_A);
    expect(hint.near).toEqual([
      expect.objectContaining({
        value: null,
        reason: 'one-digit',
        report: expect.objectContaining({ number: 'LB-2026-0601', visible: false }),
      }),
    ]);
    const lb = (await call('adm', 'GET', `/api/reports/${ids.get('LB-2026-0601')}/links`)).json();
    expect(lb.cluster).toBeNull();
    expect(lb.hints[0].near.map((n: { value: string }) => n.value)).toEqual([PHONE_A, PHONE_A, PHONE_A]);
  });

  it('finds the near-misses of every kind of selector, and never links them', async () => {
    const clusterOf = async (number: string) =>
      (await rows<{ cluster_id: number }>('SELECT cluster_id FROM reports WHERE number = $1', [number]))[0]!.cluster_id;
    const hints = async (number: string) => {
      const view = (await call('adm', 'GET', `/api/clusters/${await clusterOf(number)}`)).json();
      type Hint = { report: string; value: string; near: Array<{ value: string; reason: string }> };
      return (view.hints as Hint[]).flatMap((h) =>
        h.near.map((n) => `${h.report}: ${h.value} ~ ${n.value} (${n.reason})`),
      );
    };
    const { email, handle } = OFFENDER.b;
    expect((await hints('MN-2026-0301')).sort()).toEqual([
      `AM-2026-0002: ${handle.toLowerCase()} ~ darkfox_77 (one-character)`,
      `MN-2026-0301: ${handle.toLowerCase()} ~ darkfox_77 (one-character)`,
      `MN-2026-0301: ${email} ~ j.verkoper@example.nl (other-domain)`,
      `NH-2026-0401: ${email} ~ j.verkoper@example.nl (other-domain)`,
    ]);
    const { iban, pay } = OFFENDER.c;
    expect((await hints('DH-2026-0501')).sort()).toEqual([
      `DH-2026-0501: ${iban} ~ ${dutchIban('ABCD', '0123456788')} (one-character)`,
      `DH-2026-0501: ${pay} ~ tikkie.me/pay/abc124 (one-character)`,
      `DH-2026-0502: ${iban} ~ ${dutchIban('ABCD', '0123456788')} (one-character)`,
      `DH-2026-0503: ${pay} ~ tikkie.me/pay/abc124 (one-character)`,
    ]);
  });

  it('answers any written form of a phone number, hidden meldingen as hit/no-hit, and audits it', async () => {
    const res = await call('fo-on', 'POST', '/api/lookup/selector', { selector: '+31 (0)6-1234 5601' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      query: { type: 'phone', value: PHONE_A, public: false },
      matches: [
        {
          source: 'report',
          report: { number: 'RT-2026-0201', unit: 'Rotterdam', visible: false, contact: 'Frontoffice Rotterdam' },
          received: '2026-09-20',
          surface: null,
        },
        {
          source: 'report',
          report: {
            number: 'ON-2026-0101',
            unit: 'Oost-Nederland',
            visible: true,
            contact: 'Frontoffice Oost-Nederland',
          },
          received: '2026-09-10',
          surface: '+31 6 1234 5601',
        },
        {
          source: 'report',
          report: { number: 'AM-2026-0001', unit: 'Amsterdam', visible: false, contact: 'Frontoffice Amsterdam' },
          received: '2026-09-01',
          surface: null,
        },
      ],
    });
    const audited = await rows<{ details: { selector: object } }>(
      "SELECT details FROM audit_log WHERE action = 'lookup' AND actor_name = 'fo-on'",
    );
    expect(audited.at(-1)!.details.selector).toEqual({ type: 'phone', value: PHONE_A });
    const cli = spoor('lookup', '--selector', '@DARKFOX_78', '--json');
    expect(cli.status, cli.stderr).toBe(0);
    const printed = JSON.parse(cli.stdout);
    expect(printed.query).toEqual({ type: 'handle', value: 'darkfox_78', public: false });
    expect(printed.matches.map((m: { report: { number: string } }) => m.report.number).sort()).toEqual([
      'AM-2026-0002',
      'MN-2026-0301',
    ]);
  });

  it('says which selectors are public, and what it cannot read', async () => {
    expect((await call('fo-on', 'POST', '/api/lookup/selector', { selector: '0900-8844' })).json().query.public).toBe(
      true,
    );
    const bad = await call('fo-on', 'POST', '/api/lookup/selector', { selector: 'geen selector hier' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('06-12345678');
  });
});
