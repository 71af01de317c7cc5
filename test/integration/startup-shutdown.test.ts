// The real `npm start` entry point: embedded database, first-run admin, clean shutdown, restart.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresProcessesFor, runCli, startServer } from './helpers/process.ts';

let dataDir: string;
beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'spoor-start-'));
});
afterAll(() => fs.rm(dataDir, { recursive: true, force: true }));

async function loginStatus(url: string, password: string): Promise<number> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password }),
  });
  return response.status;
}

describe('npm start on embedded defaults', () => {
  let password = '';

  it('starts PostgreSQL, creates admin with a one-time password, serves health, and stops cleanly', async () => {
    const server = await startServer({ SPOOR_DATA_DIR: dataDir });
    password = /one-time password:\s+(\S+)/.exec(server.stdout())![1]!;
    const health = await (await fetch(`${server.url}/api/health`)).json();
    expect(health).toMatchObject({ ok: true, database: { ok: true }, objectStore: { ok: true }, queue: { ok: true } });
    expect(await loginStatus(server.url, password)).toBe(200);
    expect(postgresProcessesFor(dataDir).length).toBeGreaterThan(0);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(server.stderr()).toContain('Stopped cleanly');
    expect(postgresProcessesFor(dataDir)).toEqual([]);
  });

  it('reuses the data on a second start: same admin password, no new one printed', async () => {
    const server = await startServer({ SPOOR_DATA_DIR: dataDir });
    expect(server.stdout()).not.toContain('one-time password');
    expect(await loginStatus(server.url, password)).toBe(200);
    server.child.kill('SIGINT');
    expect(await server.exited).toBe(0);
    expect(postgresProcessesFor(dataDir)).toEqual([]);
  });

  it('the CLI works without a server, starting and stopping the database itself', () => {
    const created = runCli(['case', 'create', 'CLI-1', '--title', 'Via de CLI', '--unit', 'Limburg', '--json'], {
      SPOOR_DATA_DIR: dataDir,
    });
    expect(created.status).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({ number: 'CLI-1', unit: 'Limburg' });
    expect(postgresProcessesFor(dataDir)).toEqual([]);
    const verify = runCli(['audit', 'verify', '--json'], { SPOOR_DATA_DIR: dataDir });
    expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true });
  });

  it("the CLI uses the running server's database when one is up", async () => {
    const server = await startServer({ SPOOR_DATA_DIR: dataDir });
    const added = runCli(['user', 'add', 'lotte', '--unit', 'Limburg', '--role', 'analyst', '--json'], {
      SPOOR_DATA_DIR: dataDir,
    });
    expect(added.status).toBe(0);
    const userPassword = JSON.parse(added.stdout).password as string;
    const response = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'lotte', password: userPassword }),
    });
    expect(response.status).toBe(200);
    await expect(startServer({ SPOOR_DATA_DIR: dataDir })).rejects.toThrow(/already running on this data directory/);
    const list = runCli(['user', 'list', '--json'], { SPOOR_DATA_DIR: dataDir });
    expect(JSON.parse(list.stdout).map((u: { username: string }) => u.username)).toEqual(['admin', 'lotte']);
    const disabled = runCli(['user', 'disable', 'lotte'], { SPOOR_DATA_DIR: dataDir });
    expect(disabled.status).toBe(0);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(postgresProcessesFor(dataDir)).toEqual([]);
  });

  it('a bad configuration value stops start-up with a message naming the variable', async () => {
    await expect(startServer({ SPOOR_DATA_DIR: dataDir, S3_ENDPOINT: 'minio.local' })).rejects.toThrow(
      /exited with 2[\s\S]*S3_ACCESS_KEY/,
    );
    expect(postgresProcessesFor(dataDir)).toEqual([]);
  });
});
