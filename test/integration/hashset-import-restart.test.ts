// A hash-set import is a job with its progress on a row: stopping the real `npm start` mid-import (SIGTERM, then
// kill -9) loses nothing. The restarted server reports the same import, finishes it, and the set holds exactly the
// file's entries, once.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vicsStream } from '../fixtures/vics-generator.ts';
import { startServer, type Server } from './helpers/process.ts';
import { ADMIN_PASSWORD, serverDatabase, signIn, waitFor } from './helpers/server-client.ts';

const RECORDS = 400_000;

type Progress = {
  status: string;
  records: number;
  entries: number;
  error: string | null;
  result: { entries: number; setId: string } | null;
};

let dataDir: string;
const running: Server[] = [];
const start = async () => {
  const s = await startServer({ SPOOR_DATA_DIR: dataDir, SPOOR_ADMIN_PASSWORD: ADMIN_PASSWORD });
  running.push(s);
  return s;
};

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'spoor-hashset-restart-'));
});
afterAll(async () => {
  for (const s of running.filter((r) => r.child.exitCode === null && r.child.signalCode === null)) {
    s.child.kill('SIGTERM');
    await s.exited;
  }
  await fs.rm(dataDir, { recursive: true, force: true });
});

/** Polls the import's progress every 100 ms while one server lives; every answer is kept, and must be a 200. */
function follow(server: Server, cookie: string, importId: string) {
  const seen: Progress[] = [];
  const failures: string[] = [];
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const response = await fetch(`${server.url}/api/hashsets/imports/${importId}`, { headers: { cookie } }).catch(
        () => null,
      );
      if (stopped) break;
      if (response?.status === 200) seen.push((await response.json()) as Progress);
      else failures.push(response ? `${response.status} ${await response.text()}` : 'no answer');
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  const last = () => seen[seen.length - 1];
  return {
    seen,
    failures,
    last,
    stop: async () => {
      stopped = true;
      await loop;
    },
  };
}

async function upload(server: Server, cookie: string): Promise<string> {
  const body = Readable.toWeb(vicsStream({ records: RECORDS, seed: 42 })) as ReadableStream<Uint8Array>;
  const response = await fetch(`${server.url}/api/hashsets/import?name=Landelijk&version=2026.1`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/octet-stream' },
    body,
    duplex: 'half',
  } as RequestInit);
  expect(response.status, await response.clone().text()).toBe(202);
  return ((await response.json()) as { importId: string }).importId;
}

/** Lets the server get well into the import (records counted on the row), then stops it with `signal`. */
async function interrupt(server: Server, cookie: string, importId: string, signal: NodeJS.Signals) {
  const watch = follow(server, cookie, importId);
  await waitFor(
    async () => (watch.last()?.records ?? 0) >= 40_000,
    120_000,
    `the import to get under way before ${signal}`,
  );
  await watch.stop();
  const atStop = watch.last()!;
  expect(atStop.status).toBe('running');
  expect(atStop.records).toBeLessThan(RECORDS);
  expect(watch.failures).toEqual([]);
  server.child.kill(signal);
  await server.exited;
  process.stdout.write(
    `  ${signal} at ${atStop.records} of ${RECORDS} records ` + `(${watch.seen.length} progress reads, all 200)\n`,
  );
}

describe('hash-set import across server restarts', () => {
  it('survives SIGTERM and kill -9 mid-import and completes with exactly the right entry count', async () => {
    const first = await start();
    let cookie = await signIn(first.url);
    const importId = await upload(first, cookie);
    await interrupt(first, cookie, importId, 'SIGTERM');
    expect(first.child.exitCode).toBe(0);

    const second = await start();
    cookie = await signIn(second.url);
    await interrupt(second, cookie, importId, 'SIGKILL');

    const third = await start();
    const restarted = Date.now();
    cookie = await signIn(third.url);
    const watch = follow(third, cookie, importId);
    const finished = async () => watch.last()?.status === 'done' || watch.last()?.status === 'failed';
    await waitFor(finished, 240_000, 'the import to finish');
    await watch.stop();
    const seconds = ((Date.now() - restarted) / 1000).toFixed(1);
    process.stdout.write(`  after kill -9: import done ${seconds} s after the restart\n`);
    expect(watch.failures).toEqual([]);
    const done = watch.last()!;
    expect(done).toMatchObject({ status: 'done', error: null, entries: RECORDS, result: { entries: RECORDS } });

    const db = await serverDatabase(dataDir);
    try {
      const sets = (
        await db.query(`SELECT s.id, s.status,
        (SELECT count(*)::int FROM hash_set_entries e WHERE e.set_id = s.id) AS n,
        (SELECT count(DISTINCT md5)::int FROM hash_set_entries e WHERE e.set_id = s.id) AS distinct_md5
        FROM hash_sets s`)
      ).rows;
      expect(sets).toEqual([{ id: done.result!.setId, status: 'active', n: RECORDS, distinct_md5: RECORDS }]);
      const job = (await db.query('SELECT status, attempts FROM long_jobs WHERE id = $1', [importId])).rows[0];
      expect(job.status).toBe('done');
      expect(job.attempts).toBeGreaterThanOrEqual(3);
      // No loading table of an interrupted attempt is left behind.
      const tables = await db.query(
        "SELECT count(*)::int AS n FROM pg_tables WHERE tablename LIKE 'hash_set_entries_%'",
      );
      expect(tables.rows[0].n).toBe(1);
    } finally {
      await db.end();
    }
    third.child.kill('SIGTERM');
    expect(await third.exited).toBe(0);
  }, 600_000);
});
