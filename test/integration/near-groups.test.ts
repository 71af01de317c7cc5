// Near-duplicate groups through the real API, queue, workers, PostgreSQL and folder store: mirrored, turned and
// bordered copies join their original's group; and the one-off regroup job of migration 010 brings cases that
// were grouped under the old rule (plain PDQ only, no trimmed-border hash) up to date, with progress on its row.
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { startRuntime } from '../../server/runtime.ts';
import { borderedCopies, mostlyUniform, orientedCopies } from '../fixtures/copies.ts';
import { buildZip, sha256 } from '../fixtures/hostile-export.ts';
import { scenePhoto } from '../fixtures/photos.ts';
import { analyseImage } from '../../workers/imaging/analyse-image.ts';
import { allItems, startWorkers, uploadEvidence, waitForEvidence } from './helpers/ingest.ts';
import { addUser, createTestEnv, login, type TestEnv } from './helpers/runtime.ts';

const MIGRATION_010 = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../storage/migrations/010_trimmed_pdq_regroup.sql',
);

let env: TestEnv;
let cookie: string;
const cases: Record<string, string> = {};

beforeAll(async () => {
  env = await createTestEnv();
  await startWorkers(env);
  await addUser(env, 'noor', 'Oost-Brabant', 'analyst');
  await addUser(env, 'lea', 'Oost-Brabant', 'lead');
  cookie = await login(env, 'noor');
});
afterAll(async () => {
  await env.app.close();
  await env.runtime.stop();
  await fs.rm(env.dataDir, { recursive: true, force: true });
});

async function ingestCase(number: string, files: Record<string, Buffer>): Promise<Map<string, number | null>> {
  const created = await env.app.inject({
    method: 'POST',
    url: '/api/cases',
    headers: { cookie },
    payload: { number, title: number },
  });
  cases[number] = created.json().id;
  const zip = buildZip(Object.entries(files).map(([name, data]) => ({ name: `${name}.jpg`, data })));
  const ev = (await uploadEvidence(env, cookie, cases[number]!, 'phone.zip', zip)).json();
  await waitForEvidence(env, ev.id);
  return groupsOf(number);
}

async function settle(check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; !(await check());) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function groupsOf(number: string): Promise<Map<string, number | null>> {
  const items = await allItems(env, cookie, cases[number]!);
  return new Map(items.map((i) => [path.basename(i.path, '.jpg'), i.nearGroup]));
}

describe('near-duplicate groups through a real ingest', () => {
  it('groups mirrored, turned and bordered copies with their original; other images stay apart', async () => {
    const original = await scenePhoto(11);
    const copies = { ...(await orientedCopies(original)), ...(await borderedCopies(original)) };
    const unrelated = await scenePhoto(99);
    const others = {
      unrelated,
      'unrelated-padded': (await borderedCopies(await scenePhoto(77))).whitePad,
      'plain-1': await mostlyUniform(2),
      'plain-2': await mostlyUniform(4),
      'plain-3': await mostlyUniform(3),
      'plain-4': await mostlyUniform(6, '#000000'),
    };
    const groups = await ingestCase('OB-DIHEDRAL', { original, ...copies, ...others });
    const group = groups.get('original');
    expect(group).not.toBeNull();
    for (const name of Object.keys(copies)) expect(groups.get(name), name).toBe(group);
    for (const name of Object.keys(others)) expect(groups.get(name), name).toBeNull();
  });
});

