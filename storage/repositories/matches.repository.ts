import { exec, many, one, type Queryable } from '../db.ts';

export type MatchInsert = {
  caseId: string;
  blobSha256: string;
  kind: 'exact' | 'near';
  targetType: 'hashset' | 'case';
  targetKey: string;
  hashSetId: string | null;
  entryId: number | null;
  otherCaseId: string | null;
  otherBlobSha256: string | null;
  hashKind: string;
  distance: number;
};

export type MatchRow = {
  kind: 'exact' | 'near';
  target_type: 'hashset' | 'case';
  distance: number;
  hash_kind: string;
  other_case_id: string | null;
  other_blob_sha256: string | null;
  set_name: string | null;
  set_version: string | null;
  category: string | null;
  series: string | null;
  victim_identified: boolean | null;
};

export type CaseMediaRow = {
  category: string | null;
  scheme: string;
  source: 'manual' | 'hashset' | null;
  conflict: boolean;
};

const sql = {
  pixelsForMatching: `SELECT b.id, b.sha256, b.md5, b.sha1, b.pdq, b.pdq_quality, b.pdq_dihedral, b.pdq_trimmed,
    b.pdq_trimmed_dihedral FROM blobs b WHERE b.sha256 = ANY($1) AND b.status IN ('done', 'error')`,
  unmatchedInCase: `SELECT DISTINCT i.blob_sha256 AS sha256 FROM items i JOIN blobs b ON b.sha256 = i.blob_sha256
    LEFT JOIN case_blob_matched m ON m.case_id = i.case_id AND m.blob_sha256 = i.blob_sha256
    WHERE i.case_id = $1 AND b.status IN ('done', 'error') AND m.case_id IS NULL LIMIT $2`,
  unmatchedCount: `SELECT count(DISTINCT i.blob_sha256)::int AS n FROM items i JOIN blobs b ON b.sha256 = i.blob_sha256
    LEFT JOIN case_blob_matched m ON m.case_id = i.case_id AND m.blob_sha256 = i.blob_sha256
    WHERE i.case_id = $1 AND b.status IN ('done', 'error') AND m.case_id IS NULL`,
  stamp: 'INSERT INTO case_blob_matched (case_id, blob_sha256) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING',
  unstamp: 'DELETE FROM case_blob_matched WHERE blob_sha256 = ANY($1)',
  unstampCase: 'DELETE FROM case_blob_matched WHERE case_id = $1',
  unstampInCase: 'DELETE FROM case_blob_matched WHERE case_id = $1 AND blob_sha256 = ANY($2)',
  // Serialises matching runs and re-match resets of one case; released at commit.
  lockCase: 'SELECT pg_advisory_xact_lock(727004, hashtext($1::text))',
  otherCasesWithBlob: 'SELECT DISTINCT case_id FROM items WHERE blob_sha256 = $1 AND case_id <> $2',
  blobsInOtherCases: `SELECT DISTINCT i.case_id, b.sha256, b.id FROM blobs b JOIN items i ON i.blob_sha256 = b.sha256
    WHERE b.id = ANY($1) AND i.case_id <> $2`,
  clearHashsetMatches: "DELETE FROM matches WHERE case_id = $1 AND blob_sha256 = $2 AND target_type = 'hashset'",
  upsert: `INSERT INTO matches (case_id, blob_sha256, kind, target_type, target_key, hash_set_id, entry_id, other_case_id, other_blob_sha256, hash_kind, distance)
    SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::uuid[], $7::bigint[], $8::uuid[], $9::text[], $10::text[], $11::int[])
    ON CONFLICT (case_id, blob_sha256, target_type, target_key) DO UPDATE SET kind = excluded.kind, distance = excluded.distance,
      hash_kind = excluded.hash_kind, matched_at = now()`,
  forBlob: `SELECT m.kind, m.target_type, m.distance, m.hash_kind, m.other_case_id, m.other_blob_sha256, s.name AS set_name, s.version AS set_version,
      coalesce(e.category, om.category) AS category, e.series, e.victim_identified
    FROM matches m
    LEFT JOIN hash_sets s ON s.id = m.hash_set_id
    LEFT JOIN hash_set_entries e ON e.id = m.entry_id
    LEFT JOIN case_media om ON om.case_id = m.other_case_id AND om.blob_sha256 = m.other_blob_sha256
    WHERE m.case_id = $1 AND m.blob_sha256 = $2 AND (m.hash_set_id IS NULL OR s.status = 'active')
    ORDER BY m.distance, m.target_type`,
  caseMedia: 'SELECT category, scheme, source, conflict FROM case_media WHERE case_id = $1 AND blob_sha256 = $2',
  setFromHashset: `INSERT INTO case_media (case_id, blob_sha256, category, scheme, source, provenance, conflict, conflict_detail, series, victim_identified, categorised_at)
    VALUES ($1, $2, $3, $4, 'hashset', $5, $6, $7, $8, $9, now())
    ON CONFLICT (case_id, blob_sha256) DO UPDATE SET category = excluded.category, scheme = excluded.scheme, source = 'hashset',
      provenance = excluded.provenance, conflict = excluded.conflict, conflict_detail = excluded.conflict_detail,
      series = coalesce(excluded.series, case_media.series), victim_identified = coalesce(excluded.victim_identified, case_media.victim_identified),
      categorised_at = now()
    WHERE case_media.source IS DISTINCT FROM 'manual'`,
  // A hash-set category stands only while an active set still says so; manual ones are never touched.
  clearHashsetCategory: `UPDATE case_media SET category = NULL, source = NULL, provenance = NULL, conflict = false, conflict_detail = NULL,
    categorised_at = now() WHERE case_id = $1 AND blob_sha256 = $2 AND source = 'hashset'`,
  categorisedBySet:
    "SELECT DISTINCT blob_sha256 AS sha256 FROM case_media WHERE source = 'hashset' AND provenance->>'hashSet' = $1",
  countsForCase: `SELECT count(*) FILTER (WHERE target_type = 'hashset')::int AS sets,
    count(*) FILTER (WHERE target_type = 'case')::int AS cases FROM matches WHERE case_id = $1`,
  flagConflict: `UPDATE case_media SET conflict = true, conflict_detail = $3 WHERE case_id = $1 AND blob_sha256 = $2 AND source = 'manual'`,
};

