// The grid's per-case media projection (migration 012) through the real app, queue, workers and PostgreSQL: after
// ingest, categorisation, hash-set matching, a second evidence and a regroup, every page, total, count, facet and
// group equals the from-scratch aggregate; and a page, its total, the counts, facets and groups read only what they
// return, whatever the size of the case.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildZip, gradientJpeg, sha256 } from '../fixtures/hostile-export.ts';
import { sceneSvg, scenePhoto, travelled } from '../fixtures/photos.ts';
import { presentMedia } from '../../server/presenters/media.ts';
import { SYSTEM_ACTOR } from '../../server/services/actor.ts';
import { mediaService } from '../../server/services/media.service.ts';
import type { Media } from '../../server/schemas/media.ts';
import { inTransaction } from '../../storage/db.ts';
import type { MediaFilterParams } from '../../storage/repositories/media-grid.repository.ts';
import { groupCaseIn } from '../../workers/handlers/group-case.ts';
import { seedSyntheticCase } from '../e2e/synthetic-case.ts';
import { aggregateCounts, aggregateFacets, aggregateGroups, aggregateMedia } from './helpers/media-aggregate.ts';
import { explainingPool } from './helpers/explaining-pool.ts';
import { startWorkers, uploadEvidence, waitForEvidence } from './helpers/ingest.ts';
import { addUser, createTestEnv, login, type TestEnv } from './helpers/runtime.ts';

let env: TestEnv;
let caseId: string;
const cookies: Record<string, string> = {};
const sha: Record<string, string> = {};

const call = (who: string, method: 'GET' | 'POST', url: string, payload?: unknown, headers = {}) =>
  env.app.inject({ method, url, headers: { cookie: cookies[who]!, ...headers }, payload: payload as never });
const db = () => env.runtime.pool;

