import type { PoolClient } from 'pg';
import { copyRows } from '../copy-rows.ts';
import { exec, many, one, type Queryable } from '../db.ts';

export type HashSetRow = {
  id: string;
  name: string;
  source: string;
  version: string;
  format: string;
  profile: string | null;
  scheme: string | null;
  owner_unit_id: number;
  unit_name: string;
  visibility: 'national' | 'unit';
  near_radius: number;
  status: 'importing' | 'active' | 'superseded' | 'failed';
  entries: number;
  skipped: number;
  skipped_sample: unknown;
  header: unknown;
  imported_by_name: string;
  imported_at: Date;
  activated_at: Date | null;
  error: string | null;
};

export type NewHashSet = {
  name: string;
  source: string;
  version: string;
  format: string;
  unitId: number;
  visibility: string;
  radius: number;
  by: string | null;
  byName: string;
  importJobId: string | null;
};

export type EntryInsert = {
  md5: string | null;
  sha1: string | null;
  sha256: string | null;
  pdq: string | null;
  photodna: string | null;
  category: string | null;
  series: string | null;
  victimIdentified: boolean | null;
  mediaId: string | null;
  raw: unknown;
};

export type EntryHit = {
  id: number;
  set_id: string;
  set_name: string;
  set_version: string;
  near_radius: number;
  md5: string | null;
  sha1: string | null;
  sha256: string | null;
  pdq: string | null;
  category: string | null;
  scheme: string | null;
  series: string | null;
  victim_identified: boolean | null;
};

const SET_COLUMNS = `s.id, s.name, s.source, s.version, s.format, s.profile, s.scheme, s.owner_unit_id, u.name AS unit_name, s.visibility,
  s.near_radius, s.status, s.entries, s.skipped, s.skipped_sample, s.header, s.imported_by_name, s.imported_at, s.activated_at, s.error`;
// A set is usable by a user when it is active and national, or owned by the user's unit.
const VISIBLE = `s.status = 'active' AND (s.visibility = 'national' OR s.owner_unit_id = $UNIT)`;
const HIT_COLUMNS = `e.id, e.set_id, s.name AS set_name, s.version AS set_version, s.near_radius, e.md5, e.sha1, e.sha256, e.pdq,
  e.category, s.scheme, e.series, e.victim_identified`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** DDL cannot take parameters: partition names come only from a validated set UUID. */
function partitionName(setId: string): string {
  if (!UUID.test(setId)) throw new Error(`invalid hash-set id ${JSON.stringify(setId)}`);
  return `hash_set_entries_${setId.replace(/-/g, '')}`;
}

