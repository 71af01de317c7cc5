import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../server/services/actor.ts';
import { createTestEnv, type TestEnv } from './helpers/runtime.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(() => env.close());

describe('hash-chained audit log', () => {
  it('appends concurrently without forking the chain, and verifies', async () => {
    const { audit } = env.runtime.services;
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        audit.record(SYSTEM_ACTOR, {
          action: 'test.event',
          targetId: String(i),
          details: { i, nested: { b: 2, a: [1, 'x'] } },
        }),
      ),
    );
    const result = await audit.verify();
    expect(result).toEqual({
      ok: true,
      entries: 40,
      firstBrokenId: null,
      reason: null,
      checkpoints: 1,
      lastCheckpointAt: expect.any(String),
    });
  });

  it('refuses UPDATE, DELETE and TRUNCATE through its trigger', async () => {
    await expect(env.runtime.pool.query("UPDATE audit_log SET action = 'x' WHERE id = 1")).rejects.toThrow(
      /append-only/,
    );
    await expect(env.runtime.pool.query('DELETE FROM audit_log WHERE id = 1')).rejects.toThrow(/append-only/);
    await expect(env.runtime.pool.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
  });

  it('finds an altered entry when someone drops the trigger and edits a row', async () => {
    const { pool, services } = env.runtime;
    const target = (await pool.query("SELECT id FROM audit_log WHERE target_id = '17'")).rows[0].id as number;
    await pool.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update');
    await pool.query(`UPDATE audit_log SET details = details || '{"i": 999}' WHERE id = $1`, [target]);
    await pool.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update');
    const result = await services.audit.verify();
    expect(result.ok).toBe(false);
    expect(result.firstBrokenId).toBe(target);
    expect(result.reason).toMatch(/altered/);
  });

  it('finds a deleted entry by the broken link that follows it', async () => {
    const { pool, services } = env.runtime;
    const env2 = await createTestEnv();
    try {
      for (let i = 0; i < 5; i++)
        await env2.runtime.services.audit.record(SYSTEM_ACTOR, { action: 'test.event', details: { i } });
      const ids = (await env2.runtime.pool.query('SELECT id FROM audit_log ORDER BY id')).rows.map(
        (r) => r.id as number,
      );
      await env2.runtime.pool.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update');
      await env2.runtime.pool.query('DELETE FROM audit_log WHERE id = $1', [ids[2]]);
      const result = await env2.runtime.services.audit.verify();
      expect(result).toMatchObject({ ok: false, firstBrokenId: ids[3] });
      expect(result.reason).toMatch(/prev_hash/);
    } finally {
      await env2.close();
    }
    expect(pool).toBeDefined();
    expect(services).toBeDefined();
  });
});
