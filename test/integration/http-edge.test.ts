// The HTTP edge through the real app on real PostgreSQL: cross-site refusal, content types, 400 (not 500) for
// out-of-range and NUL input, one "not found or not yours" answer, and security headers on every response.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { gradientJpeg } from '../fixtures/media.ts';
import { addUser, createTestEnv, login, PASSWORD, type TestEnv } from './helpers/runtime.ts';

let env: TestEnv;
let caseId: string;
let evidenceId: string;
const cookies: Record<string, string> = {};
const HOST = 'spoor.test:8080';
const SAME_ORIGIN = { host: HOST, origin: `http://${HOST}`, 'sec-fetch-site': 'same-origin' };
const MISSING = '00000000-0000-4000-8000-000000000000';
const SHA = 'a'.repeat(64);

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
const OCTET = { 'content-type': 'application/octet-stream' };
const TEXT = { 'content-type': 'text/plain' };
type CallOptions = { headers?: Record<string, string>; payload?: unknown };
const call = (who: string | null, method: Method, url: string, opts: CallOptions = {}) =>
  env.app.inject({
    method,
    url,
    headers: { ...(who ? { cookie: cookies[who]! } : {}), ...opts.headers },
    payload: opts.payload as string,
  });

const evidenceCount = async () =>
  (await env.runtime.pool.query('SELECT count(*)::int AS n FROM evidence WHERE case_id = $1', [caseId])).rows[0].n;

beforeAll(async () => {
  env = await createTestEnv({ SPOOR_MAX_UPLOAD_BYTES: '100000' });
  await addUser(env, 'ana', 'Amsterdam', 'analyst');
  await addUser(env, 'otto', 'Rotterdam', 'analyst');
  cookies.ana = await login(env, 'ana');
  cookies.otto = await login(env, 'otto');
  const created = await call('ana', 'POST', '/api/cases', { payload: { number: 'EDGE-1', title: 'Randgevallen' } });
  caseId = created.json().id;
  const upload = await call('ana', 'POST', `/api/cases/${caseId}/evidence?name=first.bin`, {
    headers: OCTET,
    payload: Buffer.from('first upload'),
  });
  expect(upload.statusCode, upload.body).toBe(201);
  evidenceId = upload.json().id;
});
afterAll(() => env.close());

