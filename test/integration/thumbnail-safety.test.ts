// Thumbnails are greyscale and blurred on the server: whatever the user's display settings, the sharp
// thumbnail leaves only against that user's own fresh, audited reveal of that content in that case.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildZip, sha256 } from '../fixtures/hostile-export.ts';
import { colourChecker, pixelStats } from '../fixtures/patterns.ts';
import { scenePhoto } from '../fixtures/photos.ts';
import { SYSTEM_ACTOR } from '../../server/services/actor.ts';
import { safeThumbnailKey, thumbnailKey } from '../../workers/ingest/content-store.ts';
import { startWorkers, uploadEvidence, waitForEvidence } from './helpers/ingest.ts';
import { addUser, createTestEnv, login, type TestEnv } from './helpers/runtime.ts';

const REVEAL_SECONDS = 3;
let env: TestEnv;
let caseId: string;
let otherCaseId: string;
const cookies: Record<string, string> = {};
let checker: string;
let scene: string;

const call = (who: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
  env.app.inject({ method, url, headers: { cookie: cookies[who]! }, payload });
const thumbnail = (who: string, sha: string, reveal?: number, inCase = caseId) =>
  call(who, 'GET', `/api/cases/${inCase}/media/${sha}/thumbnail${reveal === undefined ? '' : `?reveal=${reveal}`}`);
const reveal = async (who: string, sha: string) => {
  const response = await call(who, 'POST', `/api/cases/${caseId}/media/${sha}/reveal`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { auditId: number; expiresAt: string };
};
const stored = async (key: string) => Buffer.concat(await (await env.runtime.store.get(key)).toArray());
const revealedFetches = async () =>
  (
    await env.runtime.pool.query(
      `SELECT actor_name, target_id, case_id, details FROM audit_log
   WHERE action = 'media.thumbnail.revealed' ORDER BY id`,
    )
  ).rows;

async function newCase(number: string, files: Record<string, Buffer>) {
  const id = (await call('ana', 'POST', '/api/cases', { number, title: 'thumbnail safety' })).json().id as string;
  const zip = buildZip(Object.entries(files).map(([name, data]) => ({ name, data })));
  const upload = await uploadEvidence(env, cookies.ana!, id, `${number}.zip`, zip);
  expect(upload.statusCode, upload.body).toBe(201);
  await waitForEvidence(env, upload.json().id);
  return id;
}

beforeAll(async () => {
  env = await createTestEnv({ SPOOR_REVEAL_SECONDS: String(REVEAL_SECONDS) });
  await startWorkers(env);
  for (const name of ['ana', 'bob']) {
    await addUser(env, name, 'Amsterdam', 'analyst');
    cookies[name] = await login(env, name);
  }
  const pattern = await colourChecker();
  const photo = await scenePhoto(7);
  [checker, scene] = [sha256(pattern), sha256(photo)];
  caseId = await newCase('AM-THUMB-1', { 'pattern/checker.png': pattern, 'dcim/scene.jpg': photo });
  await env.runtime.services.cases.addMember(SYSTEM_ACTOR, caseId, 'bob');
  otherCaseId = await newCase('AM-THUMB-2', { 'again/checker.png': pattern });
});
afterAll(() => env.close());

describe('the default thumbnail', () => {
  it('is greyscale in every pixel and blurred past recognition, even with the CSS blur and greyscale off', async () => {
    const settings = await call('ana', 'PUT', '/api/auth/settings', { blur: 0, greyscale: false });
    expect(settings.statusCode, settings.body).toBe(200);
    const response = await thumbnail('ana', checker);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('image/webp');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    const safe = await pixelStats(response.rawPayload);
    const original = await pixelStats(await stored(thumbnailKey(checker)), { width: safe.width, height: safe.height });
    expect(safe.colourPixels).toBe(0);
    expect(Math.max(safe.width, safe.height)).toBeLessThanOrEqual(64);
    expect(original.maxStep).toBeGreaterThan(100); // the checker's hard edges, at the same size
    expect(safe.maxStep).toBeLessThan(original.maxStep / 20);
    expect(safe.stdev).toBeLessThan(original.stdev / 10);
    expect((await pixelStats((await thumbnail('ana', scene)).rawPayload)).colourPixels).toBe(0);
  });

  it('is made and cached for content processed before safe renditions existed', async () => {
    await env.runtime.store.delete(safeThumbnailKey(scene));
    const response = await thumbnail('bob', scene);
    expect(response.statusCode).toBe(200);
    expect((await pixelStats(response.rawPayload)).colourPixels).toBe(0);
    expect(await stored(safeThumbnailKey(scene))).toEqual(response.rawPayload);
  });
});

describe('the sharp thumbnail', () => {
  it('is refused without a reveal, also against ids of other audit entries of the same user', async () => {
    const view = (await call('ana', 'GET', `/api/cases/${caseId}/media/${checker}`)).statusCode;
    expect(view).toBe(200);
    const { rows } = await env.runtime.pool.query(
      `SELECT id FROM audit_log WHERE actor_name = 'ana' AND action <> 'media.reveal' ORDER BY id DESC LIMIT 5`,
    );
    for (const id of [...rows.map((r) => Number(r.id)), 1, 9_007_199_254_740_991]) {
      const response = await thumbnail('ana', checker, id);
      expect(response.statusCode, `reveal=${id}`).toBe(403);
      expect(response.json().message).toMatch(/Onthul het opnieuw/);
    }
    expect((await thumbnail('ana', checker, 0)).statusCode).toBe(400);
    expect(await revealedFetches()).toEqual([]);
  });

  it('is served after a reveal to the user who revealed, never cached, with an audit entry per fetch', async () => {
    const { auditId, expiresAt } = await reveal('ana', checker);
    expect(Date.parse(expiresAt) - Date.now()).toBeLessThanOrEqual(REVEAL_SECONDS * 1000);
    for (let i = 0; i < 2; i++) {
      const response = await thumbnail('ana', checker, auditId);
      expect(response.statusCode, response.body).toBe(200);
      expect(response.headers['cache-control']).toBe('private, no-store');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.rawPayload).toEqual(await stored(thumbnailKey(checker)));
      const stats = await pixelStats(response.rawPayload);
      expect(stats.colourPixels).toBeGreaterThan((stats.width * stats.height) / 2);
      expect(stats.maxStep).toBeGreaterThan(100);
    }
    const details = { revealId: auditId, ip: expect.any(String) };
    const fetch = { actor_name: 'ana', target_id: checker, case_id: caseId, details };
    expect(await revealedFetches()).toEqual([fetch, fetch]);
  });

  it('cannot be fetched with the reveal by another member, for other content, or in another case', async () => {
    const { auditId } = await reveal('ana', checker);
    expect((await thumbnail('bob', checker, auditId)).statusCode).toBe(403);
    expect((await thumbnail('ana', scene, auditId)).statusCode).toBe(403);
    expect((await thumbnail('ana', checker, auditId, otherCaseId)).statusCode).toBe(403);
    expect((await revealedFetches()).filter((r) => r.actor_name === 'bob' || r.case_id === otherCaseId)).toEqual([]);
    const own = await reveal('bob', checker);
    expect((await thumbnail('bob', checker, own.auditId)).statusCode).toBe(200);
  });

  it(`is refused once the reveal is older than SPOOR_REVEAL_SECONDS (${REVEAL_SECONDS} s here)`, async () => {
    const { auditId } = await reveal('ana', scene);
    expect((await thumbnail('ana', scene, auditId)).statusCode).toBe(200);
    await new Promise((r) => setTimeout(r, REVEAL_SECONDS * 1000 + 300));
    expect((await thumbnail('ana', scene, auditId)).statusCode).toBe(403);
  });
});
