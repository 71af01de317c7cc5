// Victims, series and clue notes through the real app, queue, workers and PostgreSQL: create, attach (by hash and by
// near-duplicate group), detach, the need-to-know matrix, the audit trail, and the VICS export (and its re-import)
// carrying Series and VictimIdentified from these entities.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../server/services/actor.ts';
import { buildZip, sha256 } from '../fixtures/hostile-export.ts';
import { scenePhoto, travelled } from '../fixtures/photos.ts';
import { startWorkers, uploadEvidence, waitForEvidence } from './helpers/ingest.ts';
import { addUser, createTestEnv, login, type TestEnv } from './helpers/runtime.ts';

let env: TestEnv;
let caseId: string;
const cookies: Record<string, string> = {};
const shas: string[] = [];
let groupShas: string[] = [];
let nearGroup: number;
const STRANGER = 'b'.repeat(64);

const USERS = [
  ['ana', 'Amsterdam', 'analyst'],
  ['amslead', 'Amsterdam', 'lead'],
  ['ovj', 'Amsterdam', 'prosecutor'],
  ['colleague', 'Amsterdam', 'analyst'],
  ['outsider', 'Rotterdam', 'analyst'],
  ['rtmlead', 'Rotterdam', 'lead'],
] as const;

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';
const api = (who: string, method: Method, url: string, payload?: unknown, headers = {}) =>
  env.app.inject({ method, url, headers: { cookie: cookies[who]!, ...headers }, payload: payload as never });
const audited = async (action: string) =>
  (await env.runtime.pool.query('SELECT * FROM audit_log WHERE action = $1 ORDER BY id', [action])).rows;

async function settle<T>(read: () => Promise<T | null | undefined>, timeoutMs = 30_000): Promise<T> {
  for (const deadline = Date.now() + timeoutMs; ;) {
    const value = await read();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  env = await createTestEnv();
  await startWorkers(env);
  for (const [name, unit, role] of USERS) {
    await addUser(env, name, unit, role);
    cookies[name] = await login(env, name);
  }
  caseId = (await api('ana', 'POST', '/api/cases', { number: 'AM-VIC-1', title: 'Slachtoffers' })).json().id;
  await env.runtime.services.cases.addMember(SYSTEM_ACTOR, caseId, 'ovj');
  const photos = await Promise.all([1, 2, 3].map((seed) => scenePhoto(9100 + seed)));
  const copies = await travelled(photos[2]!);
  const files = [...photos, copies.recompressed, copies.resized];
  shas.push(...files.map((f) => sha256(f)));
  const zip = buildZip(files.map((data, i) => ({ name: `dcim/IMG_${i}.jpg`, data })));
  const upload = await uploadEvidence(env, cookies.ana!, caseId, 'phone.zip', zip);
  expect(upload.statusCode, upload.body).toBe(201);
  await waitForEvidence(env, upload.json().id);
  const group = await settle(async () => {
    const groups = await api('ana', 'GET', `/api/cases/${caseId}/groups`);
    expect(groups.statusCode, groups.body).toBe(200);
    return groups.json().groups[0];
  }, 10_000);
  nearGroup = group.nearGroup;
  const members = await env.runtime.pool.query(
    'SELECT blob_sha256 FROM case_near_groups WHERE case_id = $1 AND group_id = $2 ORDER BY 1',
    [caseId, nearGroup],
  );
  groupShas = members.rows.map((r) => r.blob_sha256);
  expect(groupShas.length).toBeGreaterThanOrEqual(2);
}, 120_000);
afterAll(() => env.close());