describe('cross-site requests', () => {
  const stateChanging: Array<[string, Method, () => string, unknown?]> = [
    ['upload', 'POST', () => `/api/cases/${caseId}/evidence?name=planted.txt`, 'planted'],
    ['reveal', 'POST', () => `/api/cases/${caseId}/media/${SHA}/reveal`],
    ['rematch', 'POST', () => `/api/cases/${caseId}/rematch`],
    ['verify', 'POST', () => `/api/evidence/${evidenceId}/verify`],
    ['case update', 'PATCH', () => `/api/cases/${caseId}`, { title: 'hijacked' }],
    ['member removal', 'DELETE', () => `/api/cases/${caseId}/members/ana`],
    ['logout', 'POST', () => '/api/auth/logout'],
  ];
  const foreign: Array<[string, Record<string, string>]> = [
    ['an Origin of another site', { host: HOST, origin: 'https://evil.example' }],
    ['an Origin on another port', { host: HOST, origin: 'http://spoor.test:9999' }],
    ['Origin null (sandboxed form)', { host: HOST, origin: 'null' }],
    ['Sec-Fetch-Site cross-site', { host: HOST, 'sec-fetch-site': 'cross-site' }],
    ['Sec-Fetch-Site same-site', { host: HOST, 'sec-fetch-site': 'same-site' }],
  ];
  for (const [what, method, url, payload] of stateChanging) {
    for (const [how, headers] of foreign) {
      it(`refuses ${what} with ${how} (403, nothing done)`, async () => {
        const before = await evidenceCount();
        const type = typeof payload === 'string' ? TEXT : {};
        const response = await call('ana', method, url(), { headers: { ...headers, ...type }, payload });
        expect(response.statusCode).toBe(403);
        expect(response.json()).toMatchObject({ code: 'FORBIDDEN' });
        expect(response.json().message).toContain('andere website');
        expect(await evidenceCount()).toBe(before);
      });
    }
  }

  it('a cross-site text/plain form post plants no evidence and no audit entry', async () => {
    const response = await call('ana', 'POST', `/api/cases/${caseId}/evidence?name=planted.txt`, {
      headers: { host: HOST, origin: 'https://evil.example', 'content-type': 'text/plain' },
      payload: 'x=1',
    });
    expect(response.statusCode).toBe(403);
    const audited = await env.runtime.pool.query(
      "SELECT count(*)::int AS n FROM audit_log WHERE case_id = $1 AND action = 'evidence.upload'",
      [caseId],
    );
    expect(audited.rows[0].n).toBe(1);
  });

  it("the client's own requests still work: same origin, JSON and octet-stream, and body-less POSTs", async () => {
    const upload = await call('ana', 'POST', `/api/cases/${caseId}/evidence?name=second.bin`, {
      headers: { ...SAME_ORIGIN, ...OCTET },
      payload: Buffer.from('second upload'),
    });
    expect(upload.statusCode, upload.body).toBe(201);
    const verified = await call('ana', 'POST', `/api/evidence/${evidenceId}/verify`, { headers: SAME_ORIGIN });
    expect(verified.json()).toMatchObject({ ok: true });
    expect((await call('ana', 'POST', `/api/cases/${caseId}/rematch`, { headers: SAME_ORIGIN })).statusCode).toBe(202);
    const patched = await call('ana', 'PATCH', `/api/cases/${caseId}`, {
      headers: SAME_ORIGIN,
      payload: { title: 'Randgevallen 2' },
    });
    expect(patched.statusCode).toBe(200);
    const signIn = await env.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: SAME_ORIGIN,
      payload: { username: 'ana', password: PASSWORD },
    });
    expect(signIn.statusCode).toBe(200);
    // The default port is the same origin whether or not it is written.
    const defaultPort = await call('ana', 'POST', `/api/cases/${caseId}/rematch`, {
      headers: { host: 'spoor.test', origin: 'http://spoor.test:80' },
    });
    expect(defaultPort.statusCode).toBe(202);
    // Tools without browser headers (CLI scripts, curl) are not cross-site.
    expect((await call('ana', 'POST', `/api/cases/${caseId}/rematch`)).statusCode).toBe(202);
    // Reading is never refused for its origin: a cross-site link to the workbench still opens it.
    const read = await call('ana', 'GET', `/api/cases/${caseId}`, { headers: { 'sec-fetch-site': 'cross-site' } });
    expect(read.statusCode).toBe(200);
  });
});

describe('content types a route does not expect', () => {
  const types = [
    'text/plain',
    'application/json',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'image/jpeg',
  ];
  for (const type of types) {
    it(`upload refuses ${type} with 415 before reading it, adding nothing`, async () => {
      const before = await evidenceCount();
      const response = await call('ana', 'POST', `/api/cases/${caseId}/evidence?name=typed.bin`, {
        headers: { ...SAME_ORIGIN, 'content-type': type },
        payload: '{"x":1}',
      });
      expect(response.statusCode).toBe(415);
      expect(response.json().message).toContain('application/octet-stream');
      expect(await evidenceCount()).toBe(before);
    });
  }

  it('no route parses text/plain; body-less POSTs refuse any body', async () => {
    const reveal = await call('ana', 'POST', `/api/cases/${caseId}/media/${SHA}/reveal`, {
      headers: TEXT,
      payload: 'x',
    });
    expect(reveal.statusCode).toBe(415);
    const login = await env.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: TEXT,
      payload: JSON.stringify({ username: 'ana', password: PASSWORD }),
    });
    expect(login.statusCode).toBe(415);
    for (const url of [`/api/evidence/${evidenceId}/verify`, `/api/cases/${caseId}/rematch`]) {
      const response = await call('ana', 'POST', url, { headers: OCTET, payload: Buffer.from('x') });
      expect(response.statusCode, url).toBe(415);
      expect(response.json().message).toContain('geen inhoud');
    }
    const lookup = await call('ana', 'POST', '/api/lookup/image', { headers: TEXT, payload: 'x' });
    expect(lookup.statusCode).toBe(415);
  });

  it('JSON bodies are small: over 1 MB is 413 with a Dutch message', async () => {
    const response = await call('ana', 'POST', '/api/lookup', {
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ md5: 'x'.repeat(1024 * 1024 + 10) }),
    });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: expect.stringContaining('te groot') });
  });

  it('an upload declaring more than SPOOR_MAX_UPLOAD_BYTES is 413 and leaves nothing stored', async () => {
    const before = await evidenceCount();
    const big = Buffer.alloc(100_001, 7);
    const declared = await call('ana', 'POST', `/api/cases/${caseId}/evidence?name=big.bin`, {
      headers: OCTET,
      payload: big,
    });
    expect(declared.statusCode).toBe(413);
    expect(declared.json().message).toMatch(/SPOOR_MAX_UPLOAD_BYTES/);
    expect(await evidenceCount()).toBe(before);
    const spool = await import('node:fs/promises').then((fs) => fs.readdir(`${env.dataDir}/objects/.tmp`));
    expect(spool).toEqual([]);
  });
});

