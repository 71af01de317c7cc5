// One request must not take Spoor down: 1 GB bodies, generated while sending, at the real `npm start` process's
// upload routes, as outsiders and with the wrong type or size. The server answers early, stays healthy, keeps its
// memory bounded and stores nothing from the refused requests.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gradientJpeg } from '../fixtures/media.ts';
import { sampleRss, sendBigBody } from './helpers/big-body.ts';
import { startServer, type Server } from './helpers/process.ts';
import { send, signIn as signInAt } from './helpers/server-client.ts';

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;
const MAX_UPLOAD = 256 * MiB;
const MAX_LOOKUP = 32 * MiB;
const ADMIN_PASSWORD = 'edge-admin-password-1';
const PASSWORD = 'Spoor-edge-test-2026!';
const RSS_BOUND_MB = 600;
const mib = (bytes: number | null) => ((bytes ?? 0) / MiB).toFixed(0);

let server: Server;
let dataDir: string;
let caseId: string;
let rss: ReturnType<typeof sampleRss>;
let baselineMb: number;
const cookies: Record<string, string> = {};

const api = (who: string | null, method: string, url: string, body?: unknown) =>
  send(server.url, who ? cookies[who]! : null, method, url, body);
const signIn = (username: string, password: string) => signInAt(server.url, password, username);

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'spoor-limits-'));
  server = await startServer({
    SPOOR_DATA_DIR: dataDir,
    SPOOR_ADMIN_PASSWORD: ADMIN_PASSWORD,
    SPOOR_MAX_UPLOAD_BYTES: String(MAX_UPLOAD),
    SPOOR_MAX_LOOKUP_BYTES: String(MAX_LOOKUP),
  });
  cookies.admin = await signIn('admin', ADMIN_PASSWORD);
  for (const [username, unit] of [
    ['ana', 'Amsterdam'],
    ['otto', 'Rotterdam'],
  ]) {
    const created = await api('admin', 'POST', '/api/users', { username, unit, role: 'analyst', password: PASSWORD });
    expect(created.status).toBe(201);
    cookies[username] = await signIn(username, PASSWORD);
    // An administrator-set password is one-time: choose one's own first.
    const changed = await api(username, 'POST', '/api/auth/password', {
      currentPassword: PASSWORD,
      newPassword: `${PASSWORD}-own`,
    });
    expect([200, 404]).toContain(changed.status);
  }
  const created = await api('ana', 'POST', '/api/cases', { number: 'LIMIT-1', title: 'Grote verzoeken' });
  caseId = (await created.json()).id;
  rss = sampleRss(server.child.pid!);
  baselineMb = rss.peak();
});

afterAll(async () => {
  server?.child.kill('SIGTERM');
  await server?.exited;
  await fs.rm(dataDir, { recursive: true, force: true });
});

const upload = () => `/api/cases/${caseId}/evidence?name=huge.bin`;
const lookup = () => '/api/lookup/image';
const octet = { 'content-type': 'application/octet-stream' };

// [what, route, who, content type, declare Content-Length, expected status]
const attempts: Array<[string, () => string, string | null, Record<string, string>, boolean, number]> = [
  ['upload without a session', upload, null, octet, false, 401],
  ['upload by a signed-in user outside the case', upload, 'otto', octet, true, 404],
  ['upload by the analyst as text/plain', upload, 'ana', { 'content-type': 'text/plain' }, false, 415],
  ['upload by the analyst as application/json', upload, 'ana', { 'content-type': 'application/json' }, true, 415],
  ['upload by the analyst declaring more than the maximum', upload, 'ana', octet, true, 413],
  ['upload by the analyst streaming past the maximum', upload, 'ana', octet, false, 413],
  ['image lookup without a session', lookup, null, octet, true, 401],
  ['image lookup as text/plain', lookup, 'ana', { 'content-type': 'text/plain' }, false, 415],
  ['image lookup as application/json', lookup, 'ana', { 'content-type': 'application/json' }, false, 415],
  ['image lookup declaring more than the maximum', lookup, 'ana', octet, true, 413],
  ['image lookup streaming past the maximum', lookup, 'ana', octet, false, 413],
];

