// The hash-chained audit log: each entry stores sha256(prev_hash || canonical content).
import type { Pool, Queryable } from '../../storage/db.ts';
import { inTransaction } from '../../storage/db.ts';
import { auditRepo } from '../../storage/repositories/audit.repository.ts';
import { appendAuditEntry, canonicalJson, entryHash, GENESIS_HASH } from '../../storage/audit-chain.ts';
import type { Actor } from './actor.ts';

export { canonicalJson, entryHash, GENESIS_HASH };

export type AuditEvent = {
  action: string; targetType?: string | null; targetId?: string | null; caseId?: string | null; details?: Record<string, unknown>;
};

export type VerifyResult = { ok: boolean; entries: number; firstBrokenId: number | null; reason: string | null };

export function auditService(pool: Pool) {
  const appendWith = (db: Queryable, actor: Actor, event: AuditEvent): Promise<number> => appendAuditEntry(db, {
    actorId: actor.id, actorName: actor.username, action: event.action, targetType: event.targetType, targetId: event.targetId, caseId: event.caseId,
    details: { ...(event.details ?? {}), ...(actor.ip ? { ip: actor.ip } : {}) },
  });

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
