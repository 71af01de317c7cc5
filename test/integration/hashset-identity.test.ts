// Hash sets are identified by id: one unit's import never supersedes another unit's set of the same name. Import
// progress is need-to-know, failed imports are audited, the upload is kept in the store, and the CLI keeps its output.
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildZip, sha256 } from '../fixtures/hostile-export.ts';
import { scenePhoto } from '../fixtures/photos.ts';
import { hashBuffer } from '../../workers/hashing/multi-hash.ts';
import { startWorkers, uploadEvidence, waitForEvidence } from './helpers/ingest.ts';
import { runCli } from './helpers/process.ts';
import { addUser, createTestEnv, login, type TestEnv } from './helpers/runtime.ts';

let env: TestEnv;
const cookies: Record<string, string> = {};
const photos: Buffer[] = [];
const V11 = 'http://github.com/ICMEC/ProjectVic/DataModels/1.1.xml#Media';
const vics = (records: object[]) => JSON.stringify({ 'odata.metadata': V11, value: records });

type Method = 'GET' | 'POST';
const api = (who: string, method: Method, url: string, payload?: unknown, headers: Record<string, string> = {}) =>
  env.app.inject({ method, url, headers: { cookie: cookies[who]!, ...headers }, payload: payload as never });

async function startImport(who: string, name: string, body: string, query = '') {
  const started = await api(who, 'POST', `/api/hashsets/import?name=${encodeURIComponent(name)}${query}`, body, {
    'content-type': 'application/octet-stream',
  });
  expect(started.statusCode, started.body).toBe(202);
  return started.json().importId as string;
}

async function importSet(who: string, name: string, body: string, query = '') {
  const importId = await startImport(who, name, body, query);
  for (;;) {
    const english = { 'accept-language': 'en' };
    const progress = (await api(who, 'GET', `/api/hashsets/imports/${importId}`, undefined, english)).json();
    if (progress.status !== 'running') return { importId, ...progress };
    await new Promise((r) => setTimeout(r, 50));
  }
}

const sql = async <T = Record<string, unknown>>(text: string, values: unknown[] = []) =>
  (await env.runtime.pool.query(text, values)).rows as T[];

