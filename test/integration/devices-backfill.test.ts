// Migration 013 on a database that already holds EXIF from before it: makes are normalised and bodies, devices and
// positions are derived from the stored blobs.exif, with placeholders and damaged rows joining no device.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { migrate } from 'postgres-migrations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMigrations } from '../../storage/migrate.ts';
import { createDatabase } from './helpers/runtime.ts';

let url: string;
let db: pg.Client;
let tmp: string;

const sha = (n: number) => n.toString(16).padStart(64, '0');

/** A blob as ingest stored it before migration 013: raw maker spellings, serials as written. */
const OLD_BLOBS = [
  {
    n: 1,
    exif: { make: 'NIKON CORPORATION', model: 'NIKON D750', serial: '0006012345', latitude: 52.373, longitude: 4.893 },
  },
  { n: 2, exif: { make: 'Nikon', model: 'D750', serial: '6012345' } },
  { n: 3, exif: { make: 'Canon', model: 'Canon EOS R5', serial: '0000000000' } },
  { n: 4, exif: { make: 'Synthcam', model: 'S-1' } },
];

beforeAll(async () => {
  url = await createDatabase();
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'spoor-mig-'));
  const dir = path.resolve('storage/migrations');
  for (const f of await fs.readdir(dir)) if (f < '013') await fs.copyFile(path.join(dir, f), path.join(tmp, f));
  db = new pg.Client({ connectionString: url });
  await db.connect();
  await migrate({ client: db }, tmp, { logger: () => undefined });
  for (const b of OLD_BLOBS) {
    await db.query(`INSERT INTO blobs (sha256, md5, sha1, size, status, exif) VALUES ($1, $2, $3, 10, 'done', $4)`, [
      sha(b.n),
      sha(b.n).slice(0, 32),
      sha(b.n).slice(0, 40),
      b.exif,
    ]);
  }
  await runMigrations(url);
}, 120_000);
afterAll(async () => {
  await db.end();
  await fs.rm(tmp, { recursive: true, force: true });
});

describe('migration 013 backfill', () => {
  it('normalises stored makes and joins the same body written two ways into one device', async () => {
    const makes = (await db.query("SELECT exif->>'make' AS make FROM blobs ORDER BY sha256")).rows.map((r) => r.make);
    expect(makes).toEqual(['Nikon', 'Nikon', 'Canon', 'Synthcam']);
    const devices = (await db.query('SELECT make, serial_key FROM devices')).rows;
    expect(devices).toEqual([{ make: 'Nikon', serial_key: '6012345' }]);
    const linked = (await db.query('SELECT sha256 FROM blob_devices ORDER BY sha256')).rows.map((r) => r.sha256);
    expect(linked).toEqual([sha(1), sha(2)]);
  });

  it('keeps the positions, to be named by the gazetteer on first view', async () => {
    const places = (await db.query('SELECT sha256, lat, lon, place FROM blob_places')).rows;
    expect(places).toEqual([{ sha256: sha(1), lat: 52.373, lon: 4.893, place: null }]);
  });

  it('keeps the trigger in step afterwards: a damaged block leaves its device', async () => {
    await db.query("UPDATE blobs SET exif_error = 'EXIF block damaged or truncated' WHERE sha256 = $1", [sha(2)]);
    const linked = (await db.query('SELECT sha256 FROM blob_devices ORDER BY sha256')).rows.map((r) => r.sha256);
    expect(linked).toEqual([sha(1)]);
  });
});
