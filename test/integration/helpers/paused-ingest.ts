// Shared by the storage-fault tests: an export whose size is predictable, an ingest that is uploaded and
// (optionally) unpacked before any worker runs, and the checks "paused without loss" and "every file once".
import sharp from 'sharp';
import { expect } from 'vitest';
import { unpackEvidence } from '../../../workers/handlers/unpack-evidence.ts';
import { sha256 } from '../../fixtures/media.ts';
import { buildZip } from '../../fixtures/zip-writer.ts';
import { uploadEvidence } from './ingest.ts';
import { addUser, login, type TestEnv } from './runtime.ts';

const noise = {
  width: 144,
  height: 144,
  channels: 3,
  background: '#808080',
  noise: { type: 'gaussian', mean: 128, sigma: 50 },
} as const;

/** A phone export of distinct, incompressible photos (noise), stored uncompressed: sizes are predictable. */
async function noiseExport(count: number): Promise<{ zip: Buffer; files: Map<string, string> }> {
  const files = new Map<string, string>();
  const members = [];
  for (let i = 0; i < count; i++) {
    const data = await sharp({ create: noise }).jpeg({ quality: 92 }).toBuffer();
    const name = `DCIM/IMG_${String(i).padStart(4, '0')}.jpg`;
    files.set(`export.zip!/${name}`, sha256(data));
    members.push({ name, data, method: 0 });
  }
  return { zip: buildZip(members), files };
}

export type Ingest = {
  env: TestEnv;
  cookie: string;
  caseId: string;
  evidenceId: string;
  zip: Buffer;
  files: Map<string, string>;
};

export const call = (s: { env: TestEnv; cookie: string }, method: 'GET' | 'POST', url: string, payload?: object) =>
  s.env.app.inject({ method, url, headers: { cookie: s.cookie }, ...(payload ? { payload } : {}) });

/** Uploads an export of `count` photos to a new case; with `unpack`, runs the real unpack handler right away. */
export async function uploadExport(env: TestEnv, number: string, count: number, unpack: boolean): Promise<Ingest> {
  await addUser(env, 'dora', 'Oost-Brabant', 'analyst');
  const cookie = await login(env, 'dora');
  const caseId = (await call({ env, cookie }, 'POST', '/api/cases', { number, title: number })).json().id;
  const { zip, files } = await noiseExport(count);
  const uploaded = await uploadEvidence(env, cookie, caseId, 'export.zip', zip);
  expect(uploaded.statusCode, uploaded.body).toBe(201);
  const evidenceId = uploaded.json().id;
  if (unpack) {
    const { pool, store, boss, services } = env.runtime;
    const deps = { pool, store, boss, limits: env.config.ingest, log: () => undefined, auditKey: services.audit.key };
    await unpackEvidence(deps, evidenceId);
  }
  return { env, cookie, caseId, evidenceId, zip, files };
}

export async function progressOf(s: Ingest) {
  const response = await call(s, 'GET', `/api/evidence/${s.evidenceId}/progress`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

type Probe<T> = () => Promise<T | null | undefined | false>;
export async function waitFor<T>(what: string, probe: Probe<T>, timeoutMs = 90_000): Promise<T> {
  for (const deadline = Date.now() + timeoutMs; ; await new Promise((r) => setTimeout(r, 100))) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
  }
}

/** A paused ingest: paused for `reason` at that stage, and nothing recorded as failed or rejected. */
export async function expectPausedWithoutLoss(s: Ingest, status: 'paused' | 'unpacked', reason: string) {
  const paused = await waitFor('the ingest to pause', async () => {
    const p = await progressOf(s);
    return p.paused && p.status === status ? p : null;
  });
  expect(paused).toMatchObject({ paused: { reason }, done: false, resumable: true });
  expect(paused).toMatchObject({ failed: 0, rejected: 0 });
  expect(paused.processed).toBeLessThan(s.files.size);
  const { found, processed } = paused;
  console.log(`paused (${status}, ${reason}): ${found} of ${s.files.size} files found, ${processed} processed`);
  const { rows } = await s.env.runtime.pool.query(
    `SELECT count(*)::int AS n FROM items i
    LEFT JOIN blobs b ON b.sha256 = i.blob_sha256
    WHERE i.evidence_id = $1 AND (i.rejected_reason IS NOT NULL OR b.status = 'error')`,
    [s.evidenceId],
  );
  expect(rows[0].n).toBe(0);
  return paused;
}

/** Every file of the export exactly once, with its content's hash, and all of it processed. */
export async function expectEveryFileOnce(s: Ingest) {
  const count = s.files.size;
  const done = await waitFor('the ingest to finish', async () => {
    const p = await progressOf(s);
    return p.done ? p : null;
  });
  expect(done).toMatchObject({ status: 'unpacked', paused: null, failed: 0, rejected: 0 });
  expect(done).toMatchObject({ found: count, stored: count, processed: count });
  const { rows } = await s.env.runtime.pool.query(
    `SELECT i.source_path, i.ordinal, i.blob_sha256, b.status,
    b.has_thumbnail FROM items i JOIN blobs b ON b.sha256 = i.blob_sha256 WHERE i.evidence_id = $1`,
    [s.evidenceId],
  );
  expect(rows).toHaveLength(count);
  expect(new Set(rows.map((r) => r.ordinal)).size).toBe(count);
  expect(new Map(rows.map((r) => [r.source_path, r.blob_sha256]))).toEqual(s.files);
  expect(rows.every((r) => r.status === 'done' && r.has_thumbnail)).toBe(true);
}