describe('victims and series', () => {
  let victimId: string;

  it('creates a victim under a pseudonym, refuses a name and a duplicate, and audits it', async () => {
    const created = await api('ana', 'POST', `/api/cases/${caseId}/victims`, {
      label: 'S-01',
      description: 'Meisje, ca. 8 jaar; schooluniform met logo',
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ kind: 'victim', label: 'S-01', identified: false, media: [] });
    victimId = created.json().id;
    const named = await api('ana', 'POST', `/api/cases/${caseId}/victims`, { label: 'Anna de Vries' });
    expect(named.statusCode).toBe(400);
    expect(named.json().message).toMatch(/pseudoniem/);
    expect((await api('ana', 'POST', `/api/cases/${caseId}/victims`, { label: 'S-01' })).statusCode).toBe(409);
    const [entry] = await audited('victim.create');
    expect(entry).toMatchObject({ actor_name: 'ana', case_id: caseId, target_id: victimId });
    expect(entry.details).toMatchObject({ label: 'S-01', description: true });
  });

  it('attaches media by hash and a whole near-duplicate group, all or nothing', async () => {
    const url = `/api/cases/${caseId}/victims/${victimId}/attach`;
    const one = await api('ana', 'POST', url, { sha256s: [shas[0]] });
    expect(one.statusCode, one.body).toBe(200);
    expect(one.json()).toMatchObject({ changed: 1, subject: { media: [shas[0]] } });
    const group = await api('ana', 'POST', url, { nearGroups: [nearGroup] });
    expect(group.json().changed).toBe(groupShas.length);
    const foreign = await api('ana', 'POST', url, { sha256s: [shas[1], STRANGER] });
    expect(foreign.statusCode).toBe(404);
    const listed = (await api('ana', 'GET', `/api/cases/${caseId}/victims`)).json().items;
    expect(listed).toHaveLength(1);
    expect([...listed[0].media].sort()).toEqual([shas[0], ...groupShas].sort());
    const entries = await audited('victim.attach');
    expect(entries).toHaveLength(2);
    expect(entries[1].details).toMatchObject({ nearGroups: [nearGroup], count: groupShas.length });
  });

  it('detaches, and shows the subjects of one content for the grid detail', async () => {
    const detached = await api('ana', 'POST', `/api/cases/${caseId}/victims/${victimId}/detach`, {
      sha256s: [shas[0]],
    });
    expect(detached.json()).toMatchObject({ changed: 1 });
    expect((await audited('victim.detach'))[0].details).toMatchObject({ sha256s: [shas[0]], count: 1 });
    const of = await api('ana', 'GET', `/api/cases/${caseId}/media/${groupShas[0]}/subjects`);
    expect(of.json().subjects).toEqual([{ id: victimId, kind: 'victim', label: 'S-01', identified: false }]);
    expect((await api('ana', 'GET', `/api/cases/${caseId}/media/${shas[0]}/subjects`)).json().subjects).toEqual([]);
  });

  it('records a series by name and attaches to it', async () => {
    const series = await api('ana', 'POST', `/api/cases/${caseId}/series`, { label: 'Reeks Strand 2026' });
    expect(series.statusCode, series.body).toBe(201);
    const attach = `/api/cases/${caseId}/series/${series.json().id}/attach`;
    expect((await api('ana', 'POST', attach, { sha256s: [shas[1], groupShas[0]] })).json().changed).toBe(2);
    expect((await audited('series.attach'))[0]).toMatchObject({ actor_name: 'ana', case_id: caseId });
  });

  it('keeps need-to-know: prosecutors read only, outsiders and non-members see nothing', async () => {
    const base = `/api/cases/${caseId}/victims`;
    expect((await api('ovj', 'GET', base)).statusCode).toBe(200);
    expect((await api('amslead', 'GET', base)).statusCode).toBe(200);
    expect((await api('ovj', 'POST', base, { label: 'S-02' })).statusCode).toBe(403);
    expect((await api('ovj', 'POST', `${base}/${victimId}/attach`, { sha256s: [shas[1]] })).statusCode).toBe(403);
    for (const who of ['colleague', 'outsider', 'rtmlead']) {
      expect((await api(who, 'GET', base)).statusCode, who).toBe(404);
      expect((await api(who, 'GET', `/api/cases/${caseId}/series`)).statusCode, who).toBe(404);
      expect((await api(who, 'GET', `/api/cases/${caseId}/media/${shas[1]}/subjects`)).statusCode, who).toBe(404);
      expect((await api(who, 'POST', base, { label: 'S-09' })).statusCode, who).toBe(404);
      expect((await api(who, 'POST', `${base}/${victimId}/detach`, { sha256s: [shas[1]] })).statusCode, who).toBe(404);
    }
    expect((await audited('victim.create')).map((r) => r.actor_name)).toEqual(['ana']);
  });
});

