// Clusters of meldingen (connected components of report_links): reports.cluster_id, and report_clusters rows that
// point at the cluster they were merged into. A melding without links belongs to no cluster (null).
import { exec, many, one, type Queryable } from '../db.ts';

export type ClusterMember = {
  id: string;
  number: string;
  unit_id: number;
  unit_name: string;
  unit_code: string;
  received: string;
  victim_minor: boolean;
};

/** What a hit on a melding may show of its owner: number, unit, date and whom to call. */
export type ReportOwnerRow = {
  id: string;
  number: string;
  unit_id: number;
  unit_name: string;
  received: string;
  contact: string | null;
};

export type ClusterListRow = { id: number; members: Array<{ id: string; number: string; unit: string }> };

const sql = {
  // One writer at a time: linking takes milliseconds, and two meldingen that meet never make two clusters. The
  // public list's version comes along, so a process reads the list again only when an administrator changed it.
  lockLinking: `SELECT pg_advisory_xact_lock(hashtext('spoor.report-linking')),
    (SELECT count(*) || '/' || coalesce(max(greatest(added_at, removed_at))::text, '') FROM public_selectors)
      AS public_version`,
  // For a caller whose next durable commit flushes this one too (extraction marks the melding done after linking).
  flushLater: 'SET LOCAL synchronous_commit = off',
  create: 'INSERT INTO report_clusters DEFAULT VALUES RETURNING id',
  assign: 'UPDATE reports SET cluster_id = $2 WHERE id = ANY($1::uuid[])',
  absorbMembers: 'UPDATE reports SET cluster_id = $1 WHERE cluster_id = ANY($2::bigint[])',
  // Chains stay one step long: whatever pointed at an absorbed cluster now points at the survivor.
  absorbRows: `UPDATE report_clusters SET merged_into = $1, updated_at = now()
    WHERE id = ANY($2::bigint[]) OR merged_into = ANY($2::bigint[])`,
  touch: 'UPDATE report_clusters SET updated_at = now() WHERE id = $1',
  clusterOf: 'SELECT cluster_id FROM reports WHERE id = $1',
  clustersOf: 'SELECT DISTINCT cluster_id FROM reports WHERE id = ANY($1::uuid[])',
  effective: 'SELECT coalesce(merged_into, id) AS id FROM report_clusters WHERE id = $1',
  members: `SELECT r.id, r.number, r.unit_id, un.name AS unit_name, un.code AS unit_code, r.received::text AS received,
      r.victim_minor
    FROM reports r JOIN units un ON un.id = r.unit_id WHERE r.cluster_id = $1 ORDER BY r.received, r.number, r.id`,
  // The unit's frontoffice first (that is who a hit should call), else its lead.
  owners: `SELECT r.id, r.number, r.unit_id, un.name AS unit_name, r.received::text AS received,
      (SELECT coalesce(u.contact, u.display_name) FROM users u
        WHERE u.unit_id = r.unit_id AND u.role IN ('frontoffice', 'lead') AND NOT u.disabled
        ORDER BY u.role = 'frontoffice' DESC, u.created_at LIMIT 1) AS contact
    FROM reports r JOIN units un ON un.id = r.unit_id WHERE r.id = ANY($1::uuid[])`,
  list: `SELECT r.cluster_id AS id,
      json_agg(json_build_object('id', r.id, 'number', r.number, 'unit', un.code) ORDER BY r.number, r.id) AS members
    FROM reports r JOIN units un ON un.id = r.unit_id WHERE r.cluster_id IS NOT NULL
    GROUP BY r.cluster_id HAVING count(*) > 1 ORDER BY r.cluster_id`,
  countsFor: `WITH c AS (SELECT DISTINCT cluster_id FROM reports WHERE id = ANY($1::uuid[]) AND cluster_id IS NOT NULL)
    SELECT (SELECT count(*)::int FROM c) AS clusters,
      (SELECT count(*)::int FROM signals WHERE cluster_id IN (SELECT cluster_id FROM c)) AS signals`,
};

export const clustersRepo = (db: Queryable) => ({
  /** Serialises linking until the end of the caller's transaction; returns the public list's version. */
  lockLinking: async () => (await one<{ public_version: string }>(db, sql.lockLinking))!.public_version,
  /** This transaction's commit does not wait for the WAL flush. */
  flushLater: () => exec(db, sql.flushLater),
  create: async () => (await one<{ id: number }>(db, sql.create))!.id,
  assign: (reportIds: readonly string[], clusterId: number | null) => exec(db, sql.assign, [reportIds, clusterId]),
  /** Moves every member of the absorbed clusters into the survivor and records where they went. */
  absorb: async (survivor: number, absorbed: readonly number[]) => {
    if (absorbed.length === 0) return;
    await exec(db, sql.absorbMembers, [survivor, absorbed]);
    await exec(db, sql.absorbRows, [survivor, absorbed]);
  },
  touch: (clusterId: number) => exec(db, sql.touch, [clusterId]),
  clusterOf: async (reportId: string) =>
    (await one<{ cluster_id: number | null }>(db, sql.clusterOf, [reportId]))?.cluster_id ?? null,
  /** The distinct clusters of these meldingen (null for those in none). */
  clustersOf: async (reportIds: readonly string[]) =>
    (await many<{ cluster_id: number | null }>(db, sql.clustersOf, [reportIds])).map((r) => r.cluster_id),
  /** The cluster a (possibly merged) cluster id stands for now; null when there is no such cluster. */
  effective: async (clusterId: number) => (await one<{ id: number }>(db, sql.effective, [clusterId]))?.id ?? null,
  members: (clusterId: number) => many<ClusterMember>(db, sql.members, [clusterId]),
  owners: (reportIds: readonly string[]) => many<ReportOwnerRow>(db, sql.owners, [reportIds]),
  /** Every cluster of two or more meldingen, with its members' numbers and unit codes. */
  list: () => many<ClusterListRow>(db, sql.list),
  /** Clusters holding any of these meldingen, and the signals raised on them. */
  countsFor: async (reportIds: readonly string[]) =>
    (await one<{ clusters: number; signals: number }>(db, sql.countsFor, [reportIds]))!,
});
