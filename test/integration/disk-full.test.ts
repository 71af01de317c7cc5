// A full disk never loses work. The object store lives on a really small tmpfs; the disk fills up during
// an ingest, the ingest pauses ("disk-full", visible in progress, SSE and the evidence list), and once space
// is freed it resumes by itself, or on an operator's resume (API, CLI), with every file exactly once.
// An upload that does not fit answers 507 with what to do, is logged, and leaves nothing behind.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { sendBigBody } from './helpers/big-body.ts';
import { startWorkers } from './helpers/ingest.ts';
import {
  call,
  expectEveryFileOnce,
  expectPausedWithoutLoss,
  progressOf,
  uploadExport,
  waitFor,
  type Ingest,
} from './helpers/paused-ingest.ts';
import { runCli, startServer } from './helpers/process.ts';
import { createDatabase, createTestEnv } from './helpers/runtime.ts';

const MiB = 1024 * 1024;
const FILES = 160;
const mounts: string[] = [];

/** A tmpfs of `mib` MiB: a disk that really fills up. Needs root (as in CI); says so plainly otherwise. */
async function smallDisk(mib: number): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'spoor-small-disk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${mib}m,mode=0755`, 'tmpfs', dir], { stdio: 'pipe' });
  } catch (error) {
    const why = `This test needs a real small disk, but "mount -t tmpfs" failed; run it as root (as CI does). ${error}`;
    throw new Error(why, { cause: error });
  }
  mounts.push(dir);
  return dir;
}

afterAll(async () => {
  for (const dir of mounts) {
    try {
      execFileSync('umount', [dir], { stdio: 'pipe' });
    } catch {
      execFileSync('umount', ['-l', dir], { stdio: 'pipe' });
    }
    await fs.rm(dir, { recursive: true, force: true });
  }
});

const freeBytes = async (dir: string) => {
  const s = await fs.statfs(dir);
  return s.bavail * s.bsize;
};

/** Fills `dir` until only `leave` bytes are free, in a file that can be removed to free the space again. */
async function fillDisk(dir: string, leave: number): Promise<string> {
  const filler = path.join(dir, 'filler.bin');
  await fs.writeFile(filler, Buffer.alloc(Math.max(0, (await freeBytes(dir)) - leave)));
  return filler;
}

type Setup = Ingest & { disk: string; filler: string };

/**
 * A real app whose objects live on a small disk, with the export uploaded. Then the disk fills up: in the middle
 * of unpacking (room for 60 % of the content), or once all is unpacked, while thumbnails are being made.
 */
async function ingestOntoSmallDisk(number: string, checkSeconds: number, stage: 'unpack' | 'process'): Promise<Setup> {
  const disk = await smallDisk(40);
  const env = await createTestEnv({
    SPOOR_OBJECTS_DIR: disk,
    SPOOR_RESUME_CHECK_SECONDS: String(checkSeconds),
    SPOOR_RESUME_MIN_FREE_BYTES: String(8 * MiB),
  });
  // For 'process' the real unpack handler runs before any worker: then processing meets the full disk.
  const ingest = await uploadExport(env, number, FILES, stage === 'process');
  const filler = await fillDisk(disk, stage === 'unpack' ? Math.round(ingest.zip.length * 0.6) : 256 * 1024);
  await startWorkers(env);
  return { ...ingest, disk, filler };
}

/** The first progress event of the real SSE route, over a real socket. */
async function firstSseEvent(s: Setup): Promise<Record<string, unknown>> {
  const address = await s.env.app.listen({ port: 0, host: '127.0.0.1' });
  const abort = new AbortController();
  const url = `${address}/api/evidence/${s.evidenceId}/events`;
  const reader = (await fetch(url, { headers: { cookie: s.cookie }, signal: abort.signal })).body!.getReader();
  let text = '';
  while (!text.includes('\n\n')) text += new TextDecoder().decode((await reader.read()).value);
  abort.abort();
  return JSON.parse(/data: (.*)\n/.exec(text)![1]!);
}