describe('clue notes', () => {
  const url = () => `/api/cases/${caseId}/clue-notes`;

  it('pins a note to a box on an image, lists it, and audits both', async () => {
    const note = { sha256: shas[1], box: { x: 0.1, y: 0.2, w: 0.3, h: 0.25 }, text: 'Logo op de trui: "Basisschool"' };
    const created = await api('ana', 'POST', url(), note);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ ...note, createdBy: 'ana' });
    const listed = await api('ovj', 'GET', `${url()}?sha256=${shas[1]}`);
    expect(listed.json().notes).toEqual([created.json()]);
    expect((await audited('clue-note.create'))[0].details).toMatchObject({ sha256: shas[1], box: note.box });
    expect((await audited('clue-note.list')).map((r) => r.actor_name)).toContain('ovj');
  });

  it('refuses a box outside the image, content from elsewhere, a prosecutor and an outsider', async () => {
    const box = { x: 0.8, y: 0.1, w: 0.5, h: 0.1 };
    expect((await api('ana', 'POST', url(), { sha256: shas[1], box, text: 'x' })).statusCode).toBe(400);
    const inside = { x: 0, y: 0, w: 1, h: 1 };
    expect((await api('ana', 'POST', url(), { sha256: STRANGER, box: inside, text: 'x' })).statusCode).toBe(404);
    expect((await api('ovj', 'POST', url(), { sha256: shas[1], box: inside, text: 'x' })).statusCode).toBe(403);
    expect((await api('outsider', 'GET', url())).statusCode).toBe(404);
    expect((await api('ana', 'GET', url())).json().notes).toHaveLength(1);
  });

  it('removes a note, audited', async () => {
    const [note] = (await api('ana', 'GET', url())).json().notes;
    expect((await api('ana', 'DELETE', `${url()}/${note.id}`)).statusCode).toBe(200);
    expect((await api('ana', 'DELETE', `${url()}/${note.id}`)).statusCode).toBe(404);
    expect((await audited('clue-note.delete'))[0]).toMatchObject({ target_id: String(note.id) });
  });
});

describe('the VICS export carries Series and VictimIdentified from victims and series', () => {
  it('writes them, and a re-import of the export keeps them', async () => {
    const victims = (await api('ana', 'GET', `/api/cases/${caseId}/victims`)).json().items;
    const patched = await api('ana', 'PATCH', `/api/cases/${caseId}/victims/${victims[0].id}`, { identified: true });
    expect(patched.json().identified).toBe(true);
    expect((await audited('victim.update'))[0].details).toMatchObject({ identified: true });

    const exported = await api('ana', 'GET', `/api/cases/${caseId}/export/vics`);
    expect(exported.statusCode).toBe(200);
    const media = JSON.parse(exported.body).value[0].Media as Array<Record<string, unknown>>;
    const bySha = new Map(
      media.map((m) => [(m.AlternativeHashes as Array<{ HashName: string; HashValue: string }>)[1]!.HashValue, m]),
    );
    expect(bySha.get(groupShas[0]!)).toMatchObject({ Series: 'Reeks Strand 2026', VictimIdentified: true });
    expect(bySha.get(shas[1]!)).toMatchObject({ Series: 'Reeks Strand 2026' });
    expect(bySha.get(shas[1]!)).not.toHaveProperty('VictimIdentified');
    expect(bySha.get(shas[0]!)).not.toHaveProperty('Series');

    const started = await api('amslead', 'POST', '/api/hashsets/import?name=Terug', exported.body, {
      'content-type': 'application/octet-stream',
    });
    expect(started.statusCode, started.body).toBe(202);
    const done = await settle(async () => {
      const p = (await api('amslead', 'GET', `/api/hashsets/imports/${started.json().importId}`)).json();
      return p.status === 'running' ? null : p;
    });
    expect(done.status, JSON.stringify(done)).toBe('done');
    const entries = await env.runtime.pool.query(
      `SELECT e.sha1, e.series, e.victim_identified FROM hash_set_entries e JOIN hash_sets s ON s.id = e.set_id
        WHERE s.name = 'Terug' AND e.series IS NOT NULL ORDER BY e.victim_identified NULLS FIRST`,
    );
    expect(entries.rows.map((r) => [r.series, r.victim_identified])).toEqual([
      ['Reeks Strand 2026', null],
      ['Reeks Strand 2026', true],
    ]);
  }, 60_000);
});
