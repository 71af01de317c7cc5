// The ingest pipeline through the real API, queue, workers, PostgreSQL and folder store.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildZip, makeHostileExport, makeZipBomb, sha256 } from '../fixtures/hostile-export.ts';
import { scenePhoto, travelled } from '../fixtures/photos.ts';
import { allItems, startWorkers, uploadEvidence, waitForEvidence } from './helpers/ingest.ts';
import { addUser, createTestEnv, login, type TestEnv } from './helpers/runtime.ts';

let env: TestEnv;
let cookie: string;
let tmp: string;

async function newCase(number: string): Promise<string> {
  const response = await env.app.inject({
    method: 'POST',
    url: '/api/cases',
    headers: { cookie },
    payload: { number, title: number },
  });
  return response.json().id;
}

beforeAll(async () => {
  env = await createTestEnv({ SPOOR_MAX_EXPANDED_BYTES: String(2 * 1024 ** 3) });
  await startWorkers(env);
  await addUser(env, 'ingrid', 'Oost-Brabant', 'analyst');
  await addUser(env, 'outsider', 'Oost-Brabant', 'analyst');
  cookie = await login(env, 'ingrid');
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'spoor-ingest-'));
});
afterAll(async () => {
  await env.close();
  await fs.rm(tmp, { recursive: true, force: true });
});

