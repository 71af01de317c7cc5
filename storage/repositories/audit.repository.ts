import { many, one, type Queryable } from '../db.ts';

export type AuditRow = {
  id: number;
  at: Date;
  actor_id: string | null;
  actor_name: string;
  action: string;
  target_type: string | null;
  target_id: string | null;
  case_id: string | null;
  details: Record<string, unknown>;
  prev_hash: string;
  hash: string;
  /** 'hmac-sha256' (keyed, key_id says which key) or 'sha256' (written before the audit key existed). */
  scheme: string;
  key_id: string | null;
};

export type AuditHead = { id: number; hash: string; at: Date; key_id: string | null };

const COLUMNS =
  'id, at, actor_id, actor_name, action, target_type, target_id, case_id, details, prev_hash, hash, ' +
  'scheme, key_id';

const sql = {
  // Serialises appenders so the chain never forks; released at commit.
  lockChain: 'SELECT pg_advisory_xact_lock(727002)',
  last: 'SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1',
  insert: `INSERT INTO audit_log
             (at, actor_id, actor_name, action, target_type, target_id, case_id, details, prev_hash, hash, scheme, key_id)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
  head: 'SELECT id, hash, at, key_id FROM audit_log ORDER BY id DESC LIMIT 1',
  // Entries in (after, upTo]: a checkpoint's count grows by a range scan, not a count of the whole log.
  countBetween: 'SELECT count(*)::bigint AS n FROM audit_log WHERE id > $1 AND id <= $2',
  page: `SELECT ${COLUMNS} FROM audit_log WHERE id > $1 ORDER BY id LIMIT $2`,
  // One user's reveal of one content in one case: the only key to its sharp thumbnail.
  revealOf: `SELECT at FROM audit_log
    WHERE id = $1 AND action = 'media.reveal' AND actor_id = $2 AND case_id = $3 AND target_id = $4`,
  // One user's explicit playback of one video in one case: the only key to its bytes (server/services/video.service.ts).
  playOf: `SELECT at FROM audit_log
    WHERE id = $1 AND action = 'media.play' AND actor_id = $2 AND case_id = $3 AND target_id = $4`,
  // One user's reveal of one melding attachment: the only key to its clear image.
  attachmentRevealOf: `SELECT at FROM audit_log
    WHERE id = $1 AND action = 'report.attachment.reveal' AND actor_id = $2 AND target_id = $3`,
  recent: `SELECT ${COLUMNS} FROM audit_log
    WHERE ($1::uuid IS NULL OR case_id = $1) AND ($2::text IS NULL OR action = $2) AND ($3::bigint IS NULL OR id < $3)
    ORDER BY id DESC LIMIT $4`,
};

export type AuditInsert = Omit<AuditRow, 'id'>;

export const auditRepo = (db: Queryable) => ({
  lockChain: () => db.query(sql.lockChain),
  lastHash: async () => (await one<{ hash: string }>(db, sql.last))?.hash ?? null,
  insert: async (r: AuditInsert) =>
    (await one<{ id: number }>(db, sql.insert, [
      r.at,
      r.actor_id,
      r.actor_name,
      r.action,
      r.target_type,
      r.target_id,
      r.case_id,
      r.details,
      r.prev_hash,
      r.hash,
      r.scheme,
      r.key_id,
    ]))!.id,
  head: () => one<AuditHead>(db, sql.head),
  countBetween: async (afterId: number, upToId: number) =>
    (await one<{ n: number }>(db, sql.countBetween, [afterId, upToId]))!.n,
  pageAfter: (afterId: number, limit: number) => many<AuditRow>(db, sql.page, [afterId, limit]),
  revealOf: (id: number, actorId: string, caseId: string, sha256: string) =>
    one<{ at: Date }>(db, sql.revealOf, [id, actorId, caseId, sha256]),
  playOf: (id: number, actorId: string, caseId: string, sha256: string) =>
    one<{ at: Date }>(db, sql.playOf, [id, actorId, caseId, sha256]),
  attachmentRevealOf: (id: number, actorId: string, attachmentId: number) =>
    one<{ at: Date }>(db, sql.attachmentRevealOf, [id, actorId, String(attachmentId)]),
  recent: (f: { caseId?: string | null; action?: string | null; beforeId?: number | null; limit: number }) =>
    many<AuditRow>(db, sql.recent, [f.caseId ?? null, f.action ?? null, f.beforeId ?? null, f.limit]),
});
