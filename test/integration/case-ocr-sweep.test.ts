// The sweep re-queues a lost case.ocr job, on real PostgreSQL, pg-boss and OCR: a case whose images were hashed but
// never stamped by the OCR stage, with no case.ocr job left for it, gets its text read after a sweep, and a sweep
// that finds nothing lost queues nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../server/services/actor.ts';
import { buildZip, sha256 } from '../fixtures/hostile-export.ts';
import { scenePhoto } from '../fixtures/photos.ts';
import { signPhoto } from '../fixtures/text-images.ts';
import { startWorkers, uploadEvidence, waitForEvidence } from './helpers/ingest.ts';
import { addUser, createTestEnv, login, type TestEnv } from './helpers/runtime.ts';

let env: TestEnv;
let cookie: string;
let caseId: string;
let sign: Buffer;

const search = async (q: string) =>
  (await env.app.inject({ method: 'GET', url: `/api/cases/${caseId}/text?q=${q}`, headers: { cookie } })).json();
const ocrJobs = async () =>
  (await env.runtime.pool.query("SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'case.ocr'")).rows[0].n;

async function waitUntil(check: () => Promise<boolean>, what: string, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const ocrProgress = async (evidenceId: string) => (await env.runtime.services.ingest.progress(null, evidenceId)).ocr;

beforeAll(async () => {
  // A sweep every second, so the test need not wait a production interval.
  env = await createTestEnv({ SPOOR_SWEEP_SECONDS: '1' });
  await startWorkers(env);
  await addUser(env, 'ana', 'Amsterdam', 'analyst');
  cookie = await login(env, 'ana');
  caseId = (
    await env.runtime.services.cases.create(SYSTEM_ACTOR, { number: 'AM-SWP-1', title: 'S', unit: 'Amsterdam' })
  ).id;
  await env.runtime.services.cases.addMember(SYSTEM_ACTOR, caseId, 'ana');
  sign = await signPhoto({ lines: ['Bakkerij De Zonnebloem', 'Hoofdstraat 12 Zwolle'], fontPx: 28, theme: 'light' });
  const files = [
    { name: 'dcim/bord.jpg', data: sign },
    { name: 'dcim/IMG_1.jpg', data: await scenePhoto(41) },
  ];
  const upload = await uploadEvidence(env, cookie, caseId, 'telefoon.zip', buildZip(files));
  expect(upload.statusCode, upload.body).toBe(201);
  const evidenceId = upload.json().id as string;
  await waitForEvidence(env, evidenceId);
  await waitUntil(async () => {
    const p = await ocrProgress(evidenceId);
    return p.pending === 0 && p.read + p.noText === 2;
  }, 'the OCR stage');
}, 300_000);
afterAll(() => env?.close());

describe('the sweep and a lost case.ocr job', () => {
  it('reads the text of a case whose case.ocr job was lost', async () => {
    expect((await search('Zonnebloem')).total).toBe(1);
    // The state a lost job leaves: the content hashed, no OCR stamp in the case, no reading cached, no job left.
    const sha = sha256(sign);
    await env.runtime.pool.query(
      `WITH j AS (DELETE FROM pgboss.job WHERE name = 'case.ocr'),
        t AS (DELETE FROM case_text WHERE case_id = $1), c AS (DELETE FROM content_text WHERE sha256 = $2)
      DELETE FROM ocr_results WHERE sha256 = $2`,
      [caseId, sha],
    );
    await waitUntil(async () => (await search('Zonnebloem')).total === 1, 'the sweep to have the text read again');
    const stamps = await env.runtime.pool.query('SELECT status FROM case_text WHERE case_id = $1 ORDER BY 1', [caseId]);
    expect(stamps.rows.map((r) => r.status)).toEqual(['done', 'no-text']);
    const read = await env.runtime.pool.query('SELECT status FROM content_text WHERE sha256 = $1', [sha]);
    expect(read.rows).toEqual([{ status: 'done' }]);
  }, 180_000);

  it('queues nothing once every image of the case is stamped', async () => {
    await waitUntil(
      async () =>
        (
          await env.runtime.pool.query(
            "SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'case.ocr' AND state IN ('created', 'retry', 'active')",
          )
        ).rows[0].n === 0,
      'the re-queued job to finish',
    );
    const before = await ocrJobs();
    await new Promise((r) => setTimeout(r, 3500)); // three sweeps
    expect(await ocrJobs()).toBe(before);
  }, 60_000);
});
