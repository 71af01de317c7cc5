// The meldingen API on the real app, database and object store: the need-to-know matrix (the receiving unit's
// frontoffice and leads and admins see a melding; for everyone else it is a 404), registration checks, attachments
// stored unchanged under their SHA-256, blurred images with an audited reveal, audited PDF downloads, and the
// frontoffice role (never a case member).
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, createTestEnv, login, type TestEnv } from './helpers/runtime.ts';

let env: TestEnv;
const cookies: Record<string, string> = {};
let reportId: string;
const TEXT = 'Melder wordt sinds maart benaderd via Snapchat (@darkfox_78) en moet 250 euro betalen.';

const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

type Method = 'GET' | 'POST';
const call = (who: string, method: Method, url: string, payload?: object, lang = 'en') =>
  env.app.inject({ method, url, payload, headers: { cookie: cookies[who]!, 'accept-language': lang } });
const upload = (who: string, id: string, name: string, bytes: Buffer) =>
  env.app.inject({
    method: 'POST',
    url: `/api/reports/${id}/attachments?name=${encodeURIComponent(name)}`,
    headers: { cookie: cookies[who]!, 'content-type': 'application/octet-stream' },
    payload: bytes,
  });

/** A small chat-like image drawn by code: a coloured bubble with a gradient, never real imagery. */
const screenshot = () =>
  sharp({ create: { width: 240, height: 180, channels: 3, background: { r: 30, g: 140, b: 90 } } })
    .composite([
      {
        input: Buffer.from('<svg width="200" height="60"><rect width="200" height="60" rx="12" fill="#fff"/></svg>'),
        top: 40,
        left: 20,
      },
    ])
    .png()
    .toBuffer();

/** A one-page PDF written by hand (no library): enough for magic-byte detection and a download. */
function tinyPdf(): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets = objects.map((o, i) => {
    const at = body.length;
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
    return at;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const at of offsets) body += `${String(at).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

const audited = async (action: string) =>
  (await env.runtime.pool.query('SELECT * FROM audit_log WHERE action = $1 ORDER BY id', [action])).rows;

beforeAll(async () => {
  env = await createTestEnv();
  const people = [
    ['fo', 'Amsterdam', 'frontoffice'],
    ['lea', 'Amsterdam', 'lead'],
    ['ana', 'Amsterdam', 'analyst'],
    ['ovj', 'Amsterdam', 'prosecutor'],
    ['fo2', 'Rotterdam', 'frontoffice'],
    ['adm', 'Landelijke Eenheid', 'admin'],
  ] as const;
  for (const [name, unit, role] of people) {
    await addUser(env, name, unit, role);
    cookies[name] = await login(env, name);
  }
  const melding = {
    number: '2026-AM-0042',
    received: '2026-03-14',
    offence: 'sextortion',
    victimMinor: true,
    aangifte: false,
    text: TEXT,
  };
  const created = await call('fo', 'POST', '/api/reports', melding);
  expect(created.statusCode, created.body).toBe(201);
  reportId = created.json().id;
});
afterAll(() => env?.close());

describe('need-to-know: a melding exists only for its unit frontoffice and leads, and admins', () => {
  it.each(['fo', 'lea', 'adm'])('%s opens the melding with its text', async (who) => {
    const res = await call(who, 'GET', `/api/reports/${reportId}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ number: '2026-AM-0042', unitCode: 'AM', received: '2026-03-14', text: TEXT });
    expect(body.bodySha256).toBe(sha256(TEXT));
    expect(body.clusterId).toBeNull();
    expect(Array.isArray(body.selectors) && Array.isArray(body.attachments)).toBe(true);
  });

  it.each(['ana', 'fo2', 'ovj'])('%s gets a 404, exactly as for a melding that does not exist', async (who) => {
    const res = await call(who, 'GET', `/api/reports/${reportId}`);
    const missing = await call(who, 'GET', '/api/reports/00000000-0000-4000-8000-000000000000');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual(missing.json());
    expect(JSON.stringify(res.json())).not.toContain('2026-AM-0042');
  });

  it('lists only what one may see: own unit for frontoffice and leads, nothing for others, all for admins', async () => {
    const numbers = async (who: string, q = '') =>
      ((await call(who, 'GET', `/api/reports${q}`)).json().reports as Array<{ number: string }>).map((r) => r.number);
    expect(await numbers('fo')).toEqual(['2026-AM-0042']);
    expect(await numbers('lea')).toEqual(['2026-AM-0042']);
    expect(await numbers('fo2')).toEqual([]);
    expect(await numbers('ana')).toEqual([]);
    expect(await numbers('fo2', '?unit=AM')).toEqual([]);
    expect(await numbers('adm', '?unit=AM&offence=sextortion&from=2026-03-01&to=2026-03-31')).toEqual(['2026-AM-0042']);
    expect(await numbers('adm', '?unit=RT')).toEqual([]);
    expect(await numbers('adm', '?to=2026-03-13')).toEqual([]);
  });

  it('audits views and denied attempts', async () => {
    const views = await audited('report.view');
    expect(views.map((v) => v.actor_name).sort()).toEqual(['adm', 'fo', 'lea']);
    expect(views.every((v) => v.target_id === reportId)).toBe(true);
    const denied = (await audited('access.denied')).filter((d) => d.target_id === reportId);
    expect(denied.map((d) => d.actor_name).sort()).toEqual(['ana', 'fo2', 'ovj']);
    expect(denied.every((d) => d.target_type === 'report')).toBe(true);
  });
});

