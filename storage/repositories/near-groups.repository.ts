import { exec, many, type Queryable } from '../db.ts';
import type { PdqColumns } from './blobs.repository.ts';

export type GroupCandidate = Pick<PdqColumns, 'pdq' | 'pdq_quality' | 'pdq_trimmed'> & { id: number; sha256: string };

const sql = {
  // Serialises grouping per case across all worker processes; released at commit.
  lockCase: 'SELECT pg_advisory_xact_lock(727003, hashtext($1::text))',
  // Groupable: a PDQ good enough to match on, or a trimmed-border PDQ (stored only when good enough).
  // The stored hashes only: the 8-hash variants are read for the blobs being linked (variantsOf), not for all.
  eligible: `SELECT DISTINCT b.id, b.sha256, b.pdq, b.pdq_quality, b.pdq_trimmed
    FROM items i JOIN blobs b ON b.sha256 = i.blob_sha256
    WHERE i.case_id = $1 AND b.status = 'done'
      AND ((b.pdq IS NOT NULL AND b.pdq_quality >= $2) OR b.pdq_trimmed IS NOT NULL)`,
  variantsOf: `SELECT id, pdq, pdq_quality, pdq_dihedral, pdq_trimmed, pdq_trimmed_dihedral FROM blobs
    WHERE id = ANY($1)`,
  memberships: 'SELECT blob_sha256, group_id FROM case_near_groups WHERE case_id = $1',
  // The incremental run's two reads: the groupable blobs without a membership row yet, and a signature of the
  // memberships (rows, latest write) that tells whether another writer changed them since this process did.
  ungrouped: `SELECT DISTINCT b.id, b.sha256, b.pdq, b.pdq_quality, b.pdq_trimmed
    FROM items i JOIN blobs b ON b.sha256 = i.blob_sha256
    LEFT JOIN case_near_groups g ON g.case_id = i.case_id AND g.blob_sha256 = b.sha256
    WHERE i.case_id = $1 AND b.status = 'done' AND g.blob_sha256 IS NULL
      AND ((b.pdq IS NOT NULL AND b.pdq_quality >= $2) OR b.pdq_trimmed IS NOT NULL)`,
  signature: `SELECT count(*) || '/' || coalesce(max(grouped_at)::text, '') AS signature
    FROM case_near_groups WHERE case_id = $1`,
  upsert: `INSERT INTO case_near_groups (case_id, blob_sha256, group_id)
    SELECT $1, * FROM unnest($2::text[], $3::bigint[])
    ON CONFLICT (case_id, blob_sha256) DO UPDATE SET group_id = excluded.group_id, grouped_at = now()
    WHERE case_near_groups.group_id IS DISTINCT FROM excluded.group_id`,
  ungroupedCount: `SELECT count(DISTINCT b.sha256)::int AS n FROM items i JOIN blobs b ON b.sha256 = i.blob_sha256
    LEFT JOIN case_near_groups g ON g.case_id = i.case_id AND g.blob_sha256 = b.sha256
    WHERE i.case_id = $1 AND b.status = 'done'
      AND ((b.pdq IS NOT NULL AND b.pdq_quality >= $2) OR b.pdq_trimmed IS NOT NULL) AND g.blob_sha256 IS NULL`,
  // The regroup job walks every case once.
  casePage: 'SELECT id FROM cases WHERE id > $1 ORDER BY id LIMIT $2',
  caseCount: 'SELECT count(*)::int AS n FROM cases',
};

export const nearGroupsRepo = (db: Queryable) => ({
  lockCase: (caseId: string) => db.query(sql.lockCase, [caseId]),
  eligible: (caseId: string, minQuality: number) => many<GroupCandidate>(db, sql.eligible, [caseId, minQuality]),
  variantsOf: (ids: number[]) => many<PdqColumns & { id: number }>(db, sql.variantsOf, [ids]),
  ungrouped: (caseId: string, minQuality: number) => many<GroupCandidate>(db, sql.ungrouped, [caseId, minQuality]),
  signature: async (caseId: string) => (await many<{ signature: string }>(db, sql.signature, [caseId]))[0]!.signature,
  memberships: (caseId: string) =>
    many<{ blob_sha256: string; group_id: number | null }>(db, sql.memberships, [caseId]),
  upsert: (caseId: string, rows: Array<{ sha256: string; groupId: number | null }>) =>
    exec(db, sql.upsert, [caseId, rows.map((r) => r.sha256), rows.map((r) => r.groupId)]),
  ungroupedCount: async (caseId: string, minQuality: number) =>
    (await many<{ n: number }>(db, sql.ungroupedCount, [caseId, minQuality]))[0]!.n,
  casePage: async (afterId: string, limit: number) =>
    (await many<{ id: string }>(db, sql.casePage, [afterId, limit])).map((r) => r.id),
  caseCount: async () => (await many<{ n: number }>(db, sql.caseCount, []))[0]!.n,
});
