// The media API through the real app, queue, workers, PostgreSQL and folder store, on a generated export.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildZip, gradientJpeg, sha256 } from '../fixtures/hostile-export.ts';
import type { Media } from '../../server/schemas/media.ts';
import { sceneSvg, scenePhoto, travelled } from '../fixtures/photos.ts';
import { allItems, startWorkers, uploadEvidence, waitForEvidence } from './helpers/ingest.ts';
import { addUser, createTestEnv, login, type TestEnv } from './helpers/runtime.ts';

let env: TestEnv;
let caseId: string;
const cookies: Record<string, string> = {};
const sha: Record<string, string> = {};
let nearGroup: number;

const call = (who: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
  env.app.inject({ method, url, headers: { cookie: cookies[who]! }, payload });

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

async function buildExport() {
  const original = await scenePhoto(11);
  const copies = await travelled(original);
  const dup = await gradientJpeg(3, 120, 90);
  const files = {
    'dcim/original.jpg': original,
    'whatsapp/recompressed.jpg': copies.recompressed,
    'telegram/resized.jpg': copies.resized,
    'web/watermarked.jpg': copies.watermarked,
    'screens/copy.png': copies.png,
    'other/unrelated.jpg': await scenePhoto(99),
    'other/second.jpg': await scenePhoto(42),
    'dup/a/same.jpg': dup,
    'dup/b/same-again.jpg': dup,
    'camera/gps.jpg': await exifPhoto(),
    'notes/readme.txt': Buffer.from('synthetic note'),
    'broken/truncated.jpg': original.subarray(0, 900),
  };
  for (const [name, data] of Object.entries(files)) sha[name] = sha256(data);
  return buildZip(Object.entries(files).map(([name, data]) => ({ name, data })));
}

async function allPages(who: string, query: string, limit = 2) {
  const seen: Media[] = [];
  let after: string | null = null;
  let total: number | undefined;
  for (let guard = 0; guard < 100; guard++) {
    const url = `/api/cases/${caseId}/media?limit=${limit}&${query}${after ? `&after=${encodeURIComponent(after)}` : ''}`;
    const response = await call(who, 'GET', url);
    expect(response.statusCode, response.body).toBe(200);
    const page = response.json();
    if (!after) total = page.total;
    seen.push(...page.items);
    if (page.next === null) return { items: seen, total };
    after = page.next;
  }
  throw new Error('pagination did not end');
}

const auditFor = async (action: string) =>
  (
    await env.runtime.pool.query('SELECT * FROM audit_log WHERE case_id = $1 AND action = $2 ORDER BY id', [
      caseId,
      action,
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
  caseId = (await call('ana', 'POST', '/api/cases', { number: 'AM-MEDIA-1', title: 'media' })).json().id;
  // Members are managed by the unit's leads and admins, not by the analyst: added here as the system admin.
  await env.runtime.services.cases.addMember({ id: null, username: 'system', role: 'admin', unitId: 0 }, caseId, 'ovj');
  const upload = await uploadEvidence(env, cookies.ana!, caseId, 'export.zip', await buildExport());
  expect(upload.statusCode).toBe(201);
  await waitForEvidence(env, upload.json().id);
  const items = await allItems(env, cookies.ana!, caseId);
  nearGroup = items.find((i) => i.path.endsWith('dcim/original.jpg'))!.nearGroup!;
  expect(nearGroup).not.toBeNull();
});
afterAll(() => env.close());

describe('grid pagination', () => {
  it.each(['path', 'date', 'group'])('returns every media exactly once across pages, sorted by %s', async (sort) => {
    const expected = new Set(Object.values(sha));
    const { items, total } = await allPages('ana', `sort=${sort}`);
    expect(items.map((m) => m.sha256).sort()).toEqual([...expected].sort());
    expect(total).toBe(expected.size); // 12 files, 11 contents: two files share one
  });

  it('orders by path, date (EXIF first) and group, and rejects a cursor of another sort', async () => {
    const byPath = (await allPages('ana', 'sort=path', 50)).items;
    expect(byPath.map((m) => m.firstPath)).toEqual([...byPath.map((m) => m.firstPath)].sort());
    expect(byPath.find((m) => m.sha256 === sha['dup/a/same.jpg'])).toMatchObject({
      itemCount: 2,
      duplicate: true,
      firstPath: 'export.zip!/dup/a/same.jpg',
    });
    const byDate = (await allPages('ana', 'sort=date', 50)).items;
    expect(byDate.find((m) => m.sha256 === sha['camera/gps.jpg'])!.date).toBe('2021-06-01T12:34:56.000Z');
    const byGroup = (await allPages('ana', 'sort=group', 50)).items;
    expect(byGroup.slice(0, 5).every((m) => m.nearGroup === nearGroup)).toBe(true);
    const first = (await call('ana', 'GET', `/api/cases/${caseId}/media?limit=1&sort=path`)).json();
    expect((await call('ana', 'GET', `/api/cases/${caseId}/media?sort=date&after=${first.next}`)).statusCode).toBe(400);
    expect((await call('ana', 'GET', `/api/cases/${caseId}/media?after=bm9uc2Vuc2U`)).statusCode).toBe(400);
  });
});

describe('filters', () => {
  const shas = async (query: string) => (await allPages('ana', query, 100)).items.map((m) => m.sha256).sort();

  it('filters by near group, duplicates, errors, MIME, EXIF camera, GPS, dates and path text', async () => {
    const group = [
      'dcim/original.jpg',
      'whatsapp/recompressed.jpg',
      'telegram/resized.jpg',
      'web/watermarked.jpg',
      'screens/copy.png',
    ];
    expect(await shas(`nearGroup=${nearGroup}`)).toEqual(group.map((n) => sha[n]).sort());
    expect(await shas('duplicate=true')).toEqual([sha['dup/a/same.jpg']]);
    expect(await shas('hasError=true')).toEqual([sha['broken/truncated.jpg']]);
    expect(await shas('mime=image/png')).toEqual([sha['screens/copy.png']]);
    expect(await shas('mime=text/')).toEqual([sha['notes/readme.txt']]);
    expect(await shas('make=synthcam&model=S-1')).toEqual([sha['camera/gps.jpg']]);
    expect(await shas('hasGps=true')).toEqual([sha['camera/gps.jpg']]);
    expect(await shas('from=2021-06-01T00:00:00Z&to=2021-06-02T00:00:00Z')).toEqual([sha['camera/gps.jpg']]);
    expect(await shas('q=WHATSAPP')).toEqual([sha['whatsapp/recompressed.jpg']]);
    expect(await shas('q=same-again')).toEqual([sha['dup/a/same.jpg']]);
    expect(await shas('q=%25')).toEqual([]);
    expect((await shas('grouped=false')).length).toBe(6);
  });

  it('lists the files that could not be used, with their reasons', async () => {
    const page = (await call('ana', 'GET', `/api/cases/${caseId}/item-errors?limit=10`)).json();
    expect(page.items).toEqual([
      expect.objectContaining({
        path: 'export.zip!/broken/truncated.jpg',
        evidenceName: 'export.zip',
        error: expect.stringMatching(/\S/),
      }),
    ]);
    expect(page.next).toBeNull();
  });

  it('lists facets and case counts', async () => {
    const facets = (await call('ana', 'GET', `/api/cases/${caseId}/media/facets`)).json();
    expect(facets.makes).toEqual([{ value: 'Synthcam', count: 1 }]);
    expect(facets.mimes.find((f: { value: string }) => f.value === 'image/jpeg').count).toBeGreaterThanOrEqual(8);
    const counts = (await call('ana', 'GET', `/api/cases/${caseId}/counts`)).json();
    expect(counts).toMatchObject({ files: 12, media: 11, errors: 1, known: 0 });
    expect(counts.images).toBeGreaterThanOrEqual(9);
  });
});

describe('categorisation', () => {
  it('categorises in one transaction with one audit entry listing the hashes, and reports what changed', async () => {
    const targets = [sha['other/unrelated.jpg']!, sha['other/second.jpg']!];
    const response = await call('ana', 'POST', `/api/cases/${caseId}/media/categorise`, {
      sha256s: targets,
      category: '1',
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().changed).toHaveLength(2);
    expect(response.json().changed[0]).toMatchObject({ previousCategory: null, previousSource: null });
    expect(await allPages('ana', 'category=1', 100).then((p) => p.items.map((m) => m.sha256).sort())).toEqual(
      [...targets].sort(),
    );
    const [entry] = (await auditFor('media.categorise')).filter((r) => r.details.category === '1');
    expect(entry.actor_name).toBe('ana');
    expect(entry.details).toMatchObject({ scheme: 'vics2', count: 2, previous: { none: 2 } });
    expect([...entry.details.sha256s].sort()).toEqual([...targets].sort());
    const row = (
      await env.runtime.pool.query('SELECT * FROM case_media WHERE case_id = $1 AND blob_sha256 = $2', [
        caseId,
        targets[0],
      ])
    ).rows[0];
    expect(row).toMatchObject({
      source: 'manual',
      category: '1',
      conflict: false,
      provenance: expect.objectContaining({ by: 'ana' }),
    });
    expect(row.categorised_at).toBeInstanceOf(Date);
  });

  it('categorises a whole near-duplicate group at once', async () => {
    const response = await call('ana', 'POST', `/api/cases/${caseId}/media/categorise-group`, {
      nearGroup,
      category: '2',
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().changed).toHaveLength(5);
    const members = (await allPages('ana', `nearGroup=${nearGroup}`, 100)).items;
    expect(members.every((m) => m.category === '2' && m.categorySource === 'manual')).toBe(true);
    const entry = (await auditFor('media.categorise')).at(-1)!;
    expect(entry.details).toMatchObject({ nearGroup, count: 5, category: '2' });
    const groups = (await call('ana', 'GET', `/api/cases/${caseId}/groups`)).json();
    expect(groups.groups).toEqual([
      expect.objectContaining({ nearGroup, members: 5, uncategorised: 0, categories: ['2'] }),
    ]);
    expect(Object.values(sha)).toContain(groups.groups[0].representative);
  });

  it('clears a category, rejects unknown categories and content from other cases, and 404s an unknown group', async () => {
    const target = sha['other/second.jpg']!;
    const cleared = await call('ana', 'POST', `/api/cases/${caseId}/media/categorise`, {
      sha256s: [target],
      category: null,
    });
    expect(cleared.json().changed).toEqual([{ sha256: target, previousCategory: '1', previousSource: 'manual' }]);
    expect(
      (await call('ana', 'POST', `/api/cases/${caseId}/media/categorise`, { sha256s: [target], category: '9' }))
        .statusCode,
    ).toBe(400);
    const foreign = await call('ana', 'POST', `/api/cases/${caseId}/media/categorise`, {
      sha256s: [target, 'f'.repeat(64)],
      category: '0',
    });
    expect(foreign.statusCode).toBe(404);
    expect((await call('ana', 'GET', `/api/cases/${caseId}/media/${target}`)).json().category).toBeNull();
    expect(
      (await call('ana', 'POST', `/api/cases/${caseId}/media/categorise-group`, { nearGroup: 999999, category: '0' }))
        .statusCode,
    ).toBe(404);
    expect(
      (
        await call('ana', 'POST', `/api/cases/${caseId}/media/categorise-group`, {
          nearGroups: [nearGroup, 999999],
          category: '0',
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (await call('ana', 'POST', `/api/cases/${caseId}/media/categorise-group`, { category: '0' })).statusCode,
    ).toBe(400);
    const several = await call('ana', 'POST', `/api/cases/${caseId}/media/categorise-group`, {
      nearGroups: [nearGroup],
      category: '2',
    });
    expect(several.json().changed).toHaveLength(5);
    expect((await auditFor('media.categorise')).at(-1)!.details).toMatchObject({ nearGroup, count: 5 });
  });

  it('shows a hash-set category as such, and a manual categorisation replaces it', async () => {
    const target = sha['camera/gps.jpg']!;
    await env.runtime.pool.query(
      `INSERT INTO case_media (case_id, blob_sha256, category, scheme, source, provenance)
      VALUES ($1, $2, '1', 'vics2', 'hashset', '{"hashSet": "synthetic-set"}')`,
      [caseId, target],
    );
    const before = (await allPages('ana', 'known=true', 100)).items;
    expect(before).toEqual([
      expect.objectContaining({ sha256: target, category: '1', categorySource: 'hashset', known: true }),
    ]);
    const response = await call('ana', 'POST', `/api/cases/${caseId}/media/categorise`, {
      sha256s: [target],
      category: '0',
    });
    expect(response.json().changed).toEqual([{ sha256: target, previousCategory: '1', previousSource: 'hashset' }]);
    const detail = (await call('ana', 'GET', `/api/cases/${caseId}/media/${target}`)).json();
    expect(detail).toMatchObject({
      category: '0',
      categorySource: 'manual',
      categorisedBy: 'ana',
      provenance: expect.objectContaining({ by: 'ana' }),
    });
  });
});

describe('detail, thumbnails, reveal and notes', () => {
  it('shows every hash, every path, EXIF with GPS as text, and audits the view', async () => {
    const dup = sha['dup/a/same.jpg']!;
    const detail = (await call('ana', 'GET', `/api/cases/${caseId}/media/${dup}`)).json();
    expect(detail.paths.map((p: { path: string }) => p.path)).toEqual([
      'export.zip!/dup/a/same.jpg',
      'export.zip!/dup/b/same-again.jpg',
    ]);
    expect(detail).toMatchObject({
      sha256: dup,
      md5: expect.stringMatching(/^[0-9a-f]{32}$/),
      sha1: expect.stringMatching(/^[0-9a-f]{40}$/),
      width: 120,
      height: 90,
    });
    expect(detail.pdq).toMatch(/^[0-9a-f]{64}$/);
    const gps = (await call('ana', 'GET', `/api/cases/${caseId}/media/${sha['camera/gps.jpg']}`)).json();
    expect(gps.exif).toMatchObject({ make: 'Synthcam', model: 'S-1', dateTimeOriginal: '2021-06-01T12:34:56.000Z' });
    expect(gps.gps).toBe('52.37009° N, 4.88333° E');
    expect((await auditFor('media.view')).map((r) => r.target_id)).toEqual(
      expect.arrayContaining([dup, sha['camera/gps.jpg']]),
    );
  });

  it('serves thumbnails privately and audits concurrent views as one group-committed entry', async () => {
    const a = sha['other/unrelated.jpg']!;
    const b = sha['dcim/original.jpg']!;
    const [ra, rb] = await Promise.all(
      [a, b].map((s) => call('ana', 'GET', `/api/cases/${caseId}/media/${s}/thumbnail`)),
    );
    for (const r of [ra!, rb!]) {
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-type']).toBe('image/webp');
      expect(r.headers['cache-control']).toBe('private, max-age=3600');
      expect((await sharp(r.rawPayload).metadata()).format).toBe('webp');
    }
    const entries = await auditFor('media.thumbnail');
    expect(entries).toHaveLength(1);
    expect([...entries[0].details.sha256s].sort()).toEqual([a, b].sort());
    expect(
      (await call('ana', 'GET', `/api/cases/${caseId}/media/${sha['notes/readme.txt']}/thumbnail`)).statusCode,
    ).toBe(404);
  });

  it('audits every reveal individually', async () => {
    const target = sha['dcim/original.jpg']!;
    for (let i = 0; i < 2; i++)
      expect((await call('ana', 'POST', `/api/cases/${caseId}/media/${target}/reveal`)).statusCode).toBe(200);
    expect((await auditFor('media.reveal')).filter((r) => r.target_id === target)).toHaveLength(2);
  });

  it('saves notes and audits them', async () => {
    const target = sha['other/unrelated.jpg']!;
    const saved = await call('ana', 'PUT', `/api/cases/${caseId}/media/${target}/notes`, {
      notes: 'school logo visible: check series',
    });
    expect(saved.json()).toEqual({ sha256: target, notes: 'school logo visible: check series' });
    const detail = (await call('ana', 'GET', `/api/cases/${caseId}/media/${target}`)).json();
    expect(detail).toMatchObject({ notes: 'school logo visible: check series', category: '1' });
    expect((await auditFor('media.notes')).at(-1)!.details).toMatchObject({
      notes: 'school logo visible: check series',
    });
  });
});

describe('need-to-know', () => {
  const routes = (s: string): Array<['GET' | 'POST' | 'PUT', string, object?]> => [
    ['GET', `/api/cases/${caseId}/media`],
    ['GET', `/api/cases/${caseId}/media/facets`],
    ['GET', `/api/cases/${caseId}/counts`],
    ['GET', `/api/cases/${caseId}/groups`],
    ['GET', `/api/cases/${caseId}/item-errors`],
    ['GET', `/api/cases/${caseId}/media/${s}`],
    ['GET', `/api/cases/${caseId}/media/${s}/thumbnail`],
    ['POST', `/api/cases/${caseId}/media/${s}/reveal`],
    ['PUT', `/api/cases/${caseId}/media/${s}/notes`, { notes: 'x' }],
    ['POST', `/api/cases/${caseId}/media/categorise`, { sha256s: [s], category: '1' }],
    ['POST', `/api/cases/${caseId}/media/categorise-group`, { nearGroup, category: '1' }],
  ];

  it('answers 404 to a non-member on every media route, thumbnails included', async () => {
    for (const [method, url, body] of routes(sha['dcim/original.jpg']!)) {
      expect((await call('outsider', method, url, body)).statusCode, `${method} ${url}`).toBe(404);
    }
    expect(await auditFor('media.thumbnail').then((rows) => rows.some((r) => r.actor_name === 'outsider'))).toBe(false);
  });

  it('answers 404 for content that is not part of the case', async () => {
    const foreign = 'e'.repeat(64);
    for (const url of [`/api/cases/${caseId}/media/${foreign}`, `/api/cases/${caseId}/media/${foreign}/thumbnail`]) {
      expect((await call('ana', 'GET', url)).statusCode).toBe(404);
    }
  });

  it('gives a prosecutor read-only metadata: 403 on categorising, notes, thumbnails and reveals', async () => {
    const s = sha['dcim/original.jpg']!;
    expect((await call('ovj', 'GET', `/api/cases/${caseId}/media`)).statusCode).toBe(200);
    expect((await call('ovj', 'GET', `/api/cases/${caseId}/counts`)).statusCode).toBe(200);
    for (const [method, url, body] of routes(s).slice(6)) {
      expect((await call('ovj', method, url, body)).statusCode, `${method} ${url}`).toBe(403);
    }
  });

  it('requires a session', async () => {
    expect((await env.app.inject({ method: 'GET', url: `/api/cases/${caseId}/media` })).statusCode).toBe(401);
    expect((await env.app.inject({ method: 'GET', url: '/api/categories' })).statusCode).toBe(401);
  });

  it('lists the category schemes with Dutch and English labels', async () => {
    const body = (await call('ana', 'GET', '/api/categories')).json();
    expect(body.default).toBe('vics2');
    expect(body.schemes[0].categories[1]).toEqual({
      value: '1',
      key: '1',
      nl: 'Kindermisbruikmateriaal',
      en: 'Child abuse material',
      severity: 'high',
    });
  });
});
