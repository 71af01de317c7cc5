// The audit log cannot be quietly shortened or rewritten: an insider with superuser rights (triggers bypassed)
// truncates, rewrites and re-chains it, and `verify` (service, API, CLI) reports each, via key and checkpoints.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { startRuntime } from '../../server/runtime.ts';
import { SYSTEM_ACTOR } from '../../server/services/actor.ts';
import { entryHash, GENESIS_HASH, keyedEntryHash } from '../../storage/audit-chain.ts';
import type { AuditRow } from '../../storage/repositories/audit.repository.ts';
import { runCli } from './helpers/process.ts';
import { addUser, createDatabase, createTestEnv, login, type TestEnv } from './helpers/runtime.ts';

const envs: TestEnv[] = [];
const note = (env: TestEnv, action: string, details: Record<string, unknown> = {}) =>
  env.runtime.services.audit.record(SYSTEM_ACTOR, { action, details });
afterEach(async () => {
  for (const env of envs.splice(0)) await env.close();
});

/** A fresh log of `n` entries, checkpointed at its head. */
async function freshLog(n: number, vars: Record<string, string> = {}): Promise<{ env: TestEnv; ids: number[] }> {
  const env = await createTestEnv(vars);
  envs.push(env);
  for (let i = 0; i < n; i++) await note(env, 'test.event', { i });
  await env.runtime.services.audit.checkpoint();
  const ids = (await env.runtime.pool.query('SELECT id FROM audit_log ORDER BY id')).rows.map((r) => r.id as number);
  return { env, ids };
}

/** The insider: a superuser session that skips the append-only triggers. */
async function asInsider(url: string, work: (db: pg.Client) => Promise<void>): Promise<void> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    await db.query('BEGIN');
    await db.query('SET LOCAL session_replication_role = replica');
    await work(db);
    await db.query('COMMIT');
  } finally {
    await db.end();
  }
}

type Rehash = (prev: string, row: AuditRow) => string;

/** Recomputes prev_hash and hash of every entry from `fromId` on, as an insider covering their tracks would. */
async function rechain(db: pg.Client, fromId: number, rehash: Rehash, scheme?: string): Promise<void> {
  const before = await db.query('SELECT hash FROM audit_log WHERE id < $1 ORDER BY id DESC LIMIT 1', [fromId]);
  let prev = (before.rows[0]?.hash as string | undefined) ?? GENESIS_HASH;
  const rows = (await db.query('SELECT * FROM audit_log WHERE id >= $1 ORDER BY id', [fromId])).rows as AuditRow[];
  for (const row of rows) {
    const hash = rehash(prev, row);
    await db.query('UPDATE audit_log SET prev_hash = $2, hash = $3, scheme = coalesce($4, scheme) WHERE id = $1', [
      row.id,
      prev,
      hash,
      scheme ?? null,
    ]);
    prev = hash;
  }
}

const rewrite = (db: pg.Client, id: number) =>
  db.query(`UPDATE audit_log SET details = '{"i": 999, "covered": "up"}' WHERE id = $1`, [id]);