describe('hostile export', () => {
  let caseId: string;
  let evidenceId: string;
  let fixture: Awaited<ReturnType<typeof makeHostileExport>>;

  beforeAll(async () => {
    caseId = await newCase('OB-HOSTILE');
    fixture = await makeHostileExport(tmp);
    const response = await uploadEvidence(env, cookie, caseId, 'export.zip', fixture.bytes);
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      originalName: 'export.zip',
      sha256: sha256(fixture.bytes),
      size: fixture.bytes.length,
      uploadedBy: 'ingrid',
    });
    evidenceId = response.json().id;
    await waitForEvidence(env, evidenceId);
  });

  it('accounts for every file exactly once, with the content hash of what was in the archive', async () => {
    const items = await allItems(env, cookie, caseId);
    expect(items.map((i) => i.path).sort()).toEqual(fixture.expected.map((e) => e.sourcePath).sort());
    for (const expected of fixture.expected.filter((e) => e.kind === 'file')) {
      expect(items.some((i) => i.path === expected.sourcePath && i.sha256 === expected.sha256)).toBe(true);
    }
  });

  it('states a clear reason for every problem file', async () => {
    const byPath = new Map((await allItems(env, cookie, caseId)).map((i) => [i.path.replace('export.zip!/', ''), i]));
    expect(byPath.get('photos/truncated.jpg')).toMatchObject({ status: 'error', mime: 'image/jpeg' });
    expect(byPath.get('photos/truncated.jpg')!.error).toMatch(/truncated/i);
    expect(byPath.get('empty.bin')).toMatchObject({ status: 'error', error: 'empty file (0 bytes)', size: 0 });
    expect(byPath.get('huge-dimensions.png')!.error).toMatch(/30000×30000 exceeds pixel limit/);
    expect(byPath.get('../../x.jpg')!.error).toMatch(/path traversal/);
    expect(byPath.get('/abs/x.jpg')!.error).toMatch(/path traversal/);
    expect(byPath.get('secret/encrypted.jpg')!.error).toMatch(/encrypted/);
    expect(byPath.get('misc/jpeg-named.dat')).toMatchObject({ status: 'ok', mime: 'image/jpeg' });
    expect(byPath.get('misc/jpeg-named.dat')!.warning).toMatch(/extension \.dat does not match/);
    expect(byPath.get('misc/png-named.jpg')).toMatchObject({ status: 'ok', mime: 'image/png' });
    expect(byPath.get('misc/png-named.jpg')!.warning).toMatch(/\.jpg does not match the content \(image\/png\)/);
    expect(byPath.get('notes/readme.txt')).toMatchObject({ status: 'ok', mime: 'text/plain', pdq: null });
    expect(byPath.get('docs/minimal.pdf')).toMatchObject({ status: 'ok', mime: 'application/pdf' });
  });

  it('hashes images (MD5, SHA-1, SHA-256, PDQ, blockhash) and unpacks nested archives and odd names', async () => {
    const byPath = new Map((await allItems(env, cookie, caseId)).map((i) => [i.path.replace('export.zip!/', ''), i]));
    const photo = byPath.get('photos/gradient.jpg')!;
    expect(photo).toMatchObject({ status: 'ok', width: 64, height: 48 });
    expect(photo.md5).toMatch(/^[0-9a-f]{32}$/);
    expect(photo.sha1).toMatch(/^[0-9a-f]{40}$/);
    expect(photo.pdq).toMatch(/^[0-9a-f]{64}$/);
    expect(photo.blockhash).toMatch(/^[0-9a-f]{64}$/);
    expect(byPath.get('nested/level1.zip!/level2.zip!/bottom.png')).toMatchObject({ status: 'ok', mime: 'image/png' });
    expect([...byPath.keys()].some((p) => p.includes('Ümlaut-日本語-😀.jpg'))).toBe(true);
    expect([...byPath.keys()].some((p) => p.endsWith(`${'L'.repeat(196)}.jpg`))).toBe(true);
  });

  it('groups byte-identical files under different names as one exact duplicate group', async () => {
    const items = await allItems(env, cookie, caseId);
    const a = items.find((i) => i.path.endsWith('copy-a.jpg'))!;
    const b = items.find((i) => i.path.endsWith('copy-b.jpg'))!;
    expect(a.duplicateGroup).not.toBeNull();
    expect(a.duplicateGroup).toBe(b.duplicateGroup);
    expect(items.find((i) => i.path.endsWith('gradient.png'))!.duplicateGroup).toBeNull();
  });

  it('detects the same export uploaded twice to a case and keeps the evidence verifiable', async () => {
    const again = await uploadEvidence(env, cookie, caseId, 'copy-of-export.zip', fixture.bytes);
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toMatch(/already evidence in case OB-HOSTILE/);
    const verify = await env.app.inject({
      method: 'POST',
      url: `/api/evidence/${evidenceId}/verify`,
      headers: { cookie },
    });
    expect(verify.json()).toMatchObject({ ok: true, expected: sha256(fixture.bytes) });
    const evidence = (
      await env.app.inject({ method: 'GET', url: `/api/cases/${caseId}/evidence`, headers: { cookie } })
    ).json();
    expect(evidence).toHaveLength(1);
    expect(evidence[0]).toMatchObject({ status: 'unpacked', uploadedBy: 'ingrid', sha256: sha256(fixture.bytes) });
  });

  it('streams progress as server-sent events, ending with done', async () => {
    const response = await env.app.inject({
      method: 'GET',
      url: `/api/evidence/${evidenceId}/events`,
      headers: { cookie },
    });
    expect(response.headers['content-type']).toBe('text/event-stream');
    const events = response.body
      .trim()
      .split('\n\n')
      .map((e) => JSON.parse(e.split('\ndata: ')[1]!));
    expect(events.at(-1)).toMatchObject({
      evidenceId,
      done: true,
      status: 'unpacked',
      found: fixture.expected.length,
      pending: 0,
    });
    const stranger = await login(env, 'outsider');
    expect(
      (
        await env.app.inject({
          method: 'GET',
          url: `/api/evidence/${evidenceId}/events`,
          headers: { cookie: stranger },
        })
      ).statusCode,
    ).toBe(404);
  });

  it('stores identical content once, across cases', async () => {
    const other = await newCase('OB-OTHER');
    const zip = buildZip([
      { name: 'same.jpg', data: fixture.bytes.subarray(0, 0) },
      { name: 'again.zip', data: fixture.bytes, method: 0 },
    ]);
    const ev = (await uploadEvidence(env, cookie, other, 'other.zip', zip)).json();
    await waitForEvidence(env, ev.id);
    const blobs = (
      await env.runtime.pool.query('SELECT count(*)::int AS n FROM blobs WHERE sha256 = $1', [sha256(fixture.bytes)])
    ).rows[0].n;
    expect(blobs).toBe(1);
    let stored = 0;
    for await (const o of env.runtime.store.list(`blobs/${sha256(fixture.bytes).slice(0, 2)}/`))
      if (o.key.endsWith(sha256(fixture.bytes))) stored++;
    expect(stored).toBe(1);
  });
});