describe('bad input is 400 with a Dutch message, never 500', () => {
  const cases: Array<[string, () => string, RegExp]> = [
    ['items after=2^70', () => `/api/cases/${caseId}/items?after=1180591620717411303424`, /Ongeldig verzoek/],
    ['items after=1e300', () => `/api/cases/${caseId}/items?after=1e300`, /Ongeldig verzoek/],
    ['media grid from year 0', () => `/api/cases/${caseId}/media?from=0000-01-01T00:00:00Z`, /Ongeldig verzoek/],
    ['media grid to year 0', () => `/api/cases/${caseId}/media?to=0000-06-01T00:00:00.000Z`, /Ongeldig verzoek/],
    ['media grid nearGroup 2^63', () => `/api/cases/${caseId}/media?nearGroup=9223372036854775808`, /Ongeldig verzoek/],
    ['media grid nearGroup 1e300', () => `/api/cases/${caseId}/media?nearGroup=1e300`, /Ongeldig verzoek/],
    ['groups after 2^63', () => `/api/cases/${caseId}/groups?after=9223372036854775808`, /Ongeldig verzoek/],
    ['item errors after 1e300', () => `/api/cases/${caseId}/item-errors?after=1e300`, /Ongeldig verzoek/],
    ['audit before 2^70', () => `/api/audit?caseId=${caseId}&before=1180591620717411303424`, /Ongeldig verzoek/],
    ['NUL in the media text search', () => `/api/cases/${caseId}/media?q=a%00b`, /NUL-teken/],
    ['NUL in the camera make filter', () => `/api/cases/${caseId}/media?make=%00`, /NUL-teken/],
  ];
  for (const [what, url, message] of cases) {
    it(what, async () => {
      const response = await call('ana', 'GET', url());
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json()).toMatchObject({ code: 'BAD_INPUT' });
      expect(response.json().message).toMatch(message);
    });
  }

  it('near-group ids of 2^63 and 1e300 in a categorisation body', async () => {
    for (const body of ['{"nearGroup":9223372036854775808,"category":"1"}', '{"nearGroups":[1e300],"category":"1"}']) {
      const response = await call('ana', 'POST', `/api/cases/${caseId}/media/categorise-group`, {
        headers: { 'content-type': 'application/json' },
        payload: body,
      });
      expect(response.statusCode, body).toBe(400);
    }
  });

  it('NUL in JSON bodies and path parameters', async () => {
    const title = await call('ana', 'POST', '/api/cases', { payload: { number: 'NUL-1', title: 'a\u0000b' } });
    expect(title.statusCode).toBe(400);
    expect(title.json().message).toContain('NUL-teken');
    const notes = await call('ana', 'PUT', `/api/cases/${caseId}/media/${SHA}/notes`, { payload: { notes: '\u0000' } });
    expect(notes.statusCode).toBe(400);
    const key = await call('ana', 'POST', '/api/lookup', { payload: { 'md5\u0000': 'x' } });
    expect(key.statusCode).toBe(400);
    const member = await call('ana', 'DELETE', `/api/cases/${caseId}/members/a%00b`);
    expect(member.statusCode).toBe(400);
    const login = await env.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'ana\u0000', password: 'x' },
    });
    expect(login.statusCode).toBe(400);
  });

  it('answers in English when the request asks for it', async () => {
    const response = await call('ana', 'GET', `/api/cases/${caseId}/media?q=%00`, {
      headers: { 'accept-language': 'en-GB,en' },
    });
    expect(response.json().message).toContain('NUL character');
  });

  it('the error handler maps every PostgreSQL data error (SQLSTATE class 22) that slips through to 400', async () => {
    const probes: Record<string, [string, unknown]> = {
      '22P02': ['SELECT $1::bigint', '1e300'],
      '22003': ['SELECT $1::bigint', '9223372036854775808'],
      '22007': ['SELECT $1::timestamptz', 'gisteren'],
      '22008': ['SELECT $1::timestamptz', '0000-01-01T00:00:00Z'],
      '22021': ['SELECT $1::text', 'a\u0000b'],
      '22P05': ['SELECT \'"\\u0000"\'::jsonb::text', undefined],
    };
    const app: FastifyInstance = await buildApp(env.runtime, {
      serveClient: false,
      extraRoutes: [
        async (a) => {
          a.get('/api/test/sqlstate/:code', async (request) => {
            const [sql, value] = probes[(request.params as { code: string }).code]!;
            await env.runtime.pool.query(sql, value === undefined ? [] : [value]);
            return { ok: true };
          });
        },
      ],
    });
    try {
      for (const code of Object.keys(probes)) {
        const response = await app.inject({ method: 'GET', url: `/api/test/sqlstate/${code}` });
        expect(response.statusCode, `${code}: ${response.body}`).toBe(400);
        expect(response.json()).toMatchObject({ code: 'BAD_INPUT' });
        expect(response.json().message).toContain('buiten het toegestane bereik');
      }
    } finally {
      await app.close();
    }
  });
});

