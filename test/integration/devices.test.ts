// Devices, places and times (issue 12): camera bodies from EXIF/XMP link two cases through the body serial and
// nothing else; damaged EXIF, odd dates, turned pictures and pictures without EXIF are ingested with clear facts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildZip, sha256 } from '../fixtures/hostile-export.ts';
import { cameraPhoto, truncateExif } from '../fixtures/camera-photos.ts';
import { scenePhoto } from '../fixtures/photos.ts';
import { MAKER_SPELLINGS, normaliseMake } from '../../workers/ingest/exif-normalise.ts';
import { startWorkers, uploadEvidence, waitForEvidence } from './helpers/ingest.ts';
import { runCli } from './helpers/process.ts';
import { addUser, createTestEnv, login, type TestEnv } from './helpers/runtime.ts';

let env: TestEnv;
const cookies: Record<string, string> = {};
const ids: Record<'a' | 'b', string> = { a: '', b: '' };
const files: Record<string, Buffer> = {};

const DAM = { lat: 52.37309, lon: 4.89294 };
const call = (who: string, url: string) => env.app.inject({ method: 'GET', url, headers: { cookie: cookies[who]! } });

async function caseFiles() {
  const nikon = { make: 'NIKON CORPORATION', model: 'NIKON D750' };
  const a = {
    'dcim/body1-first.jpg': await cameraPhoto({
      seed: 1,
      ...nikon,
      serial: '6012345',
      lensModel: '24-70mm f/2.8',
      lensSerial: 'L-551',
      taken: '2024:05:17 14:03:22',
      offset: '+02:00',
      gps: DAM,
    }),
    // The same body written by another tool: other maker spelling, serial padded with zeros; turned 90° (6).
    'export/body1-second.jpg': await cameraPhoto({
      seed: 2,
      make: 'Nikon',
      model: 'D750',
      serial: '0006012345',
      taken: '2024:05:18 09:00:00',
      orientation: 6,
    }),
    'dcim/body2.jpg': await cameraPhoto({ seed: 3, ...nikon, serial: '6099999', taken: '2024:05:19 10:00:00' }),
    'lightroom/xmp-only.jpg': await cameraPhoto({
      seed: 4,
      make: 'Canon',
      model: 'Canon EOS R5',
      xmpSerial: 'XMP778899',
      orientation: 8,
    }),
    'phone/odd-date.jpg': await cameraPhoto({ seed: 5, make: 'Synthcam', model: 'S-2', taken: '17/05/2024 14:03:22' }),
    'phone/ambiguous-date.jpg': await cameraPhoto({ seed: 6, make: 'Synthcam', taken: '05/06/2024 10:00:00' }),
    'phone/placeholder-serial.jpg': await cameraPhoto({ seed: 7, make: 'Synthcam', serial: '0000000000' }),
    'damaged/truncated.jpg': truncateExif(await cameraPhoto({ seed: 8, ...nikon, serial: '6012345' })),
    'plain/no-exif.jpg': await scenePhoto(9, 320, 240),
  };
  const b = {
    'seized/same-body.jpg': await cameraPhoto({ seed: 21, ...nikon, serial: '6012345', taken: '2023:01:02 03:04:05' }),
    'seized/same-model.jpg': await cameraPhoto({ seed: 22, ...nikon, serial: '6011111' }),
  };
  return { a, b };
}

async function ingest(who: string, number: string, members: Record<string, Buffer>) {
  const created = await env.app.inject({
    method: 'POST',
    url: '/api/cases',
    headers: { cookie: cookies[who]! },
    payload: { number, title: number },
  });
  const caseId = created.json().id as string;
  const zip = buildZip(Object.entries(members).map(([name, data]) => ({ name, data })));
  const upload = await uploadEvidence(env, cookies[who]!, caseId, 'export.zip', zip);
  expect(upload.statusCode, upload.body).toBe(201);
  await waitForEvidence(env, upload.json().id as string);
  Object.assign(files, Object.fromEntries(Object.entries(members).map(([k, v]) => [`export.zip!/${k}`, v])));
  return caseId;
}

beforeAll(async () => {
  env = await createTestEnv();
  await startWorkers(env);
  for (const [name, unit, role] of [
    ['ams', 'Amsterdam', 'analyst'],
    ['amslead', 'Amsterdam', 'lead'],
    ['rtm', 'Rotterdam', 'analyst'],
    ['rtmlead', 'Rotterdam', 'lead'],
    ['utr', 'Midden-Nederland', 'analyst'],
  ] as const) {
    await addUser(env, name, unit, role);
    cookies[name] = await login(env, name);
  }
  const { a, b } = await caseFiles();
  ids.a = await ingest('ams', 'AM-DEV-1', a);
  ids.b = await ingest('rtm', 'RT-DEV-2', b);
}, 180_000);
afterAll(() => env.close());