describe('registering a melding', () => {
  const base = { received: '2026-03-15', victimMinor: false, aangifte: true, text: 'Onbekende stuurt berichten.' };

  it('stores the text with its SHA-256, and an admin registers for any unit', async () => {
    const res = await call('adm', 'POST', '/api/reports', { ...base, number: 'RT-2026-7', unit: 'RT' });
    expect(res.statusCode, res.body).toBe(201);
    const row = (await env.runtime.pool.query('SELECT * FROM reports WHERE id = $1', [res.json().id])).rows[0];
    expect(row).toMatchObject({ body: base.text, body_sha256: sha256(base.text), created_by_name: 'adm' });
    expect((await call('fo2', 'GET', `/api/reports/${res.json().id}`)).statusCode).toBe(200);
  });

  it('refuses analysts, other units, duplicates and bad dates, saying what to do', async () => {
    expect((await call('ana', 'POST', '/api/reports', { ...base, number: 'X-1' })).statusCode).toBe(403);
    const other = await call('fo', 'POST', '/api/reports', { ...base, number: 'X-2', unit: 'RT' });
    expect(other.statusCode).toBe(403);
    const again = await call('lea', 'POST', '/api/reports', { ...base, number: '2026-AM-0042' }, 'nl');
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toContain('al geregistreerd');
    const future = await call('fo', 'POST', '/api/reports', { ...base, number: 'X-3', received: '2999-01-01' });
    expect(future.statusCode).toBe(400);
    expect(future.json().message).toContain('future');
    const invalid = await call('fo', 'POST', '/api/reports', { ...base, number: 'X-4', received: '2026-02-30' });
    expect(invalid.statusCode).toBe(400);
    expect((await call('fo', 'POST', '/api/reports', { ...base, number: '../x' })).statusCode).toBe(400);
  });
});

