// One contract, two stores: the local folder store and the S3 store (against s3rver on 127.0.0.1).
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error s3rver ships no types
import S3rver from 's3rver';
import { FsObjectStore, S3ObjectStore, ObjectNotFound, type ObjectStore } from '../../storage/object-store/index.ts';
import { probeWritable } from '../../storage/object-store/probe.ts';

const readAll = async (stream: Readable) => Buffer.concat(await stream.toArray());
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

let tmp: string;
let s3server: { run: () => Promise<{ port: number }>; close: () => Promise<void> };
const stores: Record<string, ObjectStore> = {};

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'spoor-store-'));
  stores.fs = await new FsObjectStore(path.join(tmp, 'fs')).init();
  s3server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: path.join(tmp, 's3') });
  const { port } = await s3server.run();
  stores.s3 = await new S3ObjectStore({
    endPoint: '127.0.0.1',
    port,
    useSSL: false,
    accessKey: 'S3RVER',
    secretKey: 'S3RVER',
    bucket: 'spoor-test',
  }).init();
});
afterAll(async () => {
  await s3server.close();
  await fs.rm(tmp, { recursive: true, force: true });
});

describe.each(['fs', 's3'])('object store contract: %s', (kind) => {
  const store = () => stores[kind]!;

  it('puts a stream of known size and gets it back byte for byte', async () => {
    const data = randomBytes(3 * 1024 * 1024 + 17);
    await store().put('blobs/ab/known', Readable.from([data.subarray(0, 1000), data.subarray(1000)]), data.length);
    expect(sha(await readAll(await store().get('blobs/ab/known')))).toBe(sha(data));
    expect((await store().stat('blobs/ab/known'))!.size).toBe(data.length);
  });

  it('puts a larger stream of known size, arriving in small chunks, byte for byte', async () => {
    const data = randomBytes(12 * 1024 * 1024 + 5);
    const chunks = Array.from({ length: Math.ceil(data.length / 65536) }, (_, i) =>
      data.subarray(i * 65536, (i + 1) * 65536),
    );
    await store().put('blobs/large', Readable.from(chunks), data.length);
    const back = await readAll(await store().get('blobs/large'));
    expect(back.length).toBe(data.length);
    expect(sha(back)).toBe(sha(data));
  });

  it('puts a stream of unknown size', async () => {
    const data = randomBytes(200_000);
    const result = await store().put('blobs/unknown', Readable.from([data.subarray(0, 5), data.subarray(5)]));
    expect(result.size).toBe(data.length);
    expect(sha(await readAll(await store().get('blobs/unknown')))).toBe(sha(data));
  });

  it('reads a byte range, inclusive of both ends', async () => {
    const data = Buffer.from('0123456789abcdef');
    await store().put('range/x', data, data.length);
    expect((await readAll(await store().getRange('range/x', 3, 7))).toString()).toBe('34567');
    expect((await readAll(await store().getRange('range/x', 15, 15))).toString()).toBe('f');
  });

  it('stat, exists and delete', async () => {
    await store().put('del/me', Buffer.from('x'), 1);
    expect(await store().exists('del/me')).toBe(true);
    await store().delete('del/me');
    expect(await store().exists('del/me')).toBe(false);
    expect(await store().stat('del/me')).toBeNull();
    await expect(store().get('del/me')).rejects.toBeInstanceOf(ObjectNotFound);
  });

  it('lists by prefix', async () => {
    for (const key of ['list/a/1', 'list/a/2', 'list/b/1', 'lister'])
      await store().put(key, Buffer.from(key), key.length);
    const keys: string[] = [];
    for await (const item of store().list('list/a/')) keys.push(item.key);
    expect(keys.sort()).toEqual(['list/a/1', 'list/a/2']);
    const all: string[] = [];
    for await (const item of store().list('list')) all.push(item.key);
    expect(all.sort()).toEqual(['list/a/1', 'list/a/2', 'list/b/1', 'lister']);
  });

  it('refuses keys that could escape the store', async () => {
    for (const key of ['../x', 'a/../../x', '/etc/passwd', 'a//b', '', 'a/./b', 'a\\..\\b']) {
      await expect(store().put(key, Buffer.from('x'), 1)).rejects.toThrow(/Invalid object key/);
    }
  });

  it('rejects a stream whose length differs from the declared size', async () => {
    await expect(store().put('size/mismatch', Readable.from([Buffer.from('abc')]), 5)).rejects.toThrow();
    expect(await store().exists('size/mismatch')).toBe(false);
  });

  it('tells the free space where it writes, and whether it takes writes (the paused-ingest check)', async () => {
    expect(await store().freeBytes()).toBeGreaterThan(0);
    expect(await probeWritable(store(), 1)).toEqual({ ok: true });
    expect(await probeWritable(store(), Number.MAX_SAFE_INTEGER)).toMatchObject({
      ok: false,
      why: expect.stringMatching(/free/),
    });
    const left: string[] = [];
    for await (const item of store().list('probes/')) left.push(item.key);
    expect(left).toEqual([]);
  });
});

describe('folder store specifics', () => {
  it('stores objects read-only and leaves no temp files behind', async () => {
    const store = stores.fs as FsObjectStore;
    await store.put('ro/file', Buffer.from('evidence'), 8);
    const mode = (await fs.stat(store.localPath('ro/file'))).mode & 0o777;
    expect(mode & 0o222).toBe(0);
    expect(await fs.readdir(path.join(tmp, 'fs', '.tmp'))).toEqual([]);
  });
});
