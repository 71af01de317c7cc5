import { exec, many, one, type Queryable } from '../db.ts';
import type { FaultReason } from '../object-store/faults.ts';

type EvidenceStatus = 'stored' | 'unpacking' | 'unpacked' | 'failed' | 'paused';
export type EvidenceRow = {
  id: string;
  case_id: string;
  object_key: string;
  sha256: string;
  size: number;
  original_name: string;
  kind: 'file' | 'folder';
  uploaded_by: string | null;
  uploaded_by_name: string;
  uploaded_at: Date;
  status: EvidenceStatus;
  error: string | null;
  unpack_started_at: Date | null;
  unpacked_at: Date | null;
  summary: Record<string, unknown> | null;
  paused_reason: FaultReason | null;
  paused_at: Date | null;
};

const sql = {
  insert: `INSERT INTO evidence (case_id, object_key, sha256, size, original_name, kind, uploaded_by, uploaded_by_name)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (case_id, sha256) DO NOTHING RETURNING id`,
  byId: 'SELECT * FROM evidence WHERE id = $1',
  byCaseAndSha: 'SELECT * FROM evidence WHERE case_id = $1 AND sha256 = $2',
  listForCase: 'SELECT * FROM evidence WHERE case_id = $1 ORDER BY uploaded_at',
  markUnpacking:
    "UPDATE evidence SET status = 'unpacking', unpack_started_at = coalesce(unpack_started_at, now()) WHERE id = $1 AND status IN ('stored', 'unpacking')",
  markUnpacked: "UPDATE evidence SET status = 'unpacked', unpacked_at = now(), summary = $2, error = $3 WHERE id = $1",
  markFailed: "UPDATE evidence SET status = 'failed', error = $2 WHERE id = $1",
};

export const evidenceRepo = (db: Queryable) => ({
  insert: async (e: {
    caseId: string;
    objectKey: string;
    sha256: string;
    size: number;
    originalName: string;
    kind: 'file' | 'folder';
    uploadedBy: string | null;
    uploadedByName: string;
  }) =>
    (
      await one<{ id: string }>(db, sql.insert, [
        e.caseId,
        e.objectKey,
        e.sha256,
        e.size,
        e.originalName,
        e.kind,
        e.uploadedBy,
        e.uploadedByName,
      ])
    )?.id ?? null,
  byId: (id: string) => one<EvidenceRow>(db, sql.byId, [id]),
  byCaseAndSha: (caseId: string, sha256: string) => one<EvidenceRow>(db, sql.byCaseAndSha, [caseId, sha256]),
  listForCase: (caseId: string) => many<EvidenceRow>(db, sql.listForCase, [caseId]),
  markUnpacking: (id: string) => exec(db, sql.markUnpacking, [id]),
  markUnpacked: (id: string, summary: Record<string, unknown>, error: string | null) =>
    exec(db, sql.markUnpacked, [id, summary, error]),
  markFailed: (id: string, error: string) => exec(db, sql.markFailed, [id, error]),
});