describe('1 GB streamed at each upload route', () => {
  for (const [what, url, who, type, declareLength, expected] of attempts) {
    it(`${what}: ${expected}`, async () => {
      const headers = { ...type, ...(who ? { cookie: cookies[who]! } : {}) };
      // A hostile client: it sends the whole gigabyte whatever the answer.
      const result = await sendBigBody(`${server.url}${url()}`, {
        bytes: GiB,
        declareLength,
        headers,
        keepSending: true,
      });
      process.stdout.write(
        `  ${what}: ${result.status} after ${mib(result.sentAtAnswer)} MiB; ${mib(result.sent)} MiB ` +
          `sent in ${result.ms} ms; server RSS peak so far ${rss.peak().toFixed(0)} MB\n`,
      );
      expect(result.status, `${result.error ?? ''} ${result.body}`).toBe(expected);
      expect(JSON.parse(result.body).message).toBeTruthy();
      // Answered before reading the body; past a maximum, no later than the maximum (plus socket buffers).
      const maximum = url === upload ? MAX_UPLOAD : MAX_LOOKUP;
      const answeredBy = expected === 413 && !declareLength ? maximum + 64 * MiB : 64 * MiB;
      expect(result.sentAtAnswer).toBeLessThan(answeredBy);
    });
  }

  it('a refused upload by an outsider answers exactly like a case that does not exist', async () => {
    const opts = { bytes: MiB, declareLength: true, headers: { ...octet, cookie: cookies.otto! } };
    const hidden = await sendBigBody(`${server.url}${upload()}`, opts);
    const missingCase = '00000000-0000-4000-8000-000000000000';
    const missing = await sendBigBody(`${server.url}/api/cases/${missingCase}/evidence?name=x`, opts);
    expect(hidden.status).toBe(404);
    expect(JSON.parse(hidden.body)).toEqual(JSON.parse(missing.body));
  });

  it('afterwards: healthy, a normal upload and lookup work, memory stayed bounded, nothing stored', async () => {
    expect(server.child.exitCode).toBeNull();
    const health = await (await fetch(`${server.url}/api/health`)).json();
    expect(health).toMatchObject({ ok: true, database: { ok: true }, objectStore: { ok: true }, queue: { ok: true } });
    const bytes = new TextEncoder().encode('a small, ordinary export');
    const normal = await fetch(`${server.url}/api/cases/${caseId}/evidence?name=normal.bin`, {
      method: 'POST',
      headers: { ...octet, cookie: cookies.ana! },
      body: bytes,
    });
    expect(normal.status, await normal.clone().text()).toBe(201);
    const image = await fetch(`${server.url}/api/lookup/image`, {
      method: 'POST',
      headers: { ...octet, cookie: cookies.ana! },
      body: new Uint8Array(await gradientJpeg(9, 96, 72)),
    });
    expect(image.status, await image.clone().text()).toBe(200);

    const listed = await api('ana', 'GET', `/api/cases/${caseId}/evidence`);
    const evidence = (await listed.json()) as Array<{ originalName: string }>;
    expect(evidence.map((e) => e.originalName)).toEqual(['normal.bin']);
    expect(await fs.readdir(path.join(dataDir, 'objects', '.tmp'))).toEqual([]);
    expect(await fs.readdir(path.join(dataDir, 'objects', 'evidence'))).toHaveLength(1);

    const peak = rss.stop();
    process.stdout.write(
      `  server RSS: ${baselineMb.toFixed(0)} MB at rest, ` +
        `peak ${peak.toFixed(0)} MB while 1 GB bodies were sent\n`,
    );
    expect(peak).toBeLessThan(RSS_BOUND_MB);
  });
});
