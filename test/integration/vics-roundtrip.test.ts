// VICS round trip through the real app, queue and workers: a hash set of each model version categorises a case,
// the case is exported as VICS 2.0 US and the export re-imported; nothing the set or the analyst said is lost,
// and a category without a VICS 2.0 US equivalent is counted per scheme instead of silently left out.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buffer } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildZip, sha256 } from '../fixtures/hostile-export.ts';
import { scenePhoto } from '../fixtures/photos.ts';
import { vicsStream, type VicsGenOptions } from '../fixtures/vics-generator.ts';
import { hashBuffer } from '../../workers/hashing/multi-hash.ts';
import { startWorkers, uploadEvidence, waitForEvidence } from './helpers/ingest.ts';
import { runCli } from './helpers/process.ts';
import { addUser, createTestEnv, login, type TestEnv } from './helpers/runtime.ts';

let env: TestEnv;
let tmp: string;
const cookies: Record<string, string> = {};
type Entry = { md5: string; category: string | null; series: string | null; victim_identified: boolean | null };

const api = (who: string, method: 'GET' | 'POST', url: string, payload?: unknown, headers = {}) =>
  env.app.inject({ method, url, headers: { cookie: cookies[who]!, ...headers }, payload: payload as never });

async function importSet(name: string, body: Buffer | string) {
  const url = `/api/hashsets/import?name=${encodeURIComponent(name)}`;
  const started = await api('lead', 'POST', url, body, { 'content-type': 'application/octet-stream' });
  expect(started.statusCode, started.body).toBe(202);
  for (;;) {
    const progress = (await api('lead', 'GET', `/api/hashsets/imports/${started.json().importId}`)).json();
    if (progress.status !== 'running') {
      expect(progress.status, JSON.stringify(progress)).toBe('done');
      return progress.result as { entries: number; skippedCount: number };
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function ingestCase(number: string, files: Buffer[]): Promise<string> {
  const caseId = (await api('ana', 'POST', '/api/cases', { number, title: number })).json().id as string;
  const zip = buildZip(files.map((data, i) => ({ name: `dcim/${i}.jpg`, data })));
  const upload = await uploadEvidence(env, cookies.ana!, caseId, `${number}.zip`, zip);
  expect(upload.statusCode, upload.body).toBe(201);
  await waitForEvidence(env, upload.json().id);
  return caseId;
}

/** Waits until matching has categorised `n` items of the case from hash sets. */
async function settleCategorised(caseId: string, n: number, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  const count = async () =>
    (
      await env.runtime.pool.query(
        "SELECT count(*)::int AS n FROM case_media WHERE case_id = $1 AND source = 'hashset' AND category IS NOT NULL",
        [caseId],
      )
    ).rows[0].n as number;
  while ((await count()) < n) {
    if (Date.now() > deadline) throw new Error(`case ${caseId}: ${await count()} of ${n} categorised in time`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function entriesOf(setName: string): Promise<Map<string, Entry>> {
  const rows = (
    await env.runtime.pool.query<Entry>(
      `SELECT e.md5, e.category, e.series, e.victim_identified FROM hash_set_entries e
        JOIN hash_sets s ON s.id = e.set_id WHERE s.name = $1 AND s.status = 'active'`,
      [setName],
    )
  ).rows;
  return new Map(rows.map((r) => [r.md5, r]));
}

const categorise = (caseId: string, sha: string, category: string, scheme: string) =>
  api('ana', 'POST', `/api/cases/${caseId}/media/categorise`, { sha256s: [sha], category, scheme });

/** Every category 0–4 once, as number and string, one uncategorised record; Series and VictimIdentified mixed. */
function setFields(files: Buffer[]): Record<string, unknown>[] {
  const h = files.map((f) => hashBuffer(f));
  const at = (i: number) => ({ MD5: i % 2 ? h[i]!.md5 : h[i]!.md5.toUpperCase(), SHA1: h[i]!.sha1 });
  return [
    { ...at(0), Category: 0, Series: undefined, VictimIdentified: false },
    { ...at(1), Category: 1, Series: 'Reeks-Noord', VictimIdentified: true },
    { ...at(2), Category: '2', Series: 'Reeks "x", ] ü 日本', VictimIdentified: 'true' },
    { ...at(3), Category: 3, Series: undefined, VictimIdentified: 'false' },
    { ...at(4), Category: 4, Series: 'Reeks-Zuid', VictimIdentified: undefined },
    { ...at(5), Category: undefined, Series: 'Reeks-Onbekend', VictimIdentified: true },
  ];
}

const generatedSet = (o: Omit<VicsGenOptions, 'records'> & { fields: Record<string, unknown>[] }) =>
  buffer(vicsStream({ ...o, records: o.fields.length, seed: 11 }));

beforeAll(async () => {
  env = await createTestEnv();
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'spoor-vics-rt-'));
  await startWorkers(env);
  await addUser(env, 'lead', 'Amsterdam', 'lead');
  await addUser(env, 'ana', 'Amsterdam', 'analyst');
  for (const u of ['lead', 'ana']) cookies[u] = await login(env, u);
});
afterAll(async () => {
  await env.close();
  await fs.rm(tmp, { recursive: true, force: true });
});

describe('VICS round trip: import → categorise → export → import', () => {
  const versions = ['1.1', '1.2', '1.3', '2.0'] as const;
  it.each(versions.map((v, i) => [v, i]))(
    'keeps every category, Series and VictimIdentified of a VICS %s set',
    async (version, n) => {
      const files = await Promise.all([0, 1, 2, 3, 4, 5, 6].map((i) => scenePhoto(5000 + n * 100 + i, 400, 300)));
      const setName = `Bron ${version}`;
      const imported = await importSet(setName, await generatedSet({ version, fields: setFields(files) }));
      expect(imported).toMatchObject({ entries: 6, skippedCount: 0 });
      const caseId = await ingestCase(`RT-${version}`, files);
      await settleCategorised(caseId, 5);
      // The analyst categorises the one image no set knows.
      expect((await categorise(caseId, sha256(files[6]!), '2', 'vics2')).statusCode).toBe(200);

      const exported = await api('ana', 'GET', `/api/cases/${caseId}/export/vics`);
      expect(exported.statusCode).toBe(200);
      expect(JSON.parse(exported.headers['x-unmapped-categories'] as string)).toEqual({});
      const media = JSON.parse(exported.body).value[0].Media as Record<string, unknown>[];
      expect(media).toHaveLength(7);

      expect(await importSet(`Terug ${version}`, exported.body)).toMatchObject({ entries: 7, skippedCount: 0 });
      const [before, after] = [await entriesOf(setName), await entriesOf(`Terug ${version}`)];
      for (const [md5, entry] of before) expect(after.get(md5), `record ${md5}`).toEqual(entry);
      const analysed = hashBuffer(files[6]!).md5;
      expect(after.get(analysed)).toEqual({ md5: analysed, category: '2', series: null, victim_identified: null });
    },
    120_000,
  );
});

describe('categories without a VICS 2.0 US equivalent', () => {
  let caseId: string;
  let files: Buffer[];

  beforeAll(async () => {
    files = await Promise.all([0, 1, 2, 3, 4].map((i) => scenePhoto(7000 + i, 400, 300)));
    const h = files.map((f) => hashBuffer(f));
    // A CUSTOM-profile set numbers its own categories; a 1.x value outside Project VIC's 0–4 means nothing here.
    await importSet(
      'Eigen schema',
      await generatedSet({ version: '2.0', profile: 'CUSTOM', fields: [{ MD5: h[0]!.md5, Category: 1 }] }),
    );
    await importSet('Oud', await generatedSet({ version: '1.2', fields: [{ MD5: h[1]!.md5, Category: 7 }] }));
    caseId = await ingestCase('RT-UNMAPPED', files);
    await settleCategorised(caseId, 2);
    expect((await categorise(caseId, sha256(files[2]!), 'A', 'caid')).statusCode).toBe(200);
    expect((await categorise(caseId, sha256(files[3]!), '1', 'vics2')).statusCode).toBe(200);
  }, 120_000);

  it('counts them per scheme in the API and leaves Category out only for them', async () => {
    const expected = { custom: 1, vics1: 1, caid: 1 };
    const exported = await api('ana', 'GET', `/api/cases/${caseId}/export/vics`);
    expect(exported.statusCode).toBe(200);
    expect(JSON.parse(exported.headers['x-unmapped-categories'] as string)).toEqual(expected);
    const summary = await api('ana', 'GET', `/api/cases/${caseId}/export/vics/summary`);
    expect(summary.statusCode, summary.body).toBe(200);
    expect(summary.json()).toEqual({
      case: 'RT-UNMAPPED',
      profile: 'US',
      categorised: 4,
      unmappedCategories: expected,
    });
    const media = JSON.parse(exported.body).value[0].Media as Array<{ MD5: string; Category?: number }>;
    const byMd5 = new Map(media.map((m) => [m.MD5, m]));
    expect(byMd5.get(hashBuffer(files[3]!).md5)!.Category).toBe(1);
    for (const i of [0, 1, 2, 4]) expect(byMd5.get(hashBuffer(files[i]!).md5)).not.toHaveProperty('Category');
  });

  it('says so in `spoor export` JSON and with a warning on stderr; a clean case has an empty count', async () => {
    const spoor = (...args: string[]) => runCli(args, { DATABASE_URL: env.databaseUrl, SPOOR_DATA_DIR: env.dataDir });
    const out = path.join(tmp, 'unmapped.json');
    const run = spoor('export', '--case', 'RT-UNMAPPED', '--format', 'vics', '--out', out, '--json');
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      case: 'RT-UNMAPPED',
      format: 'vics',
      media: 5,
      unmappedCategories: { caid: 1, custom: 1, vics1: 1 },
    });
    expect(run.stderr).toMatch(/^spoor: warning: 3 categories .*caid 1, custom 1, vics1 1/m);
    expect(JSON.parse(await fs.readFile(out, 'utf8')).value[0].Media).toHaveLength(5);

    const clean = spoor('export', '--case', 'RT-1.1', '--format', 'vics', '--out', path.join(tmp, 'c.json'), '--json');
    expect(clean.status, clean.stderr).toBe(0);
    expect(JSON.parse(clean.stdout).unmappedCategories).toEqual({});
    expect(clean.stderr).not.toMatch(/warning/);
  }, 120_000);
});