const blobRow = async (path: string) =>
  (
    await env.runtime.pool.query(
      'SELECT status, width, height, exif, exif_error, decode_error FROM blobs WHERE sha256 = $1',
      [sha256(files[path]!)],
    )
  ).rows[0];

describe('EXIF and XMP at ingest', () => {
  it('normalises the make, strips it from the model and keeps the serial as written', async () => {
    const first = await blobRow('export.zip!/dcim/body1-first.jpg');
    expect(first.exif).toMatchObject({
      make: 'Nikon',
      model: 'D750',
      serial: '6012345',
      lensModel: '24-70mm f/2.8',
      lensSerial: 'L-551',
      taken: '2024-05-17T14:03:22+02:00',
      takenRaw: '2024:05:17 14:03:22',
      dateTimeOriginal: '2024-05-17T12:03:22.000Z',
      place: { place: 'Amsterdam', municipality: 'Amsterdam', country: 'NL' },
    });
    expect(first.exif_error).toBeNull();
  });

  it('reads a serial that only XMP carries', async () => {
    expect((await blobRow('export.zip!/lightroom/xmp-only.jpg')).exif).toMatchObject({
      make: 'Canon',
      model: 'EOS R5',
      serial: 'XMP778899',
    });
  });

  it('stores width and height as displayed after orientation 6 and 8', async () => {
    for (const path of ['export.zip!/export/body1-second.jpg', 'export.zip!/lightroom/xmp-only.jpg']) {
      const row = await blobRow(path);
      expect({ w: row.width, h: row.height, o: row.exif.orientation }, path).toMatchObject({ w: 320, h: 480 });
    }
    expect((await blobRow('export.zip!/dcim/body2.jpg')).width).toBe(480);
  });

  it('records a truncated EXIF block as a reason and still ingests the image, joining no device', async () => {
    const row = await blobRow('export.zip!/damaged/truncated.jpg');
    expect(row).toMatchObject({ status: 'done', decode_error: null, width: 480 });
    expect(row.exif_error).toMatch(/truncated/);
    expect(row.exif?.serial).toBeUndefined();
  });

  it('parses an unambiguous odd date, keeps an ambiguous one raw, and stores nothing for a photo without EXIF', async () => {
    expect((await blobRow('export.zip!/phone/odd-date.jpg')).exif).toMatchObject({
      taken: '2024-05-17T14:03:22',
      takenRaw: '17/05/2024 14:03:22',
    });
    const ambiguous = (await blobRow('export.zip!/phone/ambiguous-date.jpg')).exif;
    expect(ambiguous.takenRaw).toBe('05/06/2024 10:00:00');
    expect(ambiguous.taken).toBeUndefined();
    expect(ambiguous.dateTimeOriginal).toBeUndefined();
    expect(await blobRow('export.zip!/plain/no-exif.jpg')).toMatchObject({ exif: null, exif_error: null });
  });

  it('normalises makers in SQL exactly as the reader does (migration backfill and device trigger)', async () => {
    const spellings = [...Object.keys(MAKER_SPELLINGS), 'NIKON  CORPORATION ', ' Synthcam ', 'CanonBCDEF', 'Sony'];
    const { rows } = await env.runtime.pool.query(
      'SELECT s, device_make(s) AS make FROM unnest($1::text[]) s ORDER BY array_position($1::text[], s)',
      [spellings],
    );
    expect(rows.map((r) => r.make)).toEqual(spellings.map((s) => normaliseMake(s)));
  });
});

