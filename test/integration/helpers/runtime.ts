// Boots the real runtime and app against a fresh database and a temp object folder.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../server/app.ts';
import { loadConfig, type Config } from '../../../server/config.ts';
import { startRuntime, type Runtime } from '../../../server/runtime.ts';
import { SYSTEM_ACTOR } from '../../../server/services/actor.ts';
import type { Role } from '../../../storage/repositories/users.repository.ts';

export type TestEnv = {
  runtime: Runtime;
  app: FastifyInstance;
  config: Config;
  dataDir: string;
  databaseUrl: string;
  close: () => Promise<void>;
};

export async function createDatabase(): Promise<string> {
  const base = inject('pgUrl');
  const name = `t_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: base });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function createTestEnv(env: Record<string, string> = {}): Promise<TestEnv> {
  const databaseUrl = await createDatabase();
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'spoor-it-data-'));
  const config = loadConfig({ DATABASE_URL: databaseUrl, SPOOR_DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...env });
  const runtime = await startRuntime(config);
  const app = await buildApp(runtime, { serveClient: false });
  return {
    runtime,
    app,
    config,
    dataDir,
    databaseUrl,
    close: async () => {
      await app.close();
      await runtime.stop();
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}

export const PASSWORD = 'correct horse battery';

export async function addUser(env: TestEnv, username: string, unit: string, role: Role): Promise<void> {
  await env.runtime.services.users.create(SYSTEM_ACTOR, { username, unit, role, password: PASSWORD });
}

/** Signs in through the real route and returns the cookie header to send. */
export async function login(env: TestEnv, username: string, password = PASSWORD): Promise<string> {
  const response = await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (response.statusCode !== 200) throw new Error(`login ${username} failed: ${response.statusCode} ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === 'spoor_session');
  return `spoor_session=${cookie!.value}`;
}