/** Waits until no re-match or case match is queued or running (the effect of an import on cases has landed). */
async function matchingSettled() {
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 200))) {
    const [busy] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM pgboss.job
      WHERE name IN ('hashset.rematch', 'case.match', 'hashset.import') AND state IN ('created', 'retry', 'active')`);
    if (busy!.n === 0) return;
  }
  throw new Error('matching did not settle');
}

const categoryOf = async (caseId: string, sha: string) =>
  (await sql('SELECT category, source FROM case_media WHERE case_id = $1 AND blob_sha256 = $2', [caseId, sha]))[0] ??
  null;

type SetRow = { unit: string; visibility: string; version: string; status: string; entries: number };
const setsNamed = async (name: string) =>
  sql<SetRow>(
    `SELECT u.name AS unit, s.visibility, s.version, s.status,
     (SELECT count(*)::int FROM hash_set_entries e WHERE e.set_id = s.id) AS entries
   FROM hash_sets s JOIN units u ON u.id = s.owner_unit_id WHERE s.name = $1 ORDER BY s.imported_at`,
    [name],
  );

beforeAll(async () => {
  env = await createTestEnv();
  await startWorkers(env);
  await addUser(env, 'lead-am', 'Amsterdam', 'lead');
  await addUser(env, 'ana', 'Amsterdam', 'analyst');
  await addUser(env, 'lead-rt', 'Rotterdam', 'lead');
  await addUser(env, 'boss', 'Landelijke Eenheid', 'admin');
  for (const u of ['lead-am', 'ana', 'lead-rt', 'boss']) cookies[u] = await login(env, u);
  for (let i = 0; i < 3; i++) photos.push(await scenePhoto(900 + i));
});
afterAll(() => env.close());

describe('hash-set identity', () => {
  it("a unit set named like another unit's national set supersedes only the importer's own set", async () => {
    const [known, other, newer] = photos.map((p) => hashBuffer(p));
    const national = await importSet('lead-am', 'Bekend', vics([{ MD5: known!.md5, Category: 1 }]), '&version=am-1');
    expect(national.status).toBe('done');
    const created = await api('ana', 'POST', '/api/cases', { number: 'ID-2026-1', title: 'identity' });
    const caseId = created.json().id as string;
    const zip = buildZip([{ name: 'a.jpg', data: photos[0]! }]);
    const ev = (await uploadEvidence(env, cookies.ana!, caseId, 'phone.zip', zip)).json();
    await waitForEvidence(env, ev.id);
    await matchingSettled();
    expect(await categoryOf(caseId, sha256(photos[0]!))).toEqual({ category: '1', source: 'hashset' });

    // Rotterdam's lead imports a unit-only set of the same name: before the fix this dropped Amsterdam's national set.
    const unitOnly = '&version=rt-1&visibility=unit';
    const rt = await importSet('lead-rt', 'Bekend', vics([{ MD5: other!.md5, Category: 2 }]), unitOnly);
    expect(rt.status).toBe('done');
    await matchingSettled();
    expect(await setsNamed('Bekend')).toEqual([
      { unit: 'Amsterdam', visibility: 'national', version: 'am-1', status: 'active', entries: 1 },
      { unit: 'Rotterdam', visibility: 'unit', version: 'rt-1', status: 'active', entries: 1 },
    ]);
    expect(await categoryOf(caseId, sha256(photos[0]!))).toEqual({ category: '1', source: 'hashset' });
    const setHits = async (md5: string) =>
      ((await api('ana', 'POST', '/api/lookup', { md5 })).json().matches as Array<{ source: string }>).filter(
        (m) => m.source === 'hashset',
      );
    expect(await setHits(known!.md5)).toMatchObject([
      { kind: 'exact', hashSet: { name: 'Bekend', version: 'am-1' }, category: '1' },
    ]);
    expect(await setHits(other!.md5)).toEqual([]); // Rotterdam's own, not Amsterdam's to see

    // A new version replaces the importer's own set only, whoever's set shares the name.
    await importSet('lead-rt', 'Bekend', vics([{ MD5: newer!.md5, Category: 3 }]), '&version=rt-2&visibility=unit');
    await matchingSettled();
    expect((await setsNamed('Bekend')).map((s) => [s.unit, s.version, s.status, s.entries])).toEqual([
      ['Amsterdam', 'am-1', 'active', 1],
      ['Rotterdam', 'rt-1', 'superseded', 0],
      ['Rotterdam', 'rt-2', 'active', 1],
    ]);
    expect(await categoryOf(caseId, sha256(photos[0]!))).toEqual({ category: '1', source: 'hashset' });
  });

  it('keeps the uploaded file in the object store under its SHA-256, listed on the import row', async () => {
    const body = vics([{ MD5: 'e'.repeat(32), Category: 1 }]);
    const { importId } = await importSet('lead-am', 'Opgeslagen', body);
    const [row] = await sql<{ input_key: string; input_sha256: string; input_size: number; status: string }>(
      'SELECT input_key, input_sha256, input_size, status FROM long_jobs WHERE id = $1',
      [importId],
    );
    const digest = sha256(Buffer.from(body));
    expect(row).toEqual({
      input_key: `hashset-imports/${digest}`,
      input_sha256: digest,
      input_size: Buffer.byteLength(body),
      status: 'done',
    });
    expect(await env.runtime.store.exists(row!.input_key)).toBe(true);
  });
});

describe('import progress is need-to-know', () => {
  it("shows an import to the importer's unit and administrators; to anyone else it does not exist", async () => {
    const importId = await startImport('lead-am', 'Alleen Amsterdam', vics([{ MD5: 'f'.repeat(32) }]));
    const view = (who: string) => api(who, 'GET', `/api/hashsets/imports/${importId}`);
    const outsider = await view('lead-rt');
    expect(outsider.statusCode).toBe(404);
    expect(outsider.json().message).not.toMatch(/Alleen Amsterdam/);
    for (const who of ['lead-am', 'ana', 'boss']) expect((await view(who)).statusCode).toBe(200);
    const unknown = await api('lead-rt', 'GET', '/api/hashsets/imports/00000000-0000-4000-8000-000000000000');
    expect([unknown.statusCode, unknown.json().message]).toEqual([404, outsider.json().message]);
  });
});

describe('failed imports are audited', () => {
  it('records who tried which set and why it failed, and leaves nothing imported', async () => {
    const failed = await importSet('lead-am', 'Kapot', '{"value": [ {"MD5": "abc"');
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/Nothing was imported/);
    const dutch = (await api('lead-am', 'GET', `/api/hashsets/imports/${failed.importId}`)).json();
    expect(dutch.error).toMatch(/^Het bestand is geen bruikbare hashset; er is niets geïmporteerd/);
    const [entry] = await sql<{ actor_name: string; target_id: string | null; details: Record<string, string> }>(
      `SELECT actor_name, target_id, details FROM audit_log WHERE action = 'hashset.import.failed'
       ORDER BY id DESC LIMIT 1`,
    );
    expect(entry).toMatchObject({ actor_name: 'lead-am', details: { name: 'Kapot', importId: failed.importId } });
    expect(entry!.details.reason).toMatch(/Not a usable VICS file: .*Nothing was imported/);
    expect(await setsNamed('Kapot')).toEqual([
      { unit: 'Amsterdam', visibility: 'national', version: expect.any(String), status: 'failed', entries: 0 },
    ]);
  });
});

describe('spoor hashset import', () => {
  it('runs the import in-process and prints the same JSON contract', async () => {
    const file = path.join(env.dataDir, 'set.json');
    await fs.writeFile(file, vics([{ MD5: '1'.repeat(32), Category: 1 }, { MD5: 'bad' }]));
    const result = runCli(['hashset', 'import', file, '--name', 'Via CLI', '--version', 'c-1', '--json'], {
      DATABASE_URL: env.databaseUrl,
      SPOOR_DATA_DIR: env.dataDir,
    });
    expect(result.status, result.stderr).toBe(0);
    const out = JSON.parse(result.stdout);
    expect(Object.keys(out).sort()).toEqual(['entries', 'name', 'seconds', 'skipped', 'version']);
    expect(out).toMatchObject({ name: 'Via CLI', version: 'c-1', entries: 1, skipped: [{ position: 'value[1]' }] });
    expect(await setsNamed('Via CLI')).toMatchObject([{ status: 'active', entries: 1 }]);
  });
});
