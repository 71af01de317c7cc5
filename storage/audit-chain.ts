// The audit log's hash chain: each entry stores HMAC-SHA256(key, prev_hash || canonical content), the key kept
// outside the database. Entries from before the key (scheme 'sha256') keep sha256(prev_hash || content).
// Shared by the API's audit service and by workers that act on their own (automatic categorisation).
import { createHash } from 'node:crypto';
import type { Queryable } from './db.ts';
import type { AuditKey } from './audit-key.ts';
import { auditRepo, type AuditRow } from './repositories/audit.repository.ts';

export const GENESIS_HASH = '0'.repeat(64);
export const KEYED = 'hmac-sha256';
export const UNKEYED = 'sha256';

export type AuditEntry = {
  actorId: string | null;
  actorName: string;
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  caseId?: string | null;
  details?: Record<string, unknown>;
};

type HashedFields = Omit<AuditRow, 'id' | 'hash' | 'prev_hash' | 'scheme' | 'key_id'>;

/** JSON with object keys sorted at every depth, so jsonb's key reordering cannot change the hash. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

function entryContent(row: HashedFields): string {
  return canonicalJson({
    at: new Date(row.at).toISOString(),
    actor_id: row.actor_id,
    actor_name: row.actor_name,
    action: row.action,
    target_type: row.target_type,
    target_id: row.target_id,
    case_id: row.case_id,
    details: row.details,
  });
}

/** The unkeyed hash of entries written before the audit key existed (and all anyone can compute without it). */
export function entryHash(prevHash: string, row: HashedFields): string {
  return createHash('sha256').update(prevHash).update(entryContent(row)).digest('hex');
}

export function keyedEntryHash(key: AuditKey, prevHash: string, row: HashedFields): string {
  return key.mac(prevHash, entryContent(row));
}

/** Appends one entry; `db` must be inside a transaction (the chain lock is held until it commits). */
export async function appendAuditEntry(db: Queryable, key: AuditKey, e: AuditEntry): Promise<number> {
  const repo = auditRepo(db);
  await repo.lockChain();
  const prev = (await repo.lastHash()) ?? GENESIS_HASH;
  const row = {
    at: new Date(),
    actor_id: e.actorId,
    actor_name: e.actorName,
    action: e.action,
    target_type: e.targetType ?? null,
    target_id: e.targetId ?? null,
    case_id: e.caseId ?? null,
    details: e.details ?? {},
  };
  return repo.insert({ ...row, prev_hash: prev, hash: keyedEntryHash(key, prev, row), scheme: KEYED, key_id: key.id });
}