describe('devices', () => {
  const devices = async (who: string, caseId: string) => {
    const response = await call(who, `/api/cases/${caseId}/devices`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json().devices as Array<
      Record<string, unknown> & { id: string; serial: string; otherCases: unknown[] }
    >;
  };

  it('identifies bodies by make and serial only, and links the other case through the shared body', async () => {
    const list = await devices('ams', ids.a);
    expect(list.map((d) => `${d.make} ${d.serial}`).sort()).toEqual([
      'Canon XMP778899',
      'Nikon 6012345',
      'Nikon 6099999',
    ]);
    const shared = list.find((d) => d.serial === '6012345')!;
    expect(shared).toMatchObject({
      model: 'D750',
      lensSerials: ['L-551'],
      items: 2,
      first: '2024-05-17T12:03:22.000Z',
      last: '2024-05-18T09:00:00.000Z',
    });
    // Rotterdam's case is outside need-to-know for an Amsterdam analyst: number, unit, contact and count only.
    expect(shared.otherCases).toEqual([
      { number: 'RT-DEV-2', unit: 'Rotterdam', visible: false, contact: expect.stringMatching(/rtmlead/i), count: 1 },
    ]);
    for (const d of list.filter((x) => x.serial !== '6012345')) expect(d.otherCases).toEqual([]);
    // Different pictures: the body is their only link, no image match joins the two cases.
    const { rows } = await env.runtime.pool.query(
      "SELECT count(*)::int AS n FROM matches WHERE target_type = 'case' AND other_case_id = ANY ($1::uuid[])",
      [[ids.a, ids.b]],
    );
    expect(rows[0].n).toBe(0);
  });

  it('shows the link from the other side too, and nothing for the same model with another serial', async () => {
    const list = await devices('rtm', ids.b);
    expect(list.map((d) => d.serial).sort()).toEqual(['6011111', '6012345']);
    expect(list.find((d) => d.serial === '6012345')!.otherCases).toMatchObject([
      { number: 'AM-DEV-1', unit: 'Amsterdam', visible: false, count: 2 },
    ]);
    expect(list.find((d) => d.serial === '6011111')!.otherCases).toEqual([]);
  });

  it('answers 404 to a user who may not open the case, and audits the device views with their links', async () => {
    expect((await call('utr', `/api/cases/${ids.a}/devices`)).statusCode).toBe(404);
    expect((await call('rtm', `/api/cases/${ids.a}/places`)).statusCode).toBe(404);
    expect((await call('rtm', `/api/cases/${ids.a}/timeline`)).statusCode).toBe(404);
    const { rows } = await env.runtime.pool.query(
      "SELECT details FROM audit_log WHERE case_id = $1 AND action = 'devices.view' ORDER BY id",
      [ids.a],
    );
    expect(rows.at(-1)!.details).toMatchObject({ devices: 3, otherCases: ['RT-DEV-2'] });
  });

  it('lists the files of one body with their SHA-256, page by page', async () => {
    const shared = (await devices('amslead', ids.a)).find((d) => d.serial === '6012345')!;
    expect(shared.otherCases[0]).toMatchObject({ visible: false });
    const first = (await call('ams', `/api/cases/${ids.a}/devices/${shared.id}/items?limit=1`)).json();
    const second = (
      await call('ams', `/api/cases/${ids.a}/devices/${shared.id}/items?limit=1&after=${first.next}`)
    ).json();
    const paths = [...first.items, ...second.items].map((i: { path: string; sha256: string }) => [i.path, i.sha256]);
    expect(paths.sort()).toEqual(
      ['export.zip!/dcim/body1-first.jpg', 'export.zip!/export/body1-second.jpg'].map((p) => [p, sha256(files[p]!)]),
    );
    expect((await call('ams', `/api/cases/${ids.a}/devices/999999/items`)).statusCode).toBe(404);
    expect((await call('utr', `/api/cases/${ids.a}/devices/${shared.id}/items`)).statusCode).toBe(404);
  });
});

describe('places and times', () => {
  it('lists GPS positions with the nearest place from the offline gazetteer', async () => {
    const response = await call('ams', `/api/cases/${ids.a}/places`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().places).toEqual([
      {
        sha256: sha256(files['export.zip!/dcim/body1-first.jpg']!),
        path: 'export.zip!/dcim/body1-first.jpg',
        lat: expect.closeTo(DAM.lat, 3),
        lon: expect.closeTo(DAM.lon, 3),
        place: 'Amsterdam',
        municipality: 'Amsterdam',
        country: 'NL',
        distanceKm: expect.any(Number),
        taken: '2024-05-17T14:03:22+02:00',
      },
    ]);
  });

  it('names positions stored before the gazetteer on first view', async () => {
    const sha = sha256(files['export.zip!/dcim/body1-first.jpg']!);
    await env.runtime.pool.query('UPDATE blob_places SET place = NULL, municipality = NULL WHERE sha256 = $1', [sha]);
    const places = (await call('ams', `/api/cases/${ids.a}/places`)).json().places;
    expect(places[0]).toMatchObject({ place: 'Amsterdam', municipality: 'Amsterdam' });
  });

  it('puts capture times on one row per body and the rest under an unknown camera', async () => {
    const response = await call('ams', `/api/cases/${ids.a}/timeline`);
    expect(response.statusCode, response.body).toBe(200);
    const rows = response.json().devices as Array<{ deviceId: string | null; label: string; times: unknown[] }>;
    expect(rows.map((r) => [r.label, r.times.length])).toEqual([
      ['Nikon D750 (6012345)', 2],
      ['Nikon D750 (6099999)', 1],
      ['Onbekende camera / unknown camera', 1],
    ]);
    expect(rows.at(-1)).toMatchObject({ deviceId: null, times: [{ taken: '2024-05-17T14:03:22' }] });
  });
});

describe('grid filters', () => {
  const grid = async (query: string) => {
    const response = await call('ams', `/api/cases/${ids.a}/media?${query}`);
    expect(response.statusCode, response.body).toBe(200);
    const page = response.json();
    return { paths: (page.items as Array<{ firstPath: string }>).map((i) => i.firstPath).sort(), total: page.total };
  };

  it('filters by camera body, by place or municipality, and by capture time with the date range', async () => {
    const list = (await call('ams', `/api/cases/${ids.a}/devices`)).json().devices as Array<{
      id: string;
      serial: string;
    }>;
    const body1 = list.find((d) => d.serial === '6012345')!.id;
    const both = ['export.zip!/dcim/body1-first.jpg', 'export.zip!/export/body1-second.jpg'];
    expect(await grid(`device=${body1}`)).toEqual({ paths: both, total: 2 });
    expect(await grid(`device=${body1}&sort=date`)).toEqual({ paths: both, total: 2 });
    expect(await grid('place=amsterdam')).toEqual({ paths: [both[0]], total: 1 });
    expect(await grid('place=Rotterdam')).toEqual({ paths: [], total: 0 });
    const from = encodeURIComponent('2024-05-18T00:00:00Z');
    expect(await grid(`device=${body1}&from=${from}`)).toEqual({ paths: [both[1]], total: 1 });
    expect((await call('ams', `/api/cases/${ids.a}/media?device=abc`)).statusCode).toBe(400);
  });
});

describe('the CLI', () => {
  const cli = (args: string[]) => runCli(args, { DATABASE_URL: env.databaseUrl, SPOOR_DATA_DIR: env.dataDir });

  it('prints the devices of a case with every path and the other cases', () => {
    const result = cli(['devices', '--case', 'AM-DEV-1', '--json']);
    expect(result.status, result.stderr).toBe(0);
    const { devices } = JSON.parse(result.stdout);
    const shared = devices.find((d: { serial: string }) => d.serial === '6012345');
    expect(shared).toEqual({
      make: 'Nikon',
      model: 'D750',
      serial: '6012345',
      items: ['export.zip!/dcim/body1-first.jpg', 'export.zip!/export/body1-second.jpg'],
      otherCases: [{ number: 'RT-DEV-2', unit: 'Rotterdam', visible: true }], // the CLI runs as the local admin
    });
    expect(devices).toHaveLength(3);
  }, 120_000);

  it('gives every item its EXIF and EXIF problem', () => {
    const result = cli(['items', '--case', 'AM-DEV-1']);
    expect(result.status, result.stderr).toBe(0);
    const items = new Map(
      result.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l))
        .map((i) => [i.path, i]),
    );
    expect(items.get('export.zip!/dcim/body1-first.jpg')).toMatchObject({
      exif: {
        make: 'Nikon',
        model: 'D750',
        serial: '6012345',
        lensModel: '24-70mm f/2.8',
        software: null,
        taken: '2024-05-17T14:03:22+02:00',
        takenRaw: '2024:05:17 14:03:22',
        gps: { lat: expect.closeTo(DAM.lat, 3), lon: expect.closeTo(DAM.lon, 3) },
      },
      exifError: null,
    });
    expect(items.get('export.zip!/export/body1-second.jpg')).toMatchObject({ width: 320, height: 480 });
    expect(items.get('export.zip!/phone/ambiguous-date.jpg').exif).toMatchObject({
      taken: null,
      takenRaw: '05/06/2024 10:00:00',
      gps: null,
    });
    expect(items.get('export.zip!/damaged/truncated.jpg')).toMatchObject({ status: 'ok', exifError: /truncated/ });
    expect(items.get('export.zip!/plain/no-exif.jpg')).toMatchObject({ exif: null, exifError: null });
  }, 120_000);
});
