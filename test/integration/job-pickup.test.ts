// Jobs start promptly: a queue of small uploads is worked off back to back, not one per polling interval,
// and a small upload is not held up behind a large export's unpack.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildZip, gradientJpeg } from '../fixtures/hostile-export.ts';
import { startWorkers, uploadEvidence, waitForEvidence } from './helpers/ingest.ts';
import { addUser, createTestEnv, login, type TestEnv } from './helpers/runtime.ts';

let env: TestEnv;
let cookie: string;
const UPLOADS = 100;
const FILES_PER_UPLOAD = 2;

beforeAll(async () => {
  env = await createTestEnv();
  await startWorkers(env);
  await addUser(env, 'pim', 'Noord-Holland', 'analyst');
  cookie = await login(env, 'pim');
});
afterAll(() => env.close());

async function smallExport(n: number): Promise<Buffer> {
  const members = [];
  for (let f = 0; f < FILES_PER_UPLOAD; f++) {
    members.push({ name: `DCIM/IMG_${n}_${f}.jpg`, data: await gradientJpeg(n * 7 + f) });
  }
  return buildZip(members);
}

async function newCase(number: string): Promise<string> {
  const payload = { number, title: number };
  const response = await env.app.inject({ method: 'POST', url: '/api/cases', headers: { cookie }, payload });
  return response.json().id as string;
}

const one = async <T>(text: string, values: unknown[]) => (await env.runtime.pool.query(text, values)).rows[0] as T;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('job pickup', () => {
  it(`${UPLOADS} small uploads one after another all finish well under a minute, every file present`, async () => {
    const caseId = await newCase('NH-100');
    const exports = await Promise.all(Array.from({ length: UPLOADS }, (_, n) => smallExport(n)));
    const started = Date.now();
    const ids: string[] = [];
    for (const [n, bytes] of exports.entries()) {
      const response = await uploadEvidence(env, cookie, caseId, `phone-${n}.zip`, bytes);
      expect(response.statusCode).toBe(201);
      ids.push(response.json().id as string);
    }
    for (const id of ids) expect((await waitForEvidence(env, id, 120_000)).status).toBe('unpacked');
    const seconds = (Date.now() - started) / 1000;

    const items = await one(
      `SELECT count(*)::int AS n, count(DISTINCT (evidence_id, ordinal))::int AS d
      FROM items WHERE case_id = $1`,
      [caseId],
    );
    expect(items).toEqual({ n: UPLOADS * FILES_PER_UPLOAD, d: UPLOADS * FILES_PER_UPLOAD });
    const notDone = await one<{ n: number }>(
      `SELECT count(*)::int AS n FROM items i
      JOIN blobs b ON b.sha256 = i.blob_sha256 WHERE i.case_id = $1 AND b.status <> 'done'`,
      [caseId],
    );
    expect(notDone.n).toBe(0);
    const pickup = await one<{ mean: number; max: number }>(
      `SELECT
      avg(extract(epoch FROM unpack_started_at - uploaded_at))::float AS mean,
      max(extract(epoch FROM unpack_started_at - uploaded_at))::float AS max
      FROM evidence WHERE case_id = $1`,
      [caseId],
    );
    console.log(
      `[job-pickup] ${UPLOADS} small uploads: ${seconds.toFixed(1)} s in total; pickup latency ` +
        `(upload → unpack started) mean ${pickup.mean.toFixed(2)} s, max ${pickup.max.toFixed(2)} s`,
    );
    expect(seconds).toBeLessThan(60);
  }, 600_000);

  it('a small upload starts while a large export is still unpacking', async () => {
    const caseId = await newCase('NH-BIG');
    const notes = Array.from({ length: 1500 }, (_, i) => ({ name: `notes/${i}.txt`, data: Buffer.from(`note ${i}`) }));
    const bigId = (await uploadEvidence(env, cookie, caseId, 'disk.zip', buildZip(notes))).json().id as string;
    const status = async (id: string) =>
      (await one<{ status: string }>('SELECT status FROM evidence WHERE id = $1', [id])).status;
    while ((await status(bigId)) !== 'unpacking') await sleep(20);
    const small = await uploadEvidence(env, cookie, caseId, 'small.zip', await smallExport(999));
    const smallId = small.json().id as string;
    const deadline = Date.now() + 5_000;
    while ((await status(smallId)) === 'stored' && Date.now() < deadline) await sleep(20);
    const bigWhenSmallStarted = await status(bigId);
    const { s: pickup } = await one<{ s: number | null }>(
      `SELECT
      extract(epoch FROM unpack_started_at - uploaded_at)::float AS s FROM evidence WHERE id = $1`,
      [smallId],
    );
    console.log(
      `[job-pickup] small upload behind a large unpack picked up after ${pickup?.toFixed(2)} s ` +
        `(large one: ${bigWhenSmallStarted})`,
    );
    expect(bigWhenSmallStarted).toBe('unpacking');
    expect(pickup).toBeLessThan(2);
    await waitForEvidence(env, bigId, 300_000);
    await waitForEvidence(env, smallId);
  }, 600_000);
});
