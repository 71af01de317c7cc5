// Known material and cross-case linking through the real app, queue and workers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { buildZip, sha256 } from '../fixtures/hostile-export.ts';
import { scenePhoto } from '../fixtures/photos.ts';
import { hashBuffer } from '../../workers/hashing/multi-hash.ts';
import { analyseImage } from '../../workers/imaging/analyse-image.ts';
import { startWorkers, uploadEvidence, waitForEvidence } from './helpers/ingest.ts';
import { addUser, createTestEnv, login, type TestEnv } from './helpers/runtime.ts';

let env: TestEnv;
const cookies: Record<string, string> = {};
const photos: Buffer[] = [];

const api = (
  who: string,
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  payload?: unknown,
  headers: Record<string, string> = {},
) => env.app.inject({ method, url, headers: { cookie: cookies[who]!, ...headers }, payload: payload as never });

async function importSet(who: string, name: string, body: string | Buffer, query = '') {
  const started = await api(who, 'POST', `/api/hashsets/import?name=${encodeURIComponent(name)}${query}`, body, {
    'content-type': 'application/octet-stream',
  });
  if (started.statusCode !== 202) return started.json();
  for (;;) {
    const progress = (await api(who, 'GET', `/api/hashsets/imports/${started.json().importId}`)).json();
    if (progress.status !== 'running') return progress;
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function ingestCase(who: string, number: string, files: Array<{ name: string; data: Buffer }>) {
  const caseId = (await api(who, 'POST', '/api/cases', { number, title: number })).json().id as string;
  const ev = (await uploadEvidence(env, cookies[who]!, caseId, `${number}.zip`, buildZip(files))).json();
  await waitForEvidence(env, ev.id);
  return caseId;
}

async function settle(check: () => Promise<boolean>, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

const categoryOf = async (caseId: string, sha: string) =>
  (
    await env.runtime.pool.query(
      'SELECT category, source, conflict FROM case_media WHERE case_id = $1 AND blob_sha256 = $2',
      [caseId, sha],
    )
  ).rows[0] ?? null;

const vicsMedia = (
  records: object[],
  context = 'http://github.com/ICMEC/ProjectVic/DataModels/1.1.xml/$metadata#Media',
  key = 'odata.metadata',
) => JSON.stringify({ [key]: context, value: records });

beforeAll(async () => {
  env = await createTestEnv();
  await startWorkers(env);
  await addUser(env, 'lead-am', 'Amsterdam', 'lead');
  await addUser(env, 'ana', 'Amsterdam', 'analyst');
  await addUser(env, 'lim', 'Limburg', 'analyst');
  await env.runtime.pool.query(
    "UPDATE users SET contact = '+31 6 1234 5678 (TBKK Amsterdam)' WHERE username = 'lead-am'",
  );
  for (const u of ['lead-am', 'ana', 'lim']) cookies[u] = await login(env, u);
  for (let i = 0; i < 4; i++) photos.push(await scenePhoto(300 + i));
});
afterAll(() => env.close());

describe('hash-set import', () => {
  it('imports VICS 1.1 with string booleans and upper-case hex, keeps missing categories uncategorised, and reports bad records', async () => {
    const h = hashBuffer(photos[0]!);
    const body = vicsMedia([
      { MediaID: 1, MD5: h.md5.toUpperCase(), SHA1: h.sha1, Category: '1', VictimIdentified: 'true', Series: 'S-1' },
      { MediaID: 2, MD5: 'a'.repeat(32) },
      { MediaID: 3, MD5: 'not-hex' },
    ]);
    const result = await importSet('lead-am', 'VIC test', body, '&version=v1');
    expect(result.status).toBe('done');
    expect(result.result).toMatchObject({ name: 'VIC test', version: 'v1', entries: 2, skippedCount: 1 });
    expect(result.result.skipped[0].position).toMatch(/value\[2\]/);
    const rows = (
      await env.runtime.pool.query(
        "SELECT md5, category, victim_identified FROM hash_set_entries e JOIN hash_sets s ON s.id = e.set_id WHERE s.name = 'VIC test' ORDER BY e.id",
      )
    ).rows;
    expect(rows).toEqual([
      { md5: h.md5, category: '1', victim_identified: true },
      { md5: 'a'.repeat(32), category: null, victim_identified: null },
    ]);
  });

  it('rejects a structurally broken file with a clear message and imports nothing', async () => {
    const result = await importSet('lead-am', 'Broken', '{"value": [ {"MD5": "abc"');
    expect(result.status).toBe('failed');
    expect(result.error).toMatch(/Nothing was imported/);
    const sets = (await api('lead-am', 'GET', '/api/hashsets')).json();
    expect(sets.filter((s: { name: string; status: string }) => s.name === 'Broken' && s.status === 'active')).toEqual(
      [],
    );
    const entries = (
      await env.runtime.pool.query(
        "SELECT count(*)::int AS n FROM hash_set_entries e JOIN hash_sets s ON s.id = e.set_id WHERE s.name = 'Broken'",
      )
    ).rows[0].n;
    expect(entries).toBe(0);
  });

  it('imports plain lists and CSV, and only admins and leads may import', async () => {
    const list = await importSet('lead-am', 'List', `# our own list\n${'b'.repeat(40)}\n${'c'.repeat(64)}\nnonsense\n`);
    expect(list.result).toMatchObject({ entries: 2, skippedCount: 1 });
    const csv = await importSet(
      'lead-am',
      'CSV',
      `md5,category,series\n${'d'.repeat(32)},2,"Series, with comma"\n`,
      '&format=csv&scheme=vics2-us',
    );
    expect(csv.result).toMatchObject({ entries: 1 });
    expect(
      (await api('ana', 'POST', '/api/hashsets/import?name=x', 'x', { 'content-type': 'application/octet-stream' }))
        .statusCode,
    ).toBe(403);
  });

  it('replaces a set version atomically: afterwards only the new version answers', async () => {
    const h1 = hashBuffer(photos[1]!);
    const h2 = hashBuffer(photos[2]!);
    await importSet('lead-am', 'Versioned', vicsMedia([{ MD5: h1.md5, Category: 1 }]), '&version=2026.1');
    await importSet('lead-am', 'Versioned', vicsMedia([{ MD5: h2.md5, Category: 2 }]), '&version=2026.2');
    const versions = (await api('lead-am', 'GET', '/api/hashsets'))
      .json()
      .filter((s: { name: string }) => s.name === 'Versioned');
    expect(versions.map((s: { version: string; status: string }) => [s.version, s.status])).toEqual([
      ['2026.2', 'active'],
    ]);
    expect((await api('ana', 'POST', '/api/lookup', { md5: h1.md5 })).json().matches).toEqual([]);
    const hit = (await api('ana', 'POST', '/api/lookup', { md5: h2.md5 })).json().matches[0];
    expect(hit).toMatchObject({
      kind: 'exact',
      source: 'hashset',
      hashSet: { name: 'Versioned', version: '2026.2' },
      category: '2',
    });
  });
});

describe('matching and categorisation', () => {
  it('auto-categorises on ingest from a hash set, exact and near (a flipped copy via the dihedral hashes)', async () => {
    const photo = await scenePhoto(777);
    const { pdq } = await analyseImage(photo, { limitInputPixels: 1e9 });
    const exact = await scenePhoto(778);
    await importSet(
      'lead-am',
      'Series 777',
      `md5,pdq,category\n${hashBuffer(exact).md5},,1\n,${pdq},1\n`,
      '&format=csv&scheme=vics2-us',
    );
    const flipped = await sharp(photo).flop().jpeg({ quality: 80 }).toBuffer();
    const caseId = await ingestCase('ana', 'AM-AUTO', [
      { name: 'a/flipped.jpg', data: flipped },
      { name: 'b/exact.jpg', data: exact },
      { name: 'c/other.jpg', data: photos[3]! },
    ]);
    expect(await categoryOf(caseId, sha256(exact))).toMatchObject({
      category: '1',
      source: 'hashset',
      conflict: false,
    });
    expect(await categoryOf(caseId, sha256(flipped))).toMatchObject({ category: '1', source: 'hashset' });
    expect(await categoryOf(caseId, sha256(photos[3]!))).toBeNull();
    const auto = await env.runtime.services.audit.recent({ action: 'media.categorise.auto', caseId, limit: 10 });
    const audited = Object.assign({}, ...auto.map((e) => e.details.categorised as Record<string, string>));
    expect(audited).toMatchObject({ [sha256(exact)]: '1', [sha256(flipped)]: '1' });
    const matches = (await api('ana', 'GET', `/api/cases/${caseId}/media/${sha256(flipped)}/matches`)).json().matches;
    expect(matches[0]).toMatchObject({ kind: 'near', source: 'hashset', hashSet: { name: 'Series 777' } });
    expect(matches[0].distance).toBeLessThanOrEqual(31);
  });

  it('re-matches existing cases after an import, and never overrides a manual category (it flags the conflict)', async () => {
    const [a, b] = [await scenePhoto(901), await scenePhoto(902)];
    const caseId = await ingestCase('ana', 'AM-LATER', [
      { name: 'x/a.jpg', data: a },
      { name: 'x/b.jpg', data: b },
    ]);
    const ana = (await env.runtime.pool.query("SELECT id FROM users WHERE username = 'ana'")).rows[0].id;
    await env.runtime.pool.query(
      `INSERT INTO case_media (case_id, blob_sha256, category, scheme, source, categorised_by, categorised_at) VALUES ($1, $2, '0', 'vics2', 'manual', $3, now())`,
      [caseId, sha256(b), ana],
    );
    await importSet(
      'lead-am',
      'Later set',
      vicsMedia([
        { MD5: hashBuffer(a).md5, Category: 1 },
        { MD5: hashBuffer(b).md5, Category: 1 },
      ]),
    );
    await settle(async () => (await categoryOf(caseId, sha256(a)))?.category === '1');
    expect(await categoryOf(caseId, sha256(a))).toMatchObject({ category: '1', source: 'hashset' });
    await settle(async () => (await categoryOf(caseId, sha256(b)))?.conflict === true);
    expect(await categoryOf(caseId, sha256(b))).toMatchObject({ category: '0', source: 'manual', conflict: true });
  });

  it('matches a case again on demand (API), and prosecutors may not trigger it', async () => {
    const photo = await scenePhoto(1500);
    const caseId = await ingestCase('ana', 'AM-DEMAND', [{ name: 'p.jpg', data: photo }]);
    // A set that appears without an import (so no automatic re-match is queued): only on-demand matching finds it.
    const {
      rows: [set],
    } = await env.runtime.pool
      .query(`INSERT INTO hash_sets (name, version, format, owner_unit_id, imported_by_name, status, activated_at)
      SELECT 'Direct', '1', 'csv', id, 'test', 'active', now() FROM units WHERE name = 'Amsterdam' RETURNING id`);
    await env.runtime.pool.query(`CREATE TABLE direct_part PARTITION OF hash_set_entries FOR VALUES IN ('${set.id}')`);
    await env.runtime.pool.query(`INSERT INTO hash_set_entries (set_id, md5, category) VALUES ($1, $2, '3')`, [
      set.id,
      hashBuffer(photo).md5,
    ]);
    expect(await categoryOf(caseId, sha256(photo))).toBeNull();
    const response = await api('ana', 'POST', `/api/cases/${caseId}/rematch`);
    expect(response.statusCode).toBe(202);
    await settle(async () => (await categoryOf(caseId, sha256(photo)))?.category === '3');
    const audit = await env.runtime.services.audit.recent({ action: 'case.rematch', caseId, limit: 5 });
    expect(audit).toHaveLength(1);
    await addUser(env, 'ovj-am', 'Amsterdam', 'prosecutor');
    cookies['ovj-am'] = await login(env, 'ovj-am');
    await env.runtime.services.cases.addMember(
      { id: null, username: 'system', role: 'admin', unitId: 0 },
      caseId,
      'ovj-am',
    );
    expect((await api('ovj-am', 'POST', `/api/cases/${caseId}/rematch`)).statusCode).toBe(403);
  });

  it('un-knows content that a new version of a set no longer lists, but keeps manual categories', async () => {
    const [gone, stays] = [await scenePhoto(1601), await scenePhoto(1602)];
    const caseId = await ingestCase('ana', 'AM-REVOKE', [
      { name: 'g.jpg', data: gone },
      { name: 's.jpg', data: stays },
    ]);
    await importSet(
      'lead-am',
      'Revocable',
      vicsMedia([
        { MD5: hashBuffer(gone).md5, Category: 1 },
        { MD5: hashBuffer(stays).md5, Category: 2 },
      ]),
      '&version=1',
    );
    await settle(
      async () =>
        (await categoryOf(caseId, sha256(gone)))?.category === '1' &&
        (await categoryOf(caseId, sha256(stays)))?.category === '2',
    );
    await importSet('lead-am', 'Revocable', vicsMedia([{ MD5: hashBuffer(stays).md5, Category: 2 }]), '&version=2');
    await settle(async () => (await categoryOf(caseId, sha256(gone)))?.category === null);
    expect(await categoryOf(caseId, sha256(gone))).toMatchObject({ category: null, source: null });
    expect(await categoryOf(caseId, sha256(stays))).toMatchObject({ category: '2', source: 'hashset' });
    const auto = await env.runtime.services.audit.recent({ action: 'media.categorise.auto', caseId, limit: 10 });
    expect(auto.some((e) => (e.details.categorised as Record<string, string | null>)[sha256(gone)] === null)).toBe(
      true,
    );
  });

  it('round-trips: a VICS export re-imports to the same categories', async () => {
    const files = [await scenePhoto(1001), await scenePhoto(1002), await scenePhoto(1003)];
    const source = await ingestCase(
      'ana',
      'AM-EXPORT',
      files.map((data, i) => ({ name: `e/${i}.jpg`, data })),
    );
    const ana = (await env.runtime.pool.query("SELECT id FROM users WHERE username = 'ana'")).rows[0].id;
    await env.runtime.pool.query(
      `INSERT INTO case_media (case_id, blob_sha256, category, scheme, source, categorised_by, categorised_at)
      VALUES ($1, $2, '1', 'vics2', 'manual', $4, now()), ($1, $3, '4', 'vics2', 'manual', $4, now())`,
      [source, sha256(files[0]!), sha256(files[1]!), ana],
    );
    const exported = await api('ana', 'GET', `/api/cases/${source}/export/vics`);
    expect(exported.statusCode).toBe(200);
    const doc = JSON.parse(exported.body);
    expect(doc['@odata.context']).toMatch(/2\.0\.xml\/US\/\$metadata#Cases$/);
    expect(doc.value[0].CaseNumber).toBe('AM-EXPORT');
    const media = doc.value[0].Media as Array<Record<string, unknown>>;
    expect(media).toHaveLength(3);
    expect(media.filter((m) => !('Category' in m))).toHaveLength(1);
    expect(
      media.every((m) => (m.AlternativeHashes as Array<{ HashName: string }>).some((h) => h.HashName === 'PDQ')),
    ).toBe(true);
    const imported = await importSet('lead-am', 'Round trip', exported.body);
    expect(imported.result.entries).toBe(3);
    const target = await ingestCase(
      'ana',
      'AM-REIMPORT',
      files.map((data, i) => ({ name: `copy/${i}.jpg`, data })),
    );
    expect(await categoryOf(target, sha256(files[0]!))).toMatchObject({ category: '1', source: 'hashset' });
    expect(await categoryOf(target, sha256(files[1]!))).toMatchObject({ category: '4', source: 'hashset' });
    expect(await categoryOf(target, sha256(files[2]!))).toBeNull();
  });
});

describe('cross-case links and need-to-know', () => {
  let amCase: string;
  let limCase: string;
  const shared = () => photos[3]!;

  beforeAll(async () => {
    amCase = await ingestCase('ana', 'AM-LINK', [{ name: 'phone/shared.jpg', data: shared() }]);
    limCase = await ingestCase('lim', 'LB-LINK', [
      { name: 'disk/same.jpg', data: shared() },
      { name: 'disk/resized.jpg', data: await sharp(shared()).resize(500).jpeg().toBuffer() },
    ]);
  });

  it('links the same content across units in both directions', async () => {
    const fromLim = (await api('lim', 'GET', `/api/cases/${limCase}/media/${sha256(shared())}/matches`)).json().matches;
    const amHit = fromLim.find((m: { case: { number: string } | null }) => m.case?.number === 'AM-LINK');
    expect(amHit).toMatchObject({
      kind: 'exact',
      source: 'case',
      case: { number: 'AM-LINK', unit: 'Amsterdam', visible: false, contact: '+31 6 1234 5678 (TBKK Amsterdam)' },
      category: null,
    });
    const fromAm = (await api('ana', 'GET', `/api/cases/${amCase}/media/${sha256(shared())}/matches`)).json().matches;
    expect(fromAm.find((m: { case: { number: string } | null }) => m.case?.number === 'LB-LINK')).toMatchObject({
      source: 'case',
      case: { unit: 'Limburg', visible: false, matchCount: 2 },
    });
  });

  it('a lookup reveals only number, unit, contact and a count for cases the user may not open', async () => {
    const ana = (await api('ana', 'POST', '/api/lookup', { sha256: sha256(shared()) })).json().matches;
    expect(ana.find((m: { case: { number: string } | null }) => m.case?.number === 'AM-LINK')).toMatchObject({
      case: { visible: true },
    });
    const hidden = ana.find((m: { case: { number: string } | null }) => m.case?.number === 'LB-LINK');
    expect(hidden).toMatchObject({
      case: { number: 'LB-LINK', unit: 'Limburg', visible: false },
      category: null,
      series: null,
    });
    expect(Object.keys(hidden.case).sort()).toEqual(['contact', 'matchCount', 'number', 'unit', 'visible']);
    const lead = (await api('lead-am', 'POST', '/api/lookup', { sha256: sha256(shared()) })).json().matches;
    expect(lead.find((m: { case: { number: string } | null }) => m.case?.number === 'AM-LINK').case.visible).toBe(true);
    expect(lead.find((m: { case: { number: string } | null }) => m.case?.number === 'LB-LINK').case.visible).toBe(
      false,
    );
  });

  it('an image lookup hashes like ingest and finds near copies; nothing is stored', async () => {
    const probe = await sharp(shared()).resize(640).jpeg({ quality: 60 }).toBuffer();
    const result = (
      await api('lim', 'POST', '/api/lookup/image', probe, { 'content-type': 'application/octet-stream' })
    ).json();
    expect(result.query.sha256).toBe(sha256(probe));
    expect(
      result.matches.some(
        (m: { kind: string; case: { number: string } | null }) => m.kind === 'near' && m.case?.number === 'LB-LINK',
      ),
    ).toBe(true);
    expect(
      (await env.runtime.pool.query('SELECT count(*)::int AS n FROM blobs WHERE sha256 = $1', [sha256(probe)])).rows[0]
        .n,
    ).toBe(0);
  });

  it("outsiders cannot see another case's links at all, and every lookup and link view is audited", async () => {
    expect((await api('lim', 'GET', `/api/cases/${amCase}/media/${sha256(shared())}/matches`)).statusCode).toBe(404);
    const lookups = await env.runtime.services.audit.recent({ action: 'lookup', limit: 100 });
    expect(
      lookups.some(
        (e) => e.actor_name === 'ana' && (e.details.query as { sha256: string })?.sha256 === sha256(shared()),
      ),
    ).toBe(true);
    expect(lookups.some((e) => e.actor_name === 'lim' && (e.details.image as { sha256: string })?.sha256)).toBe(true);
    const views = await env.runtime.services.audit.recent({ action: 'links.view', limit: 100 });
    expect(views.some((e) => e.actor_name === 'lim' && e.case_id === limCase)).toBe(true);
    expect(await env.runtime.services.audit.verify()).toMatchObject({ ok: true });
  });

  it('refuses lookup radii wider than 31, which would list unrelated cases', async () => {
    expect((await api('ana', 'POST', '/api/lookup', { pdq: 'f'.repeat(64), radius: 64 })).statusCode).toBe(400);
    expect(
      (
        await api('ana', 'POST', '/api/lookup/image?radius=40', photos[0]!, {
          'content-type': 'application/octet-stream',
        })
      ).statusCode,
    ).toBe(400);
  });
});