async function settle(check: () => Promise<boolean>, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

const exifPhoto = () =>
  sharp(sceneSvg(5, 400, 300))
    .withExif({
      IFD0: { Make: 'Synthcam', Model: 'S-1' },
      IFD2: { DateTimeOriginal: '2021:06:01 12:34:56' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '52/1 22/1 1234/100',
        GPSLongitudeRef: 'E',
        GPSLongitude: '4/1 53/1 0/1',
      },
    })
    .jpeg()
    .toBuffer();

async function ingest(name: string, files: Record<string, Buffer>, encrypted: string[] = []) {
  for (const [path, data] of Object.entries(files)) sha[path] = sha256(data);
  const members = Object.entries(files).map(([n, data]) => ({ name: n, data, flags: encrypted.includes(n) ? 1 : 0 }));
  const upload = await uploadEvidence(env, cookies.ana!, caseId, name, buildZip(members));
  expect(upload.statusCode).toBe(201);
  await waitForEvidence(env, upload.json().id);
}

async function gridPages(query: string, limit: number): Promise<{ items: Media[]; total: number }> {
  const items: Media[] = [];
  let total = -1;
  for (let after: string | null = null, guard = 0; guard < 200; guard++) {
    const cursor: string = after ? `&after=${encodeURIComponent(after)}` : '';
    const response = await call('ana', 'GET', `/api/cases/${caseId}/media?limit=${limit}&${query}${cursor}`);
    expect(response.statusCode, response.body).toBe(200);
    const page = response.json();
    if (!after) total = page.total;
    items.push(...page.items);
    if (page.next === null) return { items, total };
    after = page.next;
  }
  throw new Error('pagination did not end');
}

/** API filter query → the aggregate's parameters (what the service derives from the same query). */
function filterCases(nearGroup: number): Array<[string, Partial<MediaFilterParams>]> {
  return [
    ['', {}],
    ['category=none', { uncategorised: true }],
    ['category=1', { category: '1' }],
    ['known=true', { known: true }],
    ['known=false', { known: false }],
    ['duplicate=true', { duplicate: true }],
    ['grouped=false', { grouped: false }],
    ['hasError=true', { hasError: true }],
    ['mime=image/', { mimePrefix: 'image/' }],
    ['mime=image/png', { mime: 'image/png' }],
    ['make=SYNTHCAM', { make: 'SYNTHCAM' }],
    ['hasGps=true', { hasGps: true }],
    ['from=2021-01-01T00:00:00Z', { from: '2021-01-01T00:00:00Z' }],
    ['to=2021-06-02T00:00:00Z', { to: '2021-06-02T00:00:00Z' }],
    ['q=OTHER', { pathLike: '%OTHER%' }],
    [`nearGroup=${nearGroup}`, { nearGroup }],
    ['category=none&mime=image/jpeg&duplicate=false', { uncategorised: true, mime: 'image/jpeg', duplicate: false }],
  ];
}

/** Every answer of the grid equals the from-scratch aggregate over the case's sources. */
async function expectInStep() {
  for (const sort of ['path', 'date', 'group'] as const) {
    const expected = (await aggregateMedia(db(), caseId, sort, {})).map(presentMedia);
    expect(await gridPages(`sort=${sort}`, 3)).toEqual({ items: expected, total: expected.length });
  }
  const grouped = (await aggregateMedia(db(), caseId, 'group', { grouped: true }))[0];
  for (const [query, params] of filterCases(grouped ? Number(grouped.near_group) : 1)) {
    const expected = (await aggregateMedia(db(), caseId, 'path', params)).map(presentMedia);
    expect(await gridPages(query, 4), query).toEqual({ items: expected, total: expected.length });
  }
  const counts = (await call('ana', 'GET', `/api/cases/${caseId}/counts`)).json();
  expect(counts).toEqual(await aggregateCounts(db(), caseId));
  const facets = (await call('ana', 'GET', `/api/cases/${caseId}/media/facets`)).json();
  const rows = await aggregateFacets(db(), caseId);
  const of = (facet: string) => rows.filter((r) => r.facet === facet).map(({ value, count }) => ({ value, count }));
  expect(facets).toEqual({ mimes: of('mime'), makes: of('make'), models: of('model'), categories: of('category') });
  const groups = (await call('ana', 'GET', `/api/cases/${caseId}/groups?limit=100`)).json().groups;
  expect(groups).toEqual(
    (await aggregateGroups(db(), caseId)).map((g) => ({
      nearGroup: Number(g.group_id),
      members: g.members,
      representative: g.representative,
      representativeHasThumbnail: g.representative_has_thumbnail,
      uncategorised: g.uncategorised,
      categories: g.categories,
    })),
  );
}

const projected = async (target: string) =>
  (await db().query('SELECT * FROM media_projection WHERE case_id = $1 AND sha256 = $2', [caseId, target])).rows[0];

beforeAll(async () => {
  env = await createTestEnv();
  await startWorkers(env);
  await addUser(env, 'ana', 'Amsterdam', 'analyst');
  await addUser(env, 'lead-am', 'Amsterdam', 'lead');
  for (const u of ['ana', 'lead-am']) cookies[u] = await login(env, u);
  caseId = (await call('ana', 'POST', '/api/cases', { number: 'AM-PROJ-1', title: 'projection' })).json().id;
});
afterAll(() => env.close());

describe('the grid projection stays in step with its sources', () => {
  it('after an ingest with near and exact duplicates, EXIF, text, a broken and a rejected file', async () => {
    const original = await scenePhoto(11);
    const copies = await travelled(original);
    const dup = await gradientJpeg(3, 120, 90);
    await ingest(
      'export.zip',
      {
        'dcim/original.jpg': original,
        'whatsapp/recompressed.jpg': copies.recompressed,
        'telegram/resized.jpg': copies.resized,
        'screens/copy.png': copies.png,
        'other/a.jpg': await scenePhoto(42),
        'other/b.jpg': await scenePhoto(77),
        'dup/a/same.jpg': dup,
        'dup/b/same-again.jpg': dup,
        'camera/gps.jpg': await exifPhoto(),
        'notes/readme.txt': Buffer.from('synthetic note'),
        'broken/truncated.jpg': original.subarray(0, 900),
        'sealed/secret.jpg': await scenePhoto(5),
      },
      ['sealed/secret.jpg'],
    );
    // The workers drained as they went: nothing is left for the grid to catch up on.
    await settle(async () => (await projected(sha['camera/gps.jpg']!))?.make === 'Synthcam');
    expect((await projected(sha['dup/a/same.jpg']!)).item_count).toBe(2);
    await expectInStep();
    expect((await call('ana', 'GET', `/api/cases/${caseId}/counts`)).json()).toMatchObject({ files: 12, errors: 2 });
  });

  it('after manual categorisation, a whole group at once and a cleared category', async () => {
    const categorise = (body: object, path = 'categorise') =>
      call('ana', 'POST', `/api/cases/${caseId}/media/${path}`, body);
    expect((await categorise({ sha256s: [sha['other/a.jpg']], category: '1' })).statusCode).toBe(200);
    const group = (await projected(sha['dcim/original.jpg']!)).near_group;
    expect((await categorise({ nearGroup: Number(group), category: '2' }, 'categorise-group')).statusCode).toBe(200);
    expect((await categorise({ sha256s: [sha['telegram/resized.jpg']], category: null })).statusCode).toBe(200);
    await expectInStep();
  });

  it('after a hash-set import matches content (known, and categorised by the set)', async () => {
    const b = sha['other/b.jpg']!;
    const dupHash = (await db().query('SELECT md5, sha1 FROM blobs WHERE sha256 = $1', [sha['dup/a/same.jpg']]))
      .rows[0];
    const list = await call('lead-am', 'POST', '/api/hashsets/import?name=Known%20list', `${b}\n`, {
      'content-type': 'application/octet-stream',
    });
    expect(list.statusCode).toBe(202);
    const vics = JSON.stringify({
      'odata.metadata': 'http://github.com/ICMEC/ProjectVic/DataModels/1.1.xml/$metadata#Media',
      value: [{ MediaID: 1, MD5: dupHash.md5, SHA1: dupHash.sha1, Category: '3' }],
    });
    const set = await call('lead-am', 'POST', '/api/hashsets/import?name=Categorised%20set', vics, {
      'content-type': 'application/octet-stream',
    });
    expect(set.statusCode).toBe(202);
    // The match job drains the projection itself: the rows turn known without a grid read.
    await settle(async () => (await projected(b))?.known === true);
    await settle(async () => (await projected(sha['dup/a/same.jpg']!))?.category === '3');
    expect(await projected(sha['dup/a/same.jpg']!)).toMatchObject({ category_source: 'hashset', known: true });
    await expectInStep();
  });

  it('after a second evidence adds copies (new first path, duplicates, a larger group) and a regroup', async () => {
    const original = await scenePhoto(11);
    const copies = await travelled(original);
    await ingest('more.zip', {
      'aaa/first.jpg': await exifPhoto(),
      'web/watermarked.jpg': copies.watermarked,
      'z/again.jpg': await scenePhoto(42),
      'z/new.jpg': await scenePhoto(123),
    });
    await settle(async () => (await projected(sha['aaa/first.jpg']!))?.item_count === 2);
    await expectInStep();
    // Ungrouped, then regrouped from scratch as the regroup job does: every membership is written again.
    await db().query('DELETE FROM case_near_groups WHERE case_id = $1', [caseId]);
    await expectInStep();
    expect(await inTransaction(db(), (tx) => groupCaseIn(tx, caseId, true))).toBeGreaterThan(4);
    await expectInStep();
  });

  it('after writes straight in SQL, as older tools and tests make them: the grid drains before it reads', async () => {
    await db().query('UPDATE case_media SET conflict = true WHERE case_id = $1 AND blob_sha256 = $2', [
      caseId,
      sha['other/a.jpg'],
    ]);
    await db().query("DELETE FROM items WHERE case_id = $1 AND source_path = 'export.zip!/dup/b/same-again.jpg'", [
      caseId,
    ]);
    await db().query("UPDATE blobs SET decode_error = 'unreadable' WHERE sha256 = $1", [sha['z/new.jpg']]);
    await expectInStep();
  });
});

describe('a grid that does not grow with the case', () => {
  // Each step touches about one buffer per row it returns plus a few index pages, however large the case. The
  // former aggregate read every item, blob and category of the case: over 600 buffers at 10k, per request.
  it('reads for a page, its total, the counts, facets and a page of groups only what it returns', async () => {
    const id = (await call('ana', 'POST', '/api/cases', { number: 'AM-SCALE-10K', title: 'scale' })).json().id;
    await seedSyntheticCase(db(), id, 10_000);
    const deep = await env.runtime.services.media.page(SYSTEM_ACTOR, id, { sort: 'date', limit: 5000 });
    // One connection, asked twice: the second round finds its plans cached, so planning is not counted as work.
    const client = await db().connect();
    try {
      const probe = explainingPool(client);
      const media = mediaService(probe.pool, env.runtime.store, env.runtime.services.cases, env.runtime.services.audit);
      const members = (g: { groups: Array<{ members: number }> }) => g.groups.reduce((n, x) => n + x.members, 0);
      const steps: Record<string, () => Promise<number>> = {
        'first page and total': async () =>
          (await media.page(SYSTEM_ACTOR, id, { sort: 'path', limit: 200 })).rows.length,
        'deep page': async () =>
          (await media.page(SYSTEM_ACTOR, id, { sort: 'date', limit: 200, after: deep.next! })).rows.length,
        'filtered first page': async () =>
          (await media.page(SYSTEM_ACTOR, id, { sort: 'group', limit: 200, category: 'none' })).rows.length,
        counts: async () => (await media.counts(SYSTEM_ACTOR, id), 0),
        facets: async () => (await media.facets(SYSTEM_ACTOR, id), 0),
        groups: async () => members(await media.groups(SYSTEM_ACTOR, id, 0, 100)),
      };
      for (const work of Object.values(steps)) await work();
      for (const [name, work] of Object.entries(steps)) {
        const returned = await probe.measure(name, work);
        const buffers = probe.tally[name]!;
        expect(buffers, `${name}: ${JSON.stringify(probe.tally)}`).toBeLessThanOrEqual(returned + 60);
      }
    } finally {
      client.release();
    }
  }, 300_000);
});
