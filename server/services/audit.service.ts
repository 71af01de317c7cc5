// The hash-chained audit log: each entry stores sha256(prev_hash || canonical content).
import { createHash } from 'node:crypto';
import type { Pool, Queryable } from '../../storage/db.ts';
import { inTransaction } from '../../storage/db.ts';
import { auditRepo, type AuditRow } from '../../storage/repositories/audit.repository.ts';
import type { Actor } from './actor.ts';

export const GENESIS_HASH = '0'.repeat(64);

export type AuditEvent = {
  action: string; targetType?: string | null; targetId?: string | null; caseId?: string | null; details?: Record<string, unknown>;
};

/** JSON with object keys sorted at every depth, so jsonb's key reordering cannot change the hash. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function entryHash(prevHash: string, row: Omit<AuditRow, 'id' | 'hash' | 'prev_hash'>): string {
  const content = canonicalJson({
    at: new Date(row.at).toISOString(), actor_id: row.actor_id, actor_name: row.actor_name, action: row.action,
    target_type: row.target_type, target_id: row.target_id, case_id: row.case_id, details: row.details,
  });
  return createHash('sha256').update(prevHash).update(content).digest('hex');
}

export type VerifyResult = { ok: boolean; entries: number; firstBrokenId: number | null; reason: string | null };

export function auditService(pool: Pool) {
  async function appendWith(db: Queryable, actor: Actor, event: AuditEvent): Promise<number> {
    const repo = auditRepo(db);
    await repo.lockChain();
    const prev = (await repo.lastHash()) ?? GENESIS_HASH;
    const row = {
      at: new Date(), actor_id: actor.id, actor_name: actor.username, action: event.action,
      target_type: event.targetType ?? null, target_id: event.targetId ?? null, case_id: event.caseId ?? null,
      details: { ...(event.details ?? {}), ...(actor.ip ? { ip: actor.ip } : {}) },
    };
    return repo.insert({ ...row, prev_hash: prev, hash: entryHash(prev, row) });
  }

  return {
    /** Appends inside the caller's transaction when given one, so the action and its record commit together. */
    record: (actor: Actor, event: AuditEvent, db?: Queryable): Promise<number> =>
      db ? appendWith(db, actor, event) : inTransaction(pool, (client) => appendWith(client, actor, event)),

    recent: (filter: { caseId?: string | null; action?: string | null; beforeId?: number | null; limit: number }) => auditRepo(pool).recent(filter),

    /** Walks the whole chain in id order and reports the first entry whose link or content does not hold. */
    async verify(): Promise<VerifyResult> {
      const repo = auditRepo(pool);
      let prev = GENESIS_HASH;
      let after = 0;
      let entries = 0;
      for (;;) {
        const page = await repo.pageAfter(after, 5000);
        if (page.length === 0) return { ok: true, entries, firstBrokenId: null, reason: null };
        for (const row of page) {
          if (row.prev_hash !== prev) return { ok: false, entries, firstBrokenId: row.id, reason: 'prev_hash does not match the hash of the entry before it' };
          if (entryHash(prev, row) !== row.hash) return { ok: false, entries, firstBrokenId: row.id, reason: 'content does not match its hash (entry altered)' };
          prev = row.hash;
          entries += 1;
        }
        after = page[page.length - 1]!.id;
      }
    },
  };
}

export type AuditService = ReturnType<typeof auditService>;
