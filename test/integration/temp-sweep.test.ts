// Temporary files a crash left behind are cleared at start and then periodically, never one in use,
// and the periodic sweep ends with the runtime that started it.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkers } from './helpers/ingest.ts';
import { createTestEnv, type TestEnv } from './helpers/runtime.ts';
import { waitFor } from './helpers/server-client.ts';

let env: TestEnv;
let spool: string;
let stopped = false;
const osTemp: string[] = [];
const HOURS = 3600_000;
const exists = (p: string) =>
  fs.access(p).then(
    () => true,
    () => false,
  );

/** A file (or folder with one file) whose last change was `ageHours` ago. */
async function leftover(file: string, ageHours: number, opts: { folder?: boolean; innerAgeHours?: number } = {}) {
  const old = new Date(Date.now() - ageHours * HOURS);
  if (opts.folder) {
    await fs.mkdir(file);
    const inner = path.join(file, 'spool-1');
    await fs.writeFile(inner, 'nested archive');
    const innerTime = new Date(Date.now() - (opts.innerAgeHours ?? ageHours) * HOURS);
    await fs.utimes(inner, innerTime, innerTime);
  } else {
    await fs.writeFile(file, 'partial upload');
  }
  await fs.utimes(file, old, old);
  return file;
}

beforeAll(async () => {
  env = await createTestEnv({ SPOOR_SWEEP_SECONDS: '1', SPOOR_TEMP_MAX_AGE_HOURS: '6' });
  spool = env.runtime.store.spoolDir();
});
afterAll(async () => {
  for (const dir of osTemp) await fs.rm(dir, { recursive: true, force: true });
  if (stopped) await fs.rm(env.dataDir, { recursive: true, force: true });
  else await env.close();
});

describe('stale temp files', () => {
  it('clears crash leftovers at start and periodically, never one in use, and stops with the runtime', async () => {
    const walkInTmp = path.join(os.tmpdir(), `spoor-walk-${randomUUID().slice(0, 8)}`);
    const videoInTmp = path.join(os.tmpdir(), `spoor-video-${randomUUID().slice(0, 6)}`); // a crashed video analysis
    const freshVideo = path.join(os.tmpdir(), `spoor-video-${randomUUID().slice(0, 6)}`); // one analysing now
    osTemp.push(walkInTmp, videoInTmp, freshVideo);
    const stale = [
      await leftover(path.join(spool, `${randomUUID()}.part`), 7),
      await leftover(path.join(spool, `${randomUUID()}.spool`), 30),
      await leftover(path.join(spool, `${randomUUID()}.evidence`), 7),
      await leftover(path.join(spool, 'spoor-walk-Ab12Cd'), 7, { folder: true }),
      await leftover(walkInTmp, 7, { folder: true }),
      await leftover(videoInTmp, 7, { folder: true }),
    ];
    const kept = [
      await leftover(path.join(spool, `${randomUUID()}.part`), 0), // being written
      // a walk still spooling: an old folder with a fresh file in it
      await leftover(path.join(spool, 'spoor-walk-Busy01'), 7, { folder: true, innerAgeHours: 0 }),
      await leftover(path.join(spool, 'notes.txt'), 30), // not a name Spoor gives
      await leftover(freshVideo, 0, { folder: true }),
    ];
    const held = await leftover(path.join(spool, `${randomUUID()}.spool`), 7); // old, but a process reads it
    const handle = await fs.open(held, 'r');
    try {
      await startWorkers(env);
      await waitFor(async () => !(await Promise.all(stale.map(exists))).some(Boolean), 10_000, 'the start-up sweep');
      for (const file of [...kept, held]) expect(await exists(file)).toBe(true);

      const later = await leftover(path.join(spool, `${randomUUID()}.part`), 8);
      await waitFor(async () => !(await exists(later)), 10_000, 'the periodic sweep');
    } finally {
      await handle.close();
    }

    await env.app.close();
    await env.runtime.stop();
    stopped = true;
    const afterStop = await leftover(path.join(spool, `${randomUUID()}.part`), 8);
    await new Promise((r) => setTimeout(r, 3_000));
    expect(await exists(afterStop)).toBe(true); // no sweep outlives its runtime
  }, 60_000);
});