describe('interrupted uploads', () => {
  it('leave no evidence row and no partial files, and the retry succeeds', async () => {
    const caseId = await newCase('OB-RETRY');
    const fixture = await makeHostileExport(tmp, 'retry.zip');
    const broken = new Readable({ read() {} });
    broken.push(fixture.bytes.subarray(0, 10_000));
    setTimeout(() => broken.destroy(new Error('connection reset')), 50);
    const failed = await env.app
      .inject({
        method: 'POST',
        url: `/api/cases/${caseId}/evidence?name=retry.zip`,
        headers: { cookie, 'content-type': 'application/octet-stream' },
        payload: broken,
      })
      .catch((error: Error) => error);
    expect(failed instanceof Error || failed.statusCode >= 400).toBe(true);
    // The client side gives up at once; the server's cleanup (in a finally) follows within moments.
    let spoolLeft = await fs.readdir(env.runtime.store.spoolDir());
    for (let i = 0; i < 40 && spoolLeft.length > 0; i++) {
      await new Promise((r) => setTimeout(r, 50));
      spoolLeft = await fs.readdir(env.runtime.store.spoolDir());
    }
    expect(spoolLeft).toEqual([]);
    expect(
      (await env.app.inject({ method: 'GET', url: `/api/cases/${caseId}/evidence`, headers: { cookie } })).json(),
    ).toEqual([]);
    const retry = await uploadEvidence(env, cookie, caseId, 'retry.zip', fixture.bytes);
    expect(retry.statusCode).toBe(201);
    await waitForEvidence(env, retry.json().id);
  });
});

describe('near duplicates', () => {
  it('groups recompressed, resized, watermarked and re-encoded copies, and leaves unrelated images alone', async () => {
    const caseId = await newCase('OB-NEAR');
    const original = await scenePhoto(11);
    const copies = await travelled(original);
    const unrelated = await scenePhoto(99);
    const zip = buildZip([
      { name: 'dcim/original.jpg', data: original },
      { name: 'whatsapp/recompressed.jpg', data: copies.recompressed },
      { name: 'telegram/resized.jpg', data: copies.resized },
      { name: 'web/watermarked.jpg', data: copies.watermarked },
      { name: 'screens/copy.png', data: copies.png },
      { name: 'other/unrelated.jpg', data: unrelated },
    ]);
    const ev = (await uploadEvidence(env, cookie, caseId, 'phone.zip', zip)).json();
    await waitForEvidence(env, ev.id);
    const items = await allItems(env, cookie, caseId);
    const group = items.find((i) => i.path.endsWith('original.jpg'))!.nearGroup;
    expect(group).not.toBeNull();
    for (const name of ['recompressed.jpg', 'resized.jpg', 'watermarked.jpg', 'copy.png']) {
      expect(items.find((i) => i.path.endsWith(name))!.nearGroup).toBe(group);
    }
    expect(items.find((i) => i.path.endsWith('unrelated.jpg'))!.nearGroup).toBeNull();
    const summary = (
      await env.app.inject({ method: 'GET', url: `/api/cases/${caseId}/summary`, headers: { cookie } })
    ).json();
    expect(summary).toMatchObject({ files: 6, images: 6, nearDuplicateGroups: 1, exactDuplicateGroups: 0 });
  });
});

describe('bombs', () => {
  it('stops a zip bomb (small zip, > 2 GB expanded) quickly, records every entry, and the process lives on', async () => {
    const caseId = await newCase('OB-BOMB');
    const bomb = await makeZipBomb(tmp);
    expect(bomb.actualTotal).toBeGreaterThan(2 * 1024 ** 3);
    const started = Date.now();
    const ev = (await uploadEvidence(env, cookie, caseId, 'bomb.zip', await fs.readFile(bomb.path))).json();
    await waitForEvidence(env, ev.id);
    expect(Date.now() - started).toBeLessThan(60_000);
    const items = await allItems(env, cookie, caseId);
    expect(items).toHaveLength(bomb.entries);
    expect(items.every((i) => i.status === 'error' && /compression ratio|total expanded size/.test(i.error!))).toBe(
      true,
    );
    const health = await env.app.inject({ method: 'GET', url: '/api/health' });
    expect(health.json().ok).toBe(true);
  });
});
