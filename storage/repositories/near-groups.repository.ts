import { exec, many, type Queryable } from '../db.ts';

export type GroupCandidate = { id: number; sha256: string; pdq: string };

const sql = {
  // Serialises grouping per case across all worker processes; released at commit.
  lockCase: 'SELECT pg_advisory_xact_lock(727003, hashtext($1::text))',
  eligible: `SELECT DISTINCT b.id, b.sha256, b.pdq FROM items i JOIN blobs b ON b.sha256 = i.blob_sha256
    WHERE i.case_id = $1 AND b.status = 'done' AND b.pdq IS NOT NULL AND b.pdq_quality >= $2`,
  memberships: 'SELECT blob_sha256, group_id FROM case_near_groups WHERE case_id = $1',
  upsert: `INSERT INTO case_near_groups (case_id, blob_sha256, group_id)
    SELECT $1, * FROM unnest($2::text[], $3::bigint[])
    ON CONFLICT (case_id, blob_sha256) DO UPDATE SET group_id = excluded.group_id, grouped_at = now()
    WHERE case_near_groups.group_id IS DISTINCT FROM excluded.group_id`,
  ungroupedCount: `SELECT count(DISTINCT b.sha256)::int AS n FROM items i JOIN blobs b ON b.sha256 = i.blob_sha256
    LEFT JOIN case_near_groups g ON g.case_id = i.case_id AND g.blob_sha256 = b.sha256
    WHERE i.case_id = $1 AND b.status = 'done' AND b.pdq IS NOT NULL AND b.pdq_quality >= $2 AND g.blob_sha256 IS NULL`,
};

export const nearGroupsRepo = (db: Queryable) => ({
  lockCase: (caseId: string) => db.query(sql.lockCase, [caseId]),
  eligible: (caseId: string, minQuality: number) => many<GroupCandidate>(db, sql.eligible, [caseId, minQuality]),
  memberships: (caseId: string) =>
    many<{ blob_sha256: string; group_id: number | null }>(db, sql.memberships, [caseId]),
  upsert: (caseId: string, rows: Array<{ sha256: string; groupId: number | null }>) =>
    exec(db, sql.upsert, [caseId, rows.map((r) => r.sha256), rows.map((r) => r.groupId)]),
  ungroupedCount: async (caseId: string, minQuality: number) =>
    (await many<{ n: number }>(db, sql.ungroupedCount, [caseId, minQuality]))[0]!.n,
});