describe('a full disk during ingest', () => {
  it('pauses unpacking, then resumes by itself once space is freed, with every file exactly once', async () => {
    const s = await ingestOntoSmallDisk('DISK-AUTO', 1, 'unpack');
    try {
      await expectPausedWithoutLoss(s, 'paused', 'disk-full');
      expect((await firstSseEvent(s)).paused).toMatchObject({ reason: 'disk-full' });
      const listed = (await call(s, 'GET', `/api/cases/${s.caseId}/evidence`)).json();
      expect(listed[0]).toMatchObject({ status: 'paused', pausedReason: 'disk-full' });
      // Still short of space: it stays paused rather than failing or spinning.
      await new Promise((r) => setTimeout(r, 2500));
      expect((await progressOf(s)).paused).toMatchObject({ reason: 'disk-full' });
      const freed = Date.now();
      await fs.rm(s.filler);
      await expectEveryFileOnce(s);
      const seconds = ((Date.now() - freed) / 1000).toFixed(1);
      console.log(`resumed by itself and finished ${seconds} s after space was freed`);
    } finally {
      await s.env.close();
    }
  });

  it("pauses processing, waits for an operator's resume (API), then finishes with every file once", async () => {
    const s = await ingestOntoSmallDisk('DISK-MANUAL', 3600, 'process');
    try {
      const paused = await expectPausedWithoutLoss(s, 'unpacked', 'disk-full');
      expect(paused.found).toBe(FILES);
      await fs.rm(s.filler);
      await new Promise((r) => setTimeout(r, 2000));
      expect((await progressOf(s)).paused).toMatchObject({ reason: 'disk-full' });
      const resumed = await call(s, 'POST', `/api/evidence/${s.evidenceId}/resume`);
      expect(resumed.statusCode, resumed.body).toBe(200);
      expect(resumed.json()).toMatchObject({ evidenceId: s.evidenceId, unpack: false, reopened: 0 });
      expect(resumed.json().blobs).toBeGreaterThan(0);
      await expectEveryFileOnce(s);
      const audit = await s.env.runtime.pool.query(
        "SELECT actor_name FROM audit_log WHERE action = 'evidence.resume' AND target_id = $1",
        [s.evidenceId],
      );
      expect(audit.rows).toEqual([{ actor_name: 'dora' }]);
      await legacyFailureResumedByCli(s);
    } finally {
      await s.env.close();
    }
  });
});

/** What older versions left after a full disk: evidence failed part-way, blobs "processing failed: ENOSPC". */
async function legacyFailureResumedByCli(s: Setup) {
  const db = s.env.runtime.pool;
  const enospc = 'ENOSPC: no space left on device, write';
  await db.query("UPDATE evidence SET status = 'failed', error = $2 WHERE id = $1", [
    s.evidenceId,
    `unpacking failed: ${enospc}`,
  ]);
  await db.query('DELETE FROM items WHERE evidence_id = $1 AND ordinal >= $2', [s.evidenceId, FILES / 2]);
  const { rows } = await db.query(
    `UPDATE blobs SET status = 'error', decode_error = $2, has_thumbnail = false,
    pdq = NULL WHERE sha256 IN (SELECT blob_sha256 FROM items WHERE evidence_id = $1 ORDER BY ordinal LIMIT 5)
    RETURNING sha256`,
    [s.evidenceId, `processing failed: ${enospc}`],
  );
  expect(rows).toHaveLength(5);
  expect(await progressOf(s)).toMatchObject({ done: true, status: 'failed', resumable: true });
  const cli = runCli(['ingest', '--resume', '--case', 'DISK-MANUAL', '--json'], {
    DATABASE_URL: s.env.databaseUrl,
    SPOOR_DATA_DIR: s.env.dataDir,
    SPOOR_OBJECTS_DIR: s.disk,
  });
  expect(cli.status, cli.stderr).toBe(0);
  const out = JSON.parse(cli.stdout);
  expect(out).toMatchObject({ case: 'DISK-MANUAL', files: FILES, errors: 0 });
  expect(out.resumed).toEqual([expect.objectContaining({ evidenceId: s.evidenceId, unpack: true, reopened: 5 })]);
  await expectEveryFileOnce(s);
}

