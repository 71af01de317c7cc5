// The same ingest against the S3 code path (s3rver on 127.0.0.1): no local spool for uploads,
// server-side copy into content addresses, thumbnails in the bucket.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error s3rver ships no types
import S3rver from 's3rver';
import { makeHostileExport, sha256 } from '../fixtures/hostile-export.ts';
import { allItems, startWorkers, uploadEvidence, waitForEvidence } from './helpers/ingest.ts';
import { addUser, createTestEnv, login, type TestEnv } from './helpers/runtime.ts';

let env: TestEnv;
let tmp: string;
let server: { run: () => Promise<{ port: number }>; close: () => Promise<void> };

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'spoor-s3-ingest-'));
  server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: path.join(tmp, 's3') });
  const { port } = await server.run();
  env = await createTestEnv({
    S3_ENDPOINT: '127.0.0.1',
    S3_PORT: String(port),
    S3_USE_SSL: 'false',
    S3_ACCESS_KEY: 'S3RVER',
    S3_SECRET_KEY: 'S3RVER',
    S3_BUCKET: 'spoor-evidence',
  });
  await startWorkers(env);
  await addUser(env, 'sara', 'Noord-Holland', 'analyst');
});
afterAll(async () => {
  await env.close();
  await server.close();
  await fs.rm(tmp, { recursive: true, force: true });
});

describe('ingest on S3', () => {
  it('accounts for every file, stores evidence, blobs and thumbnails in the bucket, and leaves no temp objects', async () => {
    expect(env.runtime.store.kind).toBe('s3');
    const cookie = await login(env, 'sara');
    const caseId = (
      await env.app.inject({
        method: 'POST',
        url: '/api/cases',
        headers: { cookie },
        payload: { number: 'NH-S3', title: 'S3' },
      })
    ).json().id;
    const fixture = await makeHostileExport(tmp);
    const ev = (await uploadEvidence(env, cookie, caseId, 'export.zip', fixture.bytes)).json();
    await waitForEvidence(env, ev.id);
    const items = await allItems(env, cookie, caseId);
    expect(items.map((i) => i.path).sort()).toEqual(fixture.expected.map((e) => e.sourcePath).sort());
    expect(await env.runtime.store.exists(`evidence/${sha256(fixture.bytes)}`)).toBe(true);
    const photo = items.find((i) => i.path.endsWith('photos/gradient.jpg'))!;
    expect(await env.runtime.store.exists(`thumbs/${photo.sha256!.slice(0, 2)}/${photo.sha256}.webp`)).toBe(true);
    const leftovers: string[] = [];
    for await (const o of env.runtime.store.list('uploads/')) leftovers.push(o.key);
    expect(leftovers).toEqual([]);
    const verify = await env.app.inject({ method: 'POST', url: `/api/evidence/${ev.id}/verify`, headers: { cookie } });
    expect(verify.json().ok).toBe(true);
  });
});