describe('one answer for "not found or not yours"', () => {
  it('evidence of another case, unknown evidence and unknown cases answer alike', async () => {
    const answers = await Promise.all([
      call('otto', 'GET', `/api/evidence/${evidenceId}/progress`),
      call('otto', 'GET', `/api/evidence/${MISSING}/progress`),
      call('otto', 'GET', `/api/evidence/${evidenceId}/events`),
      call('otto', 'POST', `/api/evidence/${evidenceId}/verify`),
      call('otto', 'POST', `/api/evidence/${MISSING}/verify`),
      call('otto', 'GET', `/api/cases/${caseId}`),
      call('otto', 'GET', `/api/cases/${MISSING}`),
      call('otto', 'GET', `/api/cases/${caseId}/items`),
      call('otto', 'POST', `/api/cases/${caseId}/evidence?name=x.bin`, { headers: OCTET, payload: 'x' }),
      call('ana', 'GET', `/api/evidence/${MISSING}/progress`),
    ]);
    for (const answer of answers) {
      expect(answer.statusCode).toBe(404);
      expect(answer.json()).toEqual(answers[0]!.json());
    }
    expect(answers[0]!.json().message).toMatch(/geen toegang/);
  });
});

describe('security headers on every response', () => {
  const expectHeaders = (headers: Record<string, unknown>, what: string) => {
    const csp = String(headers['content-security-policy']);
    expect(csp, what).toContain("default-src 'self'");
    expect(csp, what).toContain("frame-ancestors 'none'");
    expect(csp, what).toContain("script-src 'self'");
    expect(csp, what).not.toContain('unsafe-eval');
    expect(csp, what).not.toContain('unsafe-inline');
    expect(headers['x-frame-options'], what).toBe('DENY');
    expect(headers['x-content-type-options'], what).toBe('nosniff');
    expect(headers['referrer-policy'], what).toBe('no-referrer');
  };

  it('on success, 400, 401, 403, 404, 413 and 415 answers of the API', async () => {
    const jpeg = await gradientJpeg(5, 64, 48);
    const responses = {
      health: await call(null, 'GET', '/api/health'),
      lookup: await call('ana', 'POST', '/api/lookup/image', { headers: OCTET, payload: jpeg }),
      badInput: await call('ana', 'GET', `/api/cases/${caseId}/items?after=1e300`),
      unauthorised: await call(null, 'GET', '/api/cases'),
      crossSite: await call('ana', 'POST', `/api/cases/${caseId}/rematch`, { headers: { origin: 'https://x.test' } }),
      notFound: await call('ana', 'GET', '/api/no-such-route'),
      tooLarge: await call('ana', 'POST', '/api/lookup', { payload: { md5: 'x'.repeat(1_100_000) } }),
      unsupported: await call('ana', 'POST', '/api/lookup/image', { headers: TEXT, payload: 'x' }),
    };
    expect(responses.lookup.statusCode).toBe(200);
    for (const [what, response] of Object.entries(responses)) expectHeaders(response.headers, what);
  });
});