describe('a full disk during upload', () => {
  const ADMIN = 'schijf-vol-beheer-1';
  const ANALYST = { username: 'ursula', password: 'Schijf-vol-analist-2026!' };

  async function post(url: string, route: string, body: object, cookie = ''): Promise<Response> {
    const headers = { 'content-type': 'application/json', cookie };
    return fetch(`${url}${route}`, { method: 'POST', headers, body: JSON.stringify(body) });
  }
  const sessionOf = (response: Response) => /spoor_session=[^;]+/.exec(response.headers.get('set-cookie') ?? '')![0];

  it('answers 507 with what to do, logs it as an error, and keeps nothing of the upload', async () => {
    const disk = await smallDisk(8);
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'spoor-disk-data-'));
    const databaseUrl = await createDatabase();
    const server = await startServer({
      DATABASE_URL: databaseUrl,
      SPOOR_DATA_DIR: dataDir,
      SPOOR_OBJECTS_DIR: disk,
      SPOOR_ADMIN_PASSWORD: ADMIN,
    });
    try {
      const admin = sessionOf(await post(server.url, '/api/auth/login', { username: 'admin', password: ADMIN }));
      const created = await post(server.url, '/api/users', { ...ANALYST, unit: 'Limburg', role: 'analyst' }, admin);
      expect(created.status).toBe(201);
      const cookie = sessionOf(await post(server.url, '/api/auth/login', ANALYST));
      // An administrator-set password may be one-time: choose one's own first.
      const own = { currentPassword: ANALYST.password, newPassword: `${ANALYST.password}-eigen` };
      await post(server.url, '/api/auth/password', own, cookie);
      const made = await post(server.url, '/api/cases', { number: 'VOL-1', title: 'Vol' }, cookie);
      const caseId = (await made.json()).id;
      const url = `${server.url}/api/cases/${caseId}/evidence?name=too-big.zip`;
      const octet = { cookie, 'content-type': 'application/octet-stream' };

      const answers = {
        nl: /^De opslag is vol.*ruimte vrijmaken.*opnieuw/,
        en: /^Storage is full.*free space.*upload again/,
      };
      for (const [lang, expected] of Object.entries(answers)) {
        const headers = { ...octet, 'accept-language': lang };
        const sent = await sendBigBody(url, { headers, bytes: 24 * MiB, declareLength: lang === 'nl' });
        expect(sent.status, `${sent.error} ${sent.body}`).toBe(507);
        const answer = JSON.parse(sent.body);
        expect(answer).toMatchObject({ code: 'INSUFFICIENT_STORAGE', message: expect.stringMatching(expected) });
      }
      await waitFor('the error in the log', async () => /"level":50.*ENOSPC/.test(server.stderr()), 5000);
      // Nothing of the refused uploads: no object, no temp file, no evidence row.
      expect(await fs.readdir(disk, { recursive: true })).toEqual(['.tmp']);
      const db = new pg.Client({ connectionString: databaseUrl });
      await db.connect();
      expect((await db.query('SELECT count(*)::int AS n FROM evidence')).rows[0].n).toBe(0);
      await db.end();
      // And the server is fine: a small upload still goes in.
      const body = new Uint8Array(64 * 1024);
      const small = await fetch(url.replace('too-big', 'small'), { method: 'POST', headers: octet, body });
      expect(small.status, await small.clone().text()).toBe(201);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
      await fs.rm(dataDir, { recursive: true, force: true });
    }
  });
});
