// Every documented API route, however its plugin is split, answers 401 without a session (so it is routed and
// guarded): only signing in and out and the health check are open. Routes come from the app's own OpenAPI document.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from './helpers/runtime.ts';

let env: TestEnv;
const OPEN = new Set(['POST /api/auth/login', 'POST /api/auth/logout', 'GET /api/health']);
const SAMPLE: Record<string, string> = { sha256: 'a'.repeat(64), username: 'nobody', deviceId: '1' };
const NOWHERE = '00000000-0000-4000-8000-000000000000';

type Spec = { paths: Record<string, Record<string, unknown>> };

async function documentedRoutes(): Promise<Array<{ method: string; url: string; route: string }>> {
  const spec = (await env.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as Spec;
  return Object.entries(spec.paths).flatMap(([route, methods]) =>
    Object.keys(methods).map((m) => ({
      method: m.toUpperCase(),
      route,
      url: route.replace(/\{(\w+)\}/g, (_, name: string) => SAMPLE[name] ?? NOWHERE),
    })),
  );
}

beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(() => env.close());

describe('route guards', () => {
  it('documents the routes that moved to their own resource files', async () => {
    const routes = (await documentedRoutes()).map((r) => `${r.method} ${r.route}`);
    expect(routes).toEqual(
      expect.arrayContaining([
        'GET /api/cases/{id}/export/vics',
        'GET /api/cases/{id}/items',
        'GET /api/cases/{id}/summary',
        'GET /api/hashsets',
        'PUT /api/auth/settings',
        'DELETE /api/cases/{id}/members/{username}',
        'PUT /api/cases/{id}/media/{sha256}/notes',
      ]),
    );
  });

  it('answers 401 without a session on every documented route but sign-in, sign-out and health', async () => {
    const routes = (await documentedRoutes()).filter((r) => !OPEN.has(`${r.method} ${r.route}`));
    expect(routes.length).toBeGreaterThan(30);
    const open = [];
    for (const { method, url } of routes) {
      const response = await env.app.inject({ method: method as 'GET', url });
      if (response.statusCode !== 401 || response.json().code !== 'UNAUTHORIZED') {
        open.push(`${method} ${url}: ${response.statusCode}`);
      }
    }
    expect(open).toEqual([]);
  });
});
