// Talks to a real `npm start` process over HTTP, and to its database, for crash and restart tests.
import fs from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { buildZip } from '../../fixtures/hostile-export.ts';
import { scenePhoto } from '../../fixtures/photos.ts';

export const ADMIN_PASSWORD = 'herstel-na-crash-2024';

export async function signIn(url: string, password = ADMIN_PASSWORD, username = 'admin'): Promise<string> {
  const body = JSON.stringify({ username, password });
  const headers = { 'content-type': 'application/json' };
  const response = await fetch(`${url}/api/auth/login`, { method: 'POST', headers, body });
  if (response.status !== 200) throw new Error(`login failed: ${response.status} ${await response.text()}`);
  return /spoor_session=[^;]+/.exec(response.headers.get('set-cookie') ?? '')![0];
}

/** One request with an optional JSON body; the Response whatever its status (for tests of refusals). */
export function send(url: string, cookie: string | null, method: string, route: string, body?: unknown) {
  const headers: Record<string, string> = { ...(cookie ? { cookie } : {}) };
  if (body !== undefined) headers['content-type'] = 'application/json';
  return fetch(`${url}${route}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

async function api<T = Record<string, unknown>>(
  url: string,
  cookie: string,
  method: string,
  route: string,
  body?: unknown,
): Promise<T> {
  const binary = Buffer.isBuffer(body);
  const type = binary ? 'application/octet-stream' : 'application/json';
  const response = await fetch(`${url}${route}`, {
    method,
    headers: { cookie, ...(body === undefined ? {} : { 'content-type': type }) },
    body: body === undefined ? undefined : binary ? new Uint8Array(body) : JSON.stringify(body),
  });
  if (response.status >= 300) throw new Error(`${method} ${route}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** A phone export of `count` synthetic photos plus one duplicate, big enough to be caught mid-ingest. */
export async function photoExport(count: number, seedBase: number): Promise<Buffer> {
  const members = [];
  for (let i = 0; i < count; i++) {
    const name = `DCIM/IMG_${String(i).padStart(4, '0')}.jpg`;
    members.push({ name, data: await scenePhoto(seedBase + i, 1600, 1200) });
  }
  members.push({ name: 'DCIM/copy-of-first.jpg', data: members[0]!.data });
  return buildZip(members);
}

export type Progress = { done: boolean; processed: number; status: string };

/** A new case with a generated export uploaded to it, through the API; returns the evidence's progress reader. */
export async function ingestExport(url: string, cookie: string, number: string, bytes: Buffer) {
  const c = await api<{ id: string }>(url, cookie, 'POST', '/api/cases', { number, title: number });
  const ev = await api<{ id: string }>(url, cookie, 'POST', `/api/cases/${c.id}/evidence?name=phone.zip`, bytes);
  const route = `/api/evidence/${ev.id}/progress`;
  const progress = (at: string, session: string) => api<Progress>(at, session, 'GET', route);
  return { evidenceId: ev.id, progress };
}

export async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; ; await new Promise((r) => setTimeout(r, 100))) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
  }
}

/** The database of the server running on `dataDir`, from the runtime.json it writes. */
export async function serverDatabase(dataDir: string): Promise<pg.Client> {
  const info = JSON.parse(await fs.readFile(path.join(dataDir, 'runtime.json'), 'utf8')) as { databaseUrl: string };
  const client = new pg.Client({ connectionString: info.databaseUrl });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

/** Every file of the export once: one item per ordinal and path, all content processed. */
export async function accountFor(db: pg.Client, evidenceId: string) {
  const items = (
    await db.query(
      `SELECT count(*)::int AS n, count(DISTINCT ordinal)::int AS ordinals,
    count(DISTINCT source_path)::int AS paths FROM items WHERE evidence_id = $1`,
      [evidenceId],
    )
  ).rows[0];
  const notDone = (
    await db.query(
      `SELECT count(*)::int AS n FROM items i JOIN blobs b ON b.sha256 = i.blob_sha256
    WHERE i.evidence_id = $1 AND b.status <> 'done'`,
      [evidenceId],
    )
  ).rows[0].n as number;
  return { ...items, notDone } as { n: number; ordinals: number; paths: number; notDone: number };
}
