import { many, one, type Queryable } from '../db.ts';

export type AuditRow = {
  id: number; at: Date; actor_id: string | null; actor_name: string; action: string; target_type: string | null;
  target_id: string | null; case_id: string | null; details: Record<string, unknown>; prev_hash: string; hash: string;
};

const COLUMNS = 'id, at, actor_id, actor_name, action, target_type, target_id, case_id, details, prev_hash, hash';

const sql = {
  // Serialises appenders so the chain never forks; released at commit.
  lockChain: 'SELECT pg_advisory_xact_lock(727002)',
  last: 'SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1',
  insert: `INSERT INTO audit_log (at, actor_id, actor_name, action, target_type, target_id, case_id, details, prev_hash, hash)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
  page: `SELECT ${COLUMNS} FROM audit_log WHERE id > $1 ORDER BY id LIMIT $2`,
  recent: `SELECT ${COLUMNS} FROM audit_log
    WHERE ($1::uuid IS NULL OR case_id = $1) AND ($2::text IS NULL OR action = $2) AND ($3::bigint IS NULL OR id < $3)
    ORDER BY id DESC LIMIT $4`,
};

export type AuditInsert = Omit<AuditRow, 'id'>;

export const auditRepo = (db: Queryable) => ({
  lockChain: () => db.query(sql.lockChain),
  lastHash: async () => (await one<{ hash: string }>(db, sql.last))?.hash ?? null,
  insert: async (r: AuditInsert) =>
    (await one<{ id: number }>(db, sql.insert, [r.at, r.actor_id, r.actor_name, r.action, r.target_type, r.target_id, r.case_id, r.details, r.prev_hash, r.hash]))!.id,
  pageAfter: (afterId: number, limit: number) => many<AuditRow>(db, sql.page, [afterId, limit]),
  recent: (f: { caseId?: string | null; action?: string | null; beforeId?: number | null; limit: number }) =>
    many<AuditRow>(db, sql.recent, [f.caseId ?? null, f.action ?? null, f.beforeId ?? null, f.limit]),
});