type BlobForMatching = {
  id: number;
  sha256: string;
  md5: string;
  sha1: string;
  pdq: string | null;
  pdq_quality: number | null;
  pdq_dihedral: string[] | null;
  pdq_trimmed: string | null;
  pdq_trimmed_dihedral: string[] | null;
};

/** A category a hash set gives content in a case, with where it came from and any conflict. */
type HashsetCategory = {
  category: string;
  scheme: string;
  provenance: unknown;
  conflict: boolean;
  conflictDetail: unknown;
  series: string | null;
  victimIdentified: boolean | null;
};

/** One array per column, for the `unnest` in `sql.upsert`: a whole batch in one statement. */
const upsertColumns = (rows: MatchInsert[]) => [
  rows.map((r) => r.caseId),
  rows.map((r) => r.blobSha256),
  rows.map((r) => r.kind),
  rows.map((r) => r.targetType),
  rows.map((r) => r.targetKey),
  rows.map((r) => r.hashSetId),
  rows.map((r) => r.entryId),
  rows.map((r) => r.otherCaseId),
  rows.map((r) => r.otherBlobSha256),
  rows.map((r) => r.hashKind),
  rows.map((r) => r.distance),
];

const hashsetCategoryParams = (caseId: string, sha: string, c: HashsetCategory) => [
  caseId,
  sha,
  c.category,
  c.scheme,
  JSON.stringify(c.provenance),
  c.conflict,
  c.conflictDetail === null ? null : JSON.stringify(c.conflictDetail),
  c.series,
  c.victimIdentified,
];

export const matchesRepo = (db: Queryable) => ({
  blobsForMatching: (shas: string[]) => many<BlobForMatching>(db, sql.pixelsForMatching, [shas]),
  unmatchedInCase: async (caseId: string, limit: number) =>
    (await many<{ sha256: string }>(db, sql.unmatchedInCase, [caseId, limit])).map((r) => r.sha256),
  unmatchedCount: async (caseId: string) => (await one<{ n: number }>(db, sql.unmatchedCount, [caseId]))!.n,
  stamp: (caseId: string, shas: string[]) => exec(db, sql.stamp, [caseId, shas]),
  unstamp: (shas: string[]) => exec(db, sql.unstamp, [shas]),
  unstampCase: (caseId: string) => exec(db, sql.unstampCase, [caseId]),
  unstampInCase: (caseId: string, shas: string[]) => exec(db, sql.unstampInCase, [caseId, shas]),
  lockCase: (caseId: string) => db.query(sql.lockCase, [caseId]),
  otherCasesWithBlob: async (sha: string, caseId: string) =>
    (await many<{ case_id: string }>(db, sql.otherCasesWithBlob, [sha, caseId])).map((r) => r.case_id),
  blobsInOtherCases: (ids: number[], caseId: string) =>
    many<{ case_id: string; sha256: string; id: number }>(db, sql.blobsInOtherCases, [ids, caseId]),
  clearHashsetMatches: (caseId: string, sha: string) => exec(db, sql.clearHashsetMatches, [caseId, sha]),
  upsert: (rows: MatchInsert[]) => (rows.length === 0 ? Promise.resolve(0) : exec(db, sql.upsert, upsertColumns(rows))),
  forBlob: (caseId: string, sha: string) => many<MatchRow>(db, sql.forBlob, [caseId, sha]),
  caseMedia: (caseId: string, sha: string) => one<CaseMediaRow>(db, sql.caseMedia, [caseId, sha]),
  setFromHashset: (caseId: string, sha: string, c: HashsetCategory) =>
    exec(db, sql.setFromHashset, hashsetCategoryParams(caseId, sha, c)),
  clearHashsetCategory: (caseId: string, sha: string) => exec(db, sql.clearHashsetCategory, [caseId, sha]),
  categorisedBySet: async (setName: string) =>
    (await many<{ sha256: string }>(db, sql.categorisedBySet, [setName])).map((r) => r.sha256),
  /** How many hash-set matches and links to other cases a case has. */
  countsForCase: async (caseId: string) =>
    (await one<{ sets: number; cases: number }>(db, sql.countsForCase, [caseId]))!,
  flagConflict: (caseId: string, sha: string, detail: unknown) =>
    exec(db, sql.flagConflict, [caseId, sha, JSON.stringify(detail)]),
});
