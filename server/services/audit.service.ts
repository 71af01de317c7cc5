// The hash-chained audit log: each entry stores HMAC-SHA256(key, prev_hash || canonical content), and the chain
// head is checkpointed to a signed file outside the database (see storage/audit-checkpoints.ts).
import type { Pool, Queryable } from '../../storage/db.ts';
import { inTransaction } from '../../storage/db.ts';
import { auditRepo } from '../../storage/repositories/audit.repository.ts';
import { appendAuditEntry } from '../../storage/audit-chain.ts';
import { auditCheckpointer } from '../../storage/audit-checkpoints.ts';
import type { AuditKey } from '../../storage/audit-key.ts';
import type { Actor } from './actor.ts';
import { verifyAuditLog, type VerifyResult } from './audit-verify.ts';

export type { VerifyResult };

export type AuditEvent = {
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  caseId?: string | null;
  details?: Record<string, unknown>;
};

export function auditService(pool: Pool, key: AuditKey, checkpointFile: string) {
  const appendWith = (db: Queryable, actor: Actor, event: AuditEvent): Promise<number> =>
    appendAuditEntry(db, key, {
      actorId: actor.id,
      actorName: actor.username,
      action: event.action,
      targetType: event.targetType,
      targetId: event.targetId,
      caseId: event.caseId,
      details: { ...(event.details ?? {}), ...(actor.ip ? { ip: actor.ip } : {}) },
    });
  const checkpointer = auditCheckpointer(pool, key, checkpointFile);

  return {
    key,
    /** Appends inside the caller's transaction when given one, so the action and its record commit together. */
    record: (actor: Actor, event: AuditEvent, db?: Queryable): Promise<number> =>
      db ? appendWith(db, actor, event) : inTransaction(pool, (client) => appendWith(client, actor, event)),

    recent: (filter: { caseId?: string | null; action?: string | null; beforeId?: number | null; limit: number }) =>
      auditRepo(pool).recent(filter),

    /** Walks the whole chain and every checkpoint; reports the first thing that does not hold (in `lang`). */
    verify: (lang: 'nl' | 'en' = 'en'): Promise<VerifyResult> => verifyAuditLog(pool, key, checkpointFile, lang),

    /** Appends a signed checkpoint of the chain head to the checkpoint file, when it moved since the last one. */
    checkpoint: () => checkpointer.checkpoint(),

    checkpointFileExists: () => checkpointer.fileExists(),

    /** The newest entry: its key fingerprint tells whether this process holds the log's key. */
    head: () => auditRepo(pool).head(),
  };
}

export type AuditService = ReturnType<typeof auditService>;
