// `npm start` recovers from its own crash: an orphaned embedded PostgreSQL of its data directory is
// stopped cleanly, a stale lock file is no obstacle, and an interrupted ingest finishes with every file once.
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresProcessesFor, startServer, type Server } from './helpers/process.ts';
import {
  accountFor,
  ADMIN_PASSWORD,
  ingestExport,
  photoExport,
  serverDatabase,
  signIn,
  waitFor,
} from './helpers/server-client.ts';

let dataDir: string;
const running: Server[] = [];
const env = () => ({ SPOOR_DATA_DIR: dataDir, SPOOR_ADMIN_PASSWORD: ADMIN_PASSWORD });
const start = async () => {
  const s = await startServer(env());
  running.push(s);
  return s;
};
const pgDir = () => path.join(dataDir, 'pg');

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'spoor-crash-'));
});
afterAll(async () => {
  for (const s of running)
    if (s.child.exitCode === null) {
      s.child.kill('SIGTERM');
      await s.exited;
    }
  await fs.rm(dataDir, { recursive: true, force: true });
});

async function stop(server: Server) {
  server.child.kill('SIGTERM');
  expect(await server.exited).toBe(0);
  expect(postgresProcessesFor(dataDir)).toEqual([]);
}

describe('npm start after kill -9', () => {
  it('stops the orphaned PostgreSQL, starts, and finishes the interrupted ingest with every file once', async () => {
    const first = await start();
    let cookie = await signIn(first.url);
    const photos = await photoExport(60, 700);
    const { evidenceId, progress: progressAt } = await ingestExport(first.url, cookie, 'CRASH-1', photos);
    const progress = (url: string) => progressAt(url, cookie);
    await waitFor(async () => (await progress(first.url)).processed >= 8, 60_000, 'the ingest to get under way');

    first.child.kill('SIGKILL');
    const killed = Date.now();
    await first.exited;
    expect(postgresProcessesFor(dataDir).length).toBeGreaterThan(0); // the orphan the old code tripped over

    const second = await start();
    const ready = Date.now() - killed;
    expect(second.stderr()).toMatch(/Stopped PostgreSQL \(pid \d+\) left running by a crashed Spoor process \(SIGINT/);
    cookie = await signIn(second.url);
    expect((await progress(second.url)).done).toBe(false);
    await waitFor(async () => (await progress(second.url)).done, 150_000, 'the ingest to finish');
    const done = Date.now() - killed;
    const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    console.log(`[crash-recovery] kill -9 → ready ${s(ready)}; kill -9 → ingest done ${s(done)}`);

    const db = await serverDatabase(dataDir);
    try {
      expect(await accountFor(db, evidenceId)).toEqual({ n: 61, ordinals: 61, paths: 61, notDone: 0 });
    } finally {
      await db.end();
    }
    await stop(second);
  }, 300_000);

  it('starts over a stale lock file whose postmaster is dead, or whose pid now names another process', async () => {
    if (!(await fs.stat(pgDir()).catch(() => null))) await stop(await start()); // a cluster to lock
    const dead = spawn('true');
    await new Promise((r) => dead.on('exit', r));
    const stranger = spawn('sleep', ['60']);
    try {
      for (const pid of [dead.pid!, stranger.pid!]) {
        const lock = [pid, pgDir(), 1700000000, 5999, '/tmp', '127.0.0.1', '  1234  5678', 'ready   '].join('\n');
        await fs.writeFile(path.join(pgDir(), 'postmaster.pid'), `${lock}\n`);
        const server = await start();
        expect(stranger.exitCode).toBeNull(); // never signalled: it is not our postgres
        await stop(server);
      }
    } finally {
      stranger.kill('SIGKILL');
    }
  }, 120_000);

  it('leaves a PostgreSQL alone whose owner is alive, and says who holds it', async () => {
    const script = 'test/integration/helpers/hold-embedded-pg.ts';
    const holder = await startServer({ ...env(), HOLD_DIR: dataDir }, script, /(holding)/);
    running.push(holder);
    await expect(start()).rejects.toThrow(new RegExp(`in use by process ${holder.child.pid}`));
    expect(postgresProcessesFor(dataDir).length).toBeGreaterThan(0);
    holder.child.kill('SIGTERM');
    await holder.exited;
    await waitFor(async () => postgresProcessesFor(dataDir).length === 0, 20_000, 'the holder to stop its database');
  }, 120_000);

  it('reports why PostgreSQL could not start instead of a TypeError', async () => {
    if (!(await fs.stat(pgDir()).catch(() => null))) await stop(await start());
    const conf = path.join(pgDir(), 'postgresql.auto.conf');
    const original = await fs.readFile(conf, 'utf8');
    await fs.writeFile(conf, `${original}\nno_such_setting = 1\n`);
    try {
      const failure = await start().then(
        () => '',
        (error: Error) => error.message,
      );
      expect(failure).toMatch(/Spoor could not start: Error: PostgreSQL exited during start-up: .*no_such_setting/);
      expect(failure).toMatch(/contains errors/);
      expect(failure).not.toMatch(/TypeError/);
    } finally {
      await fs.writeFile(conf, original);
    }
    await stop(await start());
  }, 120_000);
});