describe('the audit log cannot be quietly shortened or rewritten', () => {
  it('deleting the last entries is found by the checkpoint: service, API (Dutch by default) and CLI', async () => {
    const { env } = await freshLog(3);
    await addUser(env, 'beheer', 'Landelijke Eenheid', 'admin');
    const cookie = await login(env, 'beheer');
    for (let i = 0; i < 5; i++) await note(env, 'test.later', { i });
    await env.runtime.services.audit.checkpoint();
    const head = (await env.runtime.services.audit.head())!.id;
    expect(await env.runtime.services.audit.verify()).toMatchObject({ ok: true, checkpoints: 3 });

    await asInsider(env.databaseUrl, async (db) => {
      await db.query('DELETE FROM audit_log WHERE id > $1', [head - 3]);
    });

    const result = await env.runtime.services.audit.verify();
    expect(result).toMatchObject({ ok: false, firstBrokenId: head });
    expect(result.reason).toMatch(/missing: the log was truncated/);
    const api = await env.app.inject({ method: 'GET', url: '/api/audit/verify', headers: { cookie } });
    expect(api.statusCode).toBe(200);
    expect(api.json()).toMatchObject({ ok: false, firstBrokenId: head });
    expect(api.json().reason).toMatch(/ontbreekt: de log is ingekort/);

    const cli = runCli(['audit', 'verify'], { DATABASE_URL: env.databaseUrl, SPOOR_DATA_DIR: env.dataDir });
    expect(cli.status).toBe(3);
    expect(cli.stdout).toMatch(new RegExp(`BROKEN at entry ${head}: .*truncated`));
  });

  it('a rewritten entry, every later hash recomputed in plain SHA-256, is found whatever the scheme says', async () => {
    for (const scheme of [undefined, 'sha256']) {
      const { env, ids } = await freshLog(12);
      const middle = ids[5]!;
      await asInsider(env.databaseUrl, async (db) => {
        await rewrite(db, middle);
        await rechain(db, middle, (prev, row) => entryHash(prev, row), scheme);
      });
      const result = await env.runtime.services.audit.verify();
      expect(result).toMatchObject({ ok: false, firstBrokenId: middle });
      expect(result.reason).toMatch(scheme ? /Unkeyed entry after keyed ones/ : /does not match its keyed hash/);
    }
  });

  it('the whole log re-chained in plain SHA-256 from the first entry is found too', async () => {
    const { env, ids } = await freshLog(6);
    await asInsider(env.databaseUrl, async (db) => {
      await rewrite(db, ids[2]!);
      await rechain(db, ids[0]!, (prev, row) => entryHash(prev, row), 'sha256');
    });
    expect(await env.runtime.services.audit.verify()).toMatchObject({ ok: false, firstBrokenId: ids[0] });
  });

  it('an insider with the stolen key re-chains consistently, and the checkpoints still disagree', async () => {
    const { env, ids } = await freshLog(12);
    const key = env.runtime.services.audit.key;
    const middle = ids[4]!;
    await asInsider(env.databaseUrl, async (db) => {
      await rewrite(db, middle);
      await rechain(db, middle, (prev, row) => keyedEntryHash(key, prev, row));
    });
    const rewritten = await env.runtime.services.audit.verify();
    expect(rewritten).toMatchObject({ ok: false, firstBrokenId: ids.at(-1) });
    expect(rewritten.reason).toMatch(/differs from the checkpoint of .*re-chained/);

    // Dropping an entry and re-chaining with the key: the checkpointed head is still there, but counted one more.
    const other = await freshLog(8);
    const otherKey = other.env.runtime.services.audit.key;
    await asInsider(other.env.databaseUrl, async (db) => {
      await db.query('DELETE FROM audit_log WHERE id = $1', [other.ids[3]]);
      await rechain(db, other.ids[4]!, (prev, row) => keyedEntryHash(otherKey, prev, row));
    });
    const dropped = await other.env.runtime.services.audit.verify();
    expect(dropped.reason).toMatch(/differs from the checkpoint|entries were removed/);
  });

  it('the documented limit: with the key, entries after the last checkpoint can be rewritten unseen', async () => {
    const { env, ids } = await freshLog(4);
    for (let i = 0; i < 3; i++) await note(env, 'test.after', { i });
    const key = env.runtime.services.audit.key;
    const after = (await env.runtime.services.audit.head())!.id;
    await asInsider(env.databaseUrl, async (db) => {
      await rewrite(db, after);
      await rechain(db, after, (prev, row) => keyedEntryHash(key, prev, row));
    });
    expect(await env.runtime.services.audit.verify()).toMatchObject({ ok: true, entries: ids.length + 3 });
  });
});