describe('hash-set matching through the trimmed-border hash', () => {
  const categoryOf = async (number: string, image: Buffer) =>
    (
      await env.runtime.pool.query('SELECT category FROM case_media WHERE case_id = $1 AND blob_sha256 = $2', [
        cases[number],
        sha256(image),
      ])
    ).rows[0]?.category ?? null;

  async function importSet(name: string, photo: Buffer): Promise<void> {
    const { pdq } = await analyseImage(photo, { limitInputPixels: 1e9 });
    const started = await env.app.inject({
      method: 'POST',
      url: `/api/hashsets/import?name=${encodeURIComponent(name)}&format=csv&scheme=vics2-us`,
      headers: { cookie: await login(env, 'lea'), 'content-type': 'application/octet-stream' },
      payload: `pdq,category\n${pdq},1\n`,
    });
    expect(started.statusCode).toBe(202);
    await settle(
      async () => (await env.runtime.pool.query('SELECT 1 FROM hash_sets WHERE name = $1', [name])).rowCount === 1,
    );
  }

  it('categorises padded copies from a set that lists the bare picture, imported before or after the ingest', async () => {
    const [first, second] = [await scenePhoto(501), await scenePhoto(502)];
    await importSet('Serie 501', first);
    const padded = (await borderedCopies(first)).whitePad;
    const letterbox = (await borderedCopies(second)).letterbox;
    await ingestCase('OB-KNOWN', { padded, letterbox, other: await scenePhoto(503) });
    await settle(async () => (await categoryOf('OB-KNOWN', padded)) !== null);
    expect(await categoryOf('OB-KNOWN', padded)).toBe('1');
    await importSet('Serie 502', second); // the re-match of the existing case finds the letterboxed copy
    await settle(async () => (await categoryOf('OB-KNOWN', letterbox)) !== null);
    expect(await categoryOf('OB-KNOWN', letterbox)).toBe('1');
    expect(await categoryOf('OB-KNOWN', await scenePhoto(503))).toBeNull();
  });

  it('finds the set by an image lookup of a framed copy', async () => {
    const framed = (await borderedCopies(await scenePhoto(501))).blackFrame;
    const response = await env.app.inject({
      method: 'POST',
      url: '/api/lookup/image',
      headers: { cookie, 'content-type': 'application/octet-stream' },
      payload: framed,
    });
    expect(response.statusCode).toBe(200);
    expect(JSON.stringify(response.json())).toContain('Serie 501');
  });
});

describe('the regroup job of migration 010', () => {
  it('fills in the trimmed hashes of older content and regroups every case once, reporting progress', async () => {
    const original = await scenePhoto(23);
    const { mirrored, turned90 } = await orientedCopies(original);
    const { letterbox } = await borderedCopies(original);
    const before = await ingestCase('OB-OLDER', {
      original,
      mirrored,
      turned90,
      letterbox,
      other: await scenePhoto(5),
    });
    const first = await groupsOf('OB-DIHEDRAL');
    await env.app.close();
    await env.runtime.stop();
    const images = await asBeforeMigration010();
    // A restarted server's first long-job sweep finds the queued job: no one has to start it.
    env = { ...env, runtime: await startRuntime(env.config) };
    env.app = await buildApp(env.runtime, { serveClient: false });
    cookie = await login(env, 'noor');
    expect((await groupsOf('OB-OLDER')).get('mirrored')).toBeNull();
    await startWorkers(env);
    const job = await waitForRegroup();
    expect(job.status).toBe('done');
    const caseCount = Object.keys(cases).length;
    expect(job.result).toMatchObject({ blobsToCheck: images, blobsChecked: images, casesRegrouped: caseCount });
    expect(job.progress).toMatchObject({ blobsChecked: images, cases: caseCount, casesRegrouped: caseCount });
    expect(await groupsOf('OB-DIHEDRAL')).toEqual(first);
    expect(await groupsOf('OB-OLDER')).toEqual(before);
    expect(before.get('original')).not.toBeNull();
    expect(before.get('letterbox')).toBe(before.get('original'));
    expect(before.get('other')).toBeNull();
  });
});

/** Puts the database back as a server before migration 010 left it, then queues the job as the migration does. */
async function asBeforeMigration010(): Promise<number> {
  const db = new pg.Client({ connectionString: env.databaseUrl });
  await db.connect();
  try {
    const images = await db.query(
      'UPDATE blobs SET pdq_trimmed = NULL, pdq_trimmed_dihedral = NULL, trim_checked = false WHERE pdq IS NOT NULL',
    );
    // The old rule linked none of these copies: each blob was grouped alone.
    await db.query('UPDATE case_near_groups SET group_id = NULL');
    const migration = await fs.readFile(MIGRATION_010, 'utf8');
    await db.query(migration.slice(migration.indexOf('INSERT INTO long_jobs')));
    return images.rowCount!;
  } finally {
    await db.end();
  }
}

async function waitForRegroup() {
  const db = new pg.Client({ connectionString: env.databaseUrl });
  await db.connect();
  try {
    for (const deadline = Date.now() + 60_000; Date.now() < deadline;) {
      const { rows } = await db.query("SELECT status, progress, result FROM long_jobs WHERE kind = 'cases.regroup'");
      expect(rows).toHaveLength(1);
      if (rows[0].status === 'done' || rows[0].status === 'failed') return rows[0];
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error('the regroup job did not finish in time');
  } finally {
    await db.end();
  }
}
