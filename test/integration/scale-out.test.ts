// `npm run worker` processes sharing one database and object store: no duplicate rows, and a worker
// killed mid-ingest loses nothing once another worker takes over.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildZip } from '../fixtures/hostile-export.ts';
import { scenePhoto } from '../fixtures/photos.ts';
import { startServer, type Server } from './helpers/process.ts';
import { uploadEvidence, waitForEvidence } from './helpers/ingest.ts';
import { addUser, createTestEnv, login, type TestEnv } from './helpers/runtime.ts';

let env: TestEnv;
let cookie: string;
const workers: Server[] = [];

function startWorker(): Promise<Server> {
  return startServer(
    { DATABASE_URL: env.databaseUrl, SPOOR_DATA_DIR: env.dataDir },
    'server/worker-main.ts',
    /worker \d+ started/,
  ).then((w) => {
    workers.push(w);
    return w;
  });
}

async function exportOf(count: number, seedBase: number): Promise<Buffer> {
  const members = [];
  for (let i = 0; i < count; i++)
    members.push({
      name: `DCIM/IMG_${String(i).padStart(4, '0')}.jpg`,
      data: await scenePhoto(seedBase + i, 1600, 1200),
    });
  members.push({ name: 'DCIM/copy-of-first.jpg', data: members[0]!.data });
  return buildZip(members);
}

async function assertAccounted(caseId: string, evidenceId: string, expectedFiles: number) {
  const { pool } = env.runtime;
  const items = (
    await pool.query(
      'SELECT count(*)::int AS n, count(DISTINCT ordinal)::int AS ordinals FROM items WHERE evidence_id = $1',
      [evidenceId],
    )
  ).rows[0];
  expect(items).toEqual({ n: expectedFiles, ordinals: expectedFiles });
  const paths = (
    await pool.query('SELECT count(DISTINCT source_path)::int AS n FROM items WHERE evidence_id = $1', [evidenceId])
  ).rows[0].n;
  expect(paths).toBe(expectedFiles);
  const notDone = (
    await pool.query(
      `SELECT count(*)::int AS n FROM items i JOIN blobs b ON b.sha256 = i.blob_sha256 WHERE i.evidence_id = $1 AND b.status <> 'done'`,
      [evidenceId],
    )
  ).rows[0].n;
  expect(notDone).toBe(0);
  const groups = (
    await pool.query(
      'SELECT count(*)::int AS n, count(DISTINCT blob_sha256)::int AS d FROM case_near_groups WHERE case_id = $1',
      [caseId],
    )
  ).rows[0];
  expect(groups.n).toBe(groups.d);
}

beforeAll(async () => {
  env = await createTestEnv();
  await addUser(env, 'sam', 'Zeeland-West-Brabant', 'analyst');
  cookie = await login(env, 'sam');
});
afterAll(async () => {
  for (const w of workers) if (w.child.exitCode === null) w.child.kill('SIGKILL');
  await env.close();
});

async function newCase(number: string) {
  return (
    await env.app.inject({ method: 'POST', url: '/api/cases', headers: { cookie }, payload: { number, title: number } })
  ).json().id as string;
}

describe('scale-out workers', () => {
  it('two worker processes on one ingest write every row once', async () => {
    const caseId = await newCase('ZWB-TWO');
    await Promise.all([startWorker(), startWorker()]);
    const ev = (await uploadEvidence(env, cookie, caseId, 'phone.zip', await exportOf(40, 100))).json();
    await waitForEvidence(env, ev.id);
    await assertAccounted(caseId, ev.id, 41);
    for (const w of workers.splice(0)) {
      w.child.kill('SIGTERM');
      expect(await w.exited).toBe(0);
    }
  });

  it('a worker killed mid-ingest is replaced and the ingest completes with every file once', async () => {
    const caseId = await newCase('ZWB-KILL');
    const first = await startWorker();
    const ev = (await uploadEvidence(env, cookie, caseId, 'disk.zip', await exportOf(60, 500))).json();
    for (
      let p = await env.runtime.services.ingest.progress(null, ev.id);
      p.processed < 8;
      p = await env.runtime.services.ingest.progress(null, ev.id)
    ) {
      await new Promise((r) => setTimeout(r, 50));
    }
    first.child.kill('SIGKILL');
    await first.exited;
    const before = await env.runtime.services.ingest.progress(null, ev.id);
    expect(before.done).toBe(false);
    await startWorker();
    await waitForEvidence(env, ev.id, 110_000);
    await assertAccounted(caseId, ev.id, 61);
  }, 180_000);
});