describe('the checkpoint file', () => {
  const lines = async (file: string) => (await fs.readFile(file, 'utf8')).trimEnd().split('\n');

  it('an edited, unsigned, foreign or blank line is reported', async () => {
    const { env } = await freshLog(5);
    const file = env.config.audit.checkpointFile;
    const original = await lines(file);
    const last = JSON.parse(original.at(-1)!);
    const cases: Array<[string, RegExp]> = [
      [JSON.stringify({ ...last, count: last.count - 2 }), /line 2 has an invalid signature/],
      [JSON.stringify({ ...last, sig: undefined }), /line 2 is unsigned/],
      [JSON.stringify({ ...last, keyId: '0123456789abcdef' }), /line 2 is signed with another key/],
      ['', /line 2 is not a checkpoint/],
    ];
    for (const [line, reason] of cases) {
      await fs.writeFile(file, `${[...original.slice(0, -1), line].join('\n')}\n`);
      const result = await env.runtime.services.audit.verify();
      expect(result.ok).toBe(false);
      expect(result.reason).toMatch(reason);
    }
    await fs.writeFile(file, `${original.join('\n')}\n`);
    expect(await env.runtime.services.audit.verify()).toMatchObject({ ok: true, entries: 5, checkpoints: 2 });
  });

  it('a missing file, or a new file started in its place, is reported', async () => {
    const { env } = await freshLog(5);
    const file = env.config.audit.checkpointFile;
    await fs.rm(file);
    expect((await env.runtime.services.audit.verify()).reason).toMatch(/checkpoint file is missing or empty/);
    await env.runtime.services.audit.record(SYSTEM_ACTOR, { action: 'test.event' });
    await env.runtime.services.audit.checkpoint();
    const replaced = await env.runtime.services.audit.verify();
    expect(replaced.reason).toMatch(/file starts at entry 6, after the first keyed entry \(1\)/);
  });

  it('is written at start, every second while the head moves, at clean shutdown; the key file is 0600', async () => {
    const outside = await fs.mkdtemp(path.join(os.tmpdir(), 'spoor-worm-'));
    const file = path.join(outside, 'mount', 'checkpoints.jsonl');
    const env = await createTestEnv({ SPOOR_AUDIT_CHECKPOINT_FILE: file, SPOOR_AUDIT_CHECKPOINT_SECONDS: '1' });
    try {
      expect((await fs.stat(path.join(env.dataDir, 'audit.key'))).mode & 0o777).toBe(0o600);
      expect((await lines(file)).map((l) => JSON.parse(l).id)).toEqual([0]);
      const id = await env.runtime.services.audit.record(SYSTEM_ACTOR, { action: 'test.periodic' });
      const deadline = Date.now() + 5000;
      const written = async () => (await lines(file)).some((l) => JSON.parse(l).id === id);
      while (!(await written()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect((await lines(file)).map((l) => JSON.parse(l))).toContainEqual(expect.objectContaining({ id, count: 1 }));
      const last = await env.runtime.services.audit.record(SYSTEM_ACTOR, { action: 'test.shutdown' });
      await env.runtime.stop();
      const keyId = env.runtime.services.audit.key.id;
      expect(JSON.parse((await lines(file)).at(-1)!)).toMatchObject({ id: last, count: 2, keyId });
    } finally {
      await env.close();
      await fs.rm(outside, { recursive: true, force: true });
    }
  });
});

describe('keys and the switch from the unkeyed chain', () => {
  it('entries written before the key stay verifiable, and the chain continues across the switch', async () => {
    const url = await createDatabase();
    await migrateUpTo(url, 7);
    const legacy = new pg.Client({ connectionString: url });
    await legacy.connect();
    let prev = GENESIS_HASH;
    for (let i = 0; i < 4; i++) {
      const row = {
        at: new Date(Date.UTC(2025, 0, 1 + i)),
        actor_id: null,
        actor_name: 'system',
        action: 'legacy.event',
        target_type: null,
        target_id: String(i),
        case_id: null,
        details: { i },
      };
      const hash = entryHash(prev, row);
      await legacy.query(
        `INSERT INTO audit_log (at, actor_id, actor_name, action, target_type, target_id, case_id,
        details, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [row.at, null, 'system', row.action, null, row.target_id, null, row.details, prev, hash],
      );
      prev = hash;
    }
    await legacy.end();
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'spoor-it-switch-'));
    const runtime = await startRuntime(loadConfig({ DATABASE_URL: url, SPOOR_DATA_DIR: dataDir, LOG_LEVEL: 'silent' }));
    try {
      for (let i = 0; i < 3; i++) await runtime.services.audit.record(SYSTEM_ACTOR, { action: 'test.keyed' });
      const schemes = (await runtime.pool.query('SELECT scheme, prev_hash FROM audit_log ORDER BY id')).rows;
      expect(schemes.map((r) => r.scheme)).toEqual([...Array(4).fill('sha256'), ...Array(3).fill('hmac-sha256')]);
      expect(schemes[4].prev_hash).toBe(prev);
      expect(await runtime.services.audit.verify()).toMatchObject({ ok: true, entries: 7, checkpoints: 1 });
      // Legacy entries are anchored too: the first checkpoint holds their head.
      await asInsider(url, (db) => rewrite(db, 2).then(() => rechain(db, 2, (p, row) => entryHash(p, row))));
      const rechained = await runtime.services.audit.verify();
      expect(rechained).toMatchObject({ ok: false, firstBrokenId: 4 });
      expect(rechained.reason).toMatch(/differs from the checkpoint/);
    } finally {
      await runtime.stop();
      await fs.rm(dataDir, { recursive: true, force: true });
    }
  });

  it('a process with another key refuses to write to the log; SPOOR_AUDIT_KEY is honoured', async () => {
    const secret = 'x'.repeat(40);
    const { env } = await freshLog(2, { SPOOR_AUDIT_KEY: secret });
    await expect(fs.access(path.join(env.dataDir, 'audit.key'))).rejects.toThrow();
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'spoor-it-otherkey-'));
    try {
      const other = loadConfig({ DATABASE_URL: env.databaseUrl, SPOOR_DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
      await expect(startRuntime(other)).rejects.toThrow(/KEY_FILE must be the audit key this database/);
      const same = await startRuntime(
        loadConfig({
          DATABASE_URL: env.databaseUrl,
          SPOOR_DATA_DIR: dataDir,
          SPOOR_AUDIT_KEY: secret,
          LOG_LEVEL: 'silent',
          SPOOR_AUDIT_CHECKPOINT_FILE: env.config.audit.checkpointFile,
        }),
      );
      await same.services.audit.record(SYSTEM_ACTOR, { action: 'test.same-key' });
      expect(await same.services.audit.verify()).toMatchObject({ ok: true, entries: 3 });
      await same.stop();
    } finally {
      await fs.rm(dataDir, { recursive: true, force: true });
    }
  });
});

/** The schema as the previous release left it: migrations up to and including `last`. */
async function migrateUpTo(url: string, last: number): Promise<void> {
  const { migrate } = await import('postgres-migrations');
  const source = fileURLToPath(new URL('../../storage/migrations', import.meta.url));
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'spoor-old-migrations-'));
  for (const name of await fs.readdir(source)) {
    if (Number(name.slice(0, 3)) <= last) await fs.copyFile(path.join(source, name), path.join(dir, name));
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await migrate({ client }, dir, { logger: () => undefined });
  } finally {
    await client.end();
    await fs.rm(dir, { recursive: true, force: true });
  }
}
