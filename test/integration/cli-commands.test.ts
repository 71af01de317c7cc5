// The `spoor` administration, matching and export commands, run as the real CLI process against a real database:
// what each prints and what it leaves in the database or on disk.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../server/services/actor.ts';
import { buildZip, gradientJpeg, sha256 } from '../fixtures/hostile-export.ts';
import { startWorkers, uploadEvidence, waitForEvidence } from './helpers/ingest.ts';
import { runCli } from './helpers/process.ts';
import { addUser, createTestEnv, login, type TestEnv } from './helpers/runtime.ts';

let env: TestEnv;
let tmp: string;
let imageSha: string;
const CASE = 'CLI-CMD-1';
const spoor = (...args: string[]) => runCli(args, { DATABASE_URL: env.databaseUrl, SPOOR_DATA_DIR: env.dataDir });

beforeAll(async () => {
  env = await createTestEnv();
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'spoor-cli-cmd-'));
  await startWorkers(env);
  await addUser(env, 'ana', 'Amsterdam', 'analyst');
  const cookie = await login(env, 'ana');
  const { cases } = env.runtime.services;
  const caseId = (await cases.create(SYSTEM_ACTOR, { number: CASE, title: 'cli', unit: 'Amsterdam' })).id;
  await cases.addMember(SYSTEM_ACTOR, caseId, 'ana');
  const images = await Promise.all([11, 12, 13].map((seed) => gradientJpeg(seed, 80, 60)));
  imageSha = sha256(images[0]!);
  const zip = buildZip(images.map((data, i) => ({ name: `dcim/${i}.jpg`, data })));
  const upload = await uploadEvidence(env, cookie, caseId, 'export.zip', zip);
  expect(upload.statusCode, upload.body).toBe(201);
  await waitForEvidence(env, upload.json().id);
});
afterAll(async () => {
  await env.close();
  await fs.rm(tmp, { recursive: true, force: true });
});

describe('spoor user and case', () => {
  it('adds an account, disables, enables and resets it', async () => {
    const created = spoor('user', 'add', 'bram', '--unit', 'Amsterdam', '--role', 'analyst');
    expect(created.status, created.stderr).toBe(0);
    expect(created.stdout).toMatch(/^Created bram \(analyst, Amsterdam\)\. Password: \S+\n$/);
    expect(spoor('user', 'disable', 'bram').stderr).toContain('Disabled bram.');
    expect((await env.runtime.services.users.byUsername('bram'))!.disabled).toBe(true);
    expect(spoor('user', 'enable', 'bram').stderr).toContain('Enabled bram.');
    expect((await env.runtime.services.users.byUsername('bram'))!.disabled).toBe(false);
    const reset = spoor('user', 'reset-password', 'bram');
    expect(reset.status, reset.stderr).toBe(0);
    const fresh = await login(env, 'bram', reset.stdout.trim());
    expect(fresh).toMatch(/^spoor_session=/);
  });

  it('creates a case, lists it and adds a member', async () => {
    const created = spoor('case', 'create', 'CLI-CMD-2', '--title', 'Tweede', '--unit', 'Amsterdam', '--json');
    expect(created.status, created.stderr).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({ number: 'CLI-CMD-2', title: 'Tweede', access: 'write' });
    expect(spoor('case', 'list').stdout).toMatch(/^CLI-CMD-2 +open +Amsterdam +Tweede$/m);
    expect(spoor('case', 'add-member', 'CLI-CMD-2', 'ana').stderr).toContain('Added ana to CLI-CMD-2.');
    const c = await env.runtime.services.cases.open(SYSTEM_ACTOR, { number: 'CLI-CMD-2' });
    const members = await env.runtime.services.cases.members(SYSTEM_ACTOR, c.id);
    expect(members.map((m) => m.username)).toContain('ana');
  });
});

describe('spoor lookup, match and export', () => {
  it('looks a hash up in all cases', () => {
    const found = spoor('lookup', '--sha256', imageSha, '--json');
    expect(found.status, found.stderr).toBe(0);
    const matches = JSON.parse(found.stdout).matches;
    expect(matches).toEqual([expect.objectContaining({ kind: 'exact', source: 'case' })]);
    expect(matches[0].case).toMatchObject({ number: CASE });
    expect(spoor('lookup', '--sha256', imageSha).stdout).toMatch(new RegExp(`^exact d= 0  case ${CASE}, `, 'm'));
  });

  it('matches a case again and waits', () => {
    const matched = spoor('match', '--case', CASE, '--json');
    expect(matched.status, matched.stderr).toBe(0);
    expect(JSON.parse(matched.stdout)).toEqual({ case: CASE, rematched: 3, hashSetMatches: 0, caseLinks: 0 });
  });

  it('exports a case as VICS JSON, and refuses other formats without leaving a file', async () => {
    const out = path.join(tmp, 'case.json');
    const written = spoor('export', '--case', CASE, '--format', 'vics', '--out', out);
    expect(written.status, written.stderr).toBe(0);
    expect(written.stderr).toMatch(/Wrote 3 media records \(\d+ bytes\) to /);
    const doc = JSON.parse(await fs.readFile(out, 'utf8'));
    expect(doc.value[0].CaseNumber).toBe(CASE);
    expect(doc.value[0].Media).toHaveLength(3);
    const refused = spoor('export', '--case', CASE, '--format', 'csv', '--out', path.join(tmp, 'case.csv'));
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('Only --format vics is supported so far.');
    await expect(fs.stat(path.join(tmp, 'case.csv'))).rejects.toThrow();
  });
});