const sql = {
  create: `INSERT INTO hash_sets
    (name, source, version, format, owner_unit_id, visibility, near_radius, imported_by, imported_by_name, import_job_id)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
  byImportJob: 'SELECT id, status FROM hash_sets WHERE import_job_id = $1',
  copyInto: (table: string) =>
    `COPY ${table} (set_id, md5, sha1, sha256, pdq, photodna, category, series, victim_identified, media_id, raw) FROM STDIN`,
  finish: `UPDATE hash_sets SET entries = $2, skipped = $3, skipped_sample = $4, header = $5, profile = $6, scheme = $7 WHERE id = $1`,
  // Only the importer's own set: same owning unit, visibility and name (another unit's set of that name stays).
  supersede: `UPDATE hash_sets SET status = 'superseded'
    WHERE owner_unit_id = $1 AND visibility = $2 AND name = $3 AND status = 'active' AND id <> $4 RETURNING id`,
  // Serialises swaps of one set (unit, visibility, name) until commit, so two imports of it cannot race.
  lockSetName: 'SELECT pg_advisory_xact_lock(727010, hashtext($1))',
  activate: "UPDATE hash_sets SET status = 'active', activated_at = now() WHERE id = $1",
  fail: "UPDATE hash_sets SET status = 'failed', error = $2 WHERE id = $1 AND status = 'importing'",
  byId: `SELECT ${SET_COLUMNS} FROM hash_sets s JOIN units u ON u.id = s.owner_unit_id WHERE s.id = $1`,
  list: `SELECT ${SET_COLUMNS} FROM hash_sets s JOIN units u ON u.id = s.owner_unit_id
    WHERE s.status IN ('active', 'importing', 'failed') ORDER BY s.name, s.imported_at DESC`,
  exactHits: `SELECT ${HIT_COLUMNS} FROM hash_set_entries e JOIN hash_sets s ON s.id = e.set_id
    WHERE ${VISIBLE.replace('$UNIT', '$4')} AND (e.md5 = $1 OR e.sha1 = $2 OR e.sha256 = $3)`,
  // The final filter after the in-memory index: only entries of sets that are active right now count.
  activeEntries: `SELECT ${HIT_COLUMNS} FROM hash_set_entries e JOIN hash_sets s ON s.id = e.set_id
    WHERE e.id = ANY($1) AND ${VISIBLE.replace('$UNIT', '$2')}`,
  pdqPage: `SELECT e.id, e.pdq FROM hash_set_entries e JOIN hash_sets s ON s.id = e.set_id
    WHERE s.status = 'active' AND e.pdq IS NOT NULL AND e.id > $1 ORDER BY e.id LIMIT $2`,
  pdqOfSet:
    'SELECT id, pdq FROM hash_set_entries WHERE set_id = $1 AND pdq IS NOT NULL AND id > $2 ORDER BY id LIMIT $3',
  activatedSince: "SELECT id FROM hash_sets WHERE status = 'active' AND activated_at > $1 ORDER BY activated_at",
  maxActiveRadius: "SELECT max(near_radius) AS r FROM hash_sets WHERE status = 'active'",
  exactBlobsForSet: `SELECT DISTINCT b.sha256 FROM hash_set_entries e JOIN blobs b
    ON (e.md5 IS NOT NULL AND b.md5 = e.md5) OR (e.sha1 IS NOT NULL AND b.sha1 = e.sha1) OR (e.sha256 IS NOT NULL AND b.sha256 = e.sha256)
    WHERE e.set_id = $1`,
};

/** What a finished load records on its set version. */
type SetFinish = {
  entries: number;
  skipped: number;
  sample: unknown;
  header: unknown;
  profile: string | null;
  scheme: string | null;
};

const createParams = (s: NewHashSet) => [
  s.name,
  s.source,
  s.version,
  s.format,
  s.unitId,
  s.visibility,
  s.radius,
  s.by,
  s.byName,
  s.importJobId,
];

/** One COPY row, in the column order of `sql.copyInto`. */
const entryRow = (setId: string, r: EntryInsert) => [
  setId,
  r.md5,
  r.sha1,
  r.sha256,
  r.pdq,
  r.photodna,
  r.category,
  r.series,
  r.victimIdentified,
  r.mediaId,
  r.raw === null || r.raw === undefined ? null : JSON.stringify(r.raw),
];

export const hashSetsRepo = (db: Queryable) => ({
  create: async (s: NewHashSet) => (await one<{ id: string }>(db, sql.create, createParams(s)))!.id,
  /** The set version an import made, if it got that far (a retried import reloads it). */
  byImportJob: (jobId: string) => one<{ id: string; status: HashSetRow['status'] }>(db, sql.byImportJob, [jobId]),
  /** A loading table for one set version: no indexes yet, so COPY runs at full speed. */
  createPartition: async (setId: string) => {
    const table = partitionName(setId);
    await db.query(`CREATE TABLE ${table} (LIKE hash_set_entries INCLUDING DEFAULTS INCLUDING CONSTRAINTS)`);
    // The check lets ATTACH skip scanning the table to prove every row belongs to this set.
    await db.query(`ALTER TABLE ${table} ADD CONSTRAINT ${table}_set CHECK (set_id = '${setId}'::uuid)`);
  },
  copyEntries: (client: PoolClient, setId: string, rows: EntryInsert[]) =>
    copyRows(
      client,
      sql.copyInto(partitionName(setId)),
      rows.map((r) => entryRow(setId, r)),
    ),
  /** Attaching builds the partition's indexes in bulk (sorted), far faster than row-by-row upkeep. */
  attachPartition: (setId: string) =>
    db.query(`ALTER TABLE hash_set_entries ATTACH PARTITION ${partitionName(setId)} FOR VALUES IN ('${setId}')`),
  dropPartition: (setId: string) => db.query(`DROP TABLE IF EXISTS ${partitionName(setId)}`),
  finish: (id: string, f: SetFinish) =>
    exec(db, sql.finish, [
      id,
      f.entries,
      f.skipped,
      JSON.stringify(f.sample),
      JSON.stringify(f.header),
      f.profile,
      f.scheme,
    ]),
  supersede: async (s: { unitId: number; visibility: string; name: string; keep: string }) =>
    (await many<{ id: string }>(db, sql.supersede, [s.unitId, s.visibility, s.name, s.keep])).map((r) => r.id),
  lockSetName: (s: { unitId: number; visibility: string; name: string }) =>
    db.query(sql.lockSetName, [`${s.unitId}/${s.visibility}/${s.name}`]),
  activate: (id: string) => exec(db, sql.activate, [id]),
  fail: (id: string, error: string) => exec(db, sql.fail, [id, error]),
  byId: (id: string) => one<HashSetRow>(db, sql.byId, [id]),
  list: () => many<HashSetRow>(db, sql.list),
  exactHits: (h: { md5: string | null; sha1: string | null; sha256: string | null }, unitId: number) =>
    many<EntryHit>(db, sql.exactHits, [h.md5, h.sha1, h.sha256, unitId]),
  activeEntries: (ids: number[], unitId: number) => many<EntryHit>(db, sql.activeEntries, [ids, unitId]),
  pdqPage: (afterId: number, limit: number) => many<{ id: number; pdq: string }>(db, sql.pdqPage, [afterId, limit]),
  pdqOfSet: (setId: string, afterId: number, limit: number) =>
    many<{ id: number; pdq: string }>(db, sql.pdqOfSet, [setId, afterId, limit]),
  maxActiveRadius: async () => (await one<{ r: number | null }>(db, sql.maxActiveRadius))?.r ?? null,
  activatedSince: async (since: Date) => (await many<{ id: string }>(db, sql.activatedSince, [since])).map((r) => r.id),
  exactBlobsForSet: async (setId: string) =>
    (await many<{ sha256: string }>(db, sql.exactBlobsForSet, [setId])).map((r) => r.sha256),
});