describe('attachments are evidence', () => {
  let png: Buffer;
  let imageId: number;

  it('stores an image unchanged under its SHA-256, with uploader and time', async () => {
    png = await screenshot();
    const res = await upload('fo', reportId, 'chat 1.png', png);
    expect(res.statusCode, res.body).toBe(201);
    const a = res.json();
    imageId = a.id;
    expect(a).toMatchObject({
      sha256: sha256(png),
      size: png.length,
      mime: 'image/png',
      kind: 'image',
      uploadedBy: 'fo',
    });
    const key = `attachments/${a.sha256.slice(0, 2)}/${a.sha256}`;
    const stored = Buffer.concat(await (await env.runtime.store.get(key)).toArray());
    expect(stored.equals(png)).toBe(true);
    const status = await env.runtime.pool.query('SELECT status FROM reports WHERE id = $1', [reportId]);
    expect(['pending', 'extracting', 'done']).toContain(status.rows[0].status);
  });

  it('refuses outsiders before reading, a second copy, and files that are no image or PDF', async () => {
    expect((await upload('ana', reportId, 'x.png', png)).statusCode).toBe(404);
    expect((await upload('fo2', reportId, 'x.png', png)).statusCode).toBe(404);
    expect((await upload('lea', reportId, 'again.png', png)).statusCode).toBe(409);
    const text = await upload('fo', reportId, 'notes.txt', Buffer.from('gewoon tekst\n'));
    expect(text.statusCode).toBe(415);
    expect((await upload('fo', reportId, 'empty.png', Buffer.alloc(0))).statusCode).toBe(400);
  });

  it('shows images blurred by default and clear only after an audited reveal of ones own', async () => {
    const url = `/api/reports/${reportId}/attachments/${imageId}/image`;
    const blurred = await call('lea', 'GET', url);
    expect(blurred.statusCode).toBe(200);
    expect(blurred.headers['content-type']).toBe('image/webp');
    const meta = await sharp(blurred.rawPayload).metadata();
    expect(Math.max(meta.width!, meta.height!)).toBeLessThanOrEqual(64);
    expect(blurred.rawPayload.equals(png)).toBe(false);

    const reveal = await call('fo', 'POST', `${url.replace('/image', '/reveal')}`);
    expect(reveal.statusCode, reveal.body).toBe(200);
    const { auditId } = reveal.json();
    const clear = await call('fo', 'GET', `${url}?reveal=${auditId}`);
    expect(clear.statusCode).toBe(200);
    expect(clear.headers['cache-control']).toBe('private, no-store');
    expect(clear.rawPayload.equals(png)).toBe(true);
    expect((await call('lea', 'GET', `${url}?reveal=${auditId}`)).statusCode).toBe(403);
    expect((await call('fo', 'GET', `/api/reports/${reportId}/attachments/${imageId}/file`)).statusCode).toBe(403);
    expect((await audited('report.attachment.reveal')).map((r) => r.actor_name)).toEqual(['fo']);
    expect((await audited('report.attachment.revealed')).map((r) => r.actor_name)).toEqual(['fo']);
    expect((await audited('report.attachment.view')).map((r) => r.actor_name)).toEqual(['lea']);
  });

  it('gives PDFs as an audited download, never through the image route', async () => {
    const pdf = tinyPdf();
    const res = await upload('lea', reportId, 'aangifte-concept.pdf', pdf);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ kind: 'pdf', mime: 'application/pdf', sha256: sha256(pdf) });
    const base = `/api/reports/${reportId}/attachments/${res.json().id}`;
    const file = await call('fo', 'GET', `${base}/file`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-disposition']).toContain('attachment; filename="aangifte-concept.pdf"');
    expect(file.rawPayload.equals(pdf)).toBe(true);
    expect((await call('fo', 'GET', `${base}/image`)).statusCode).toBe(400);
    expect((await call('fo2', 'GET', `${base}/file`)).statusCode).toBe(404);
    expect((await audited('report.attachment.download')).map((r) => r.actor_name)).toEqual(['fo']);
  });

  it('lists the attachments on the melding', async () => {
    const detail = (await call('fo', 'GET', `/api/reports/${reportId}`)).json();
    expect(detail.attachments.map((a: { name: string }) => a.name)).toEqual(['chat 1.png', 'aangifte-concept.pdf']);
    expect(detail.attachments.map((a: { ordinal: number }) => a.ordinal)).toEqual([1, 2]);
  });
});

describe('the frontoffice role', () => {
  it('is a role an administrator can give', async () => {
    const res = await call('adm', 'POST', '/api/users', {
      username: 'fo3',
      unit: 'Oost-Nederland',
      role: 'frontoffice',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().user.role).toBe('frontoffice');
  });

  it('is never a case member, and does not create cases', async () => {
    const created = await call('lea', 'POST', '/api/cases', { number: 'AM-2026-FO', title: 'Vervolg melding' });
    expect(created.statusCode).toBe(201);
    const add = await call('lea', 'POST', `/api/cases/${created.json().id}/members`, { username: 'fo' }, 'nl');
    expect(add.statusCode).toBe(400);
    expect(add.json().message).toContain('nooit lid van een zaak');
    expect((await call('fo', 'POST', '/api/cases', { number: 'AM-2026-FO2', title: 'x' })).statusCode).toBe(403);
    expect((await call('fo', 'GET', `/api/cases/${created.json().id}`)).statusCode).toBe(404);
  });
});

describe('the API description', () => {
  it('documents every melding route with its responses', async () => {
    const doc = (await call('fo', 'GET', '/api/openapi.json')).json();
    const paths = Object.keys(doc.paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/reports',
        '/api/reports/{id}',
        '/api/reports/{id}/attachments',
        '/api/reports/{id}/attachments/{attachmentId}/file',
        '/api/reports/{id}/attachments/{attachmentId}/image',
        '/api/reports/{id}/attachments/{attachmentId}/reveal',
      ]),
    );
    expect(Object.keys(doc.paths['/api/reports/{id}/attachments'].post.responses)).toEqual(
      expect.arrayContaining(['201', '404', '413', '415']),
    );
  });
});
