// A store that is briefly away (S3 refusing connections, then back) pauses the ingest instead of recording its
// files as failed; the periodic check notices the store is back and the ingest finishes, every file once.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
// @ts-expect-error s3rver ships no types
import S3rver from 's3rver';
import { startWorkers } from './helpers/ingest.ts';
import { expectEveryFileOnce, expectPausedWithoutLoss, uploadExport } from './helpers/paused-ingest.ts';
import { createTestEnv, type TestEnv } from './helpers/runtime.ts';

type S3Server = { run: () => Promise<{ port: number }>; close: () => Promise<void> };

let tmp: string;
let port: number;
let s3: S3Server | null = null;
let env: TestEnv;

const startS3 = async (at = 0) => {
  s3 = new S3rver({ port: at, address: '127.0.0.1', silent: true, directory: path.join(tmp, 's3') }) as S3Server;
  return (await s3.run()).port;
};

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'spoor-outage-'));
  port = await startS3();
  env = await createTestEnv({
    S3_ENDPOINT: '127.0.0.1',
    S3_PORT: String(port),
    S3_USE_SSL: 'false',
    S3_BUCKET: 'spoor-outage',
    S3_ACCESS_KEY: 'S3RVER',
    S3_SECRET_KEY: 'S3RVER',
    SPOOR_RESUME_CHECK_SECONDS: '1',
    SPOOR_RESUME_MIN_FREE_BYTES: '0',
  });
});
afterAll(async () => {
  await env?.close();
  await s3?.close();
  await fs.rm(tmp, { recursive: true, force: true });
});

describe('a store that is briefly away', () => {
  it('pauses processing ("unavailable"), then resumes by itself once the store is back, every file once', async () => {
    const ingest = await uploadExport(env, 'S3-OUTAGE', 40, true);
    await s3!.close();
    s3 = null;
    await startWorkers(env);
    // The queue's quick retries come first; only then is it paused rather than recorded as failed.
    await expectPausedWithoutLoss(ingest, 'unpacked', 'unavailable');
    const back = Date.now();
    await startS3(port);
    await expectEveryFileOnce(ingest);
    const seconds = ((Date.now() - back) / 1000).toFixed(1);
    console.log(`resumed by itself and finished ${seconds} s after the store came back`);
  });
});
