// Meldingen (reports): the row, its need-to-know listing and its extraction status (011_reports.sql).
import { exec, many, one, type Queryable } from '../db.ts';

export type ReportStatus = 'pending' | 'extracting' | 'done' | 'failed';
export type Offence = 'sextortion' | 'grooming' | 'misbruik-beeldmateriaal' | 'other';

export type ReportRow = {
  id: string;
  unit_id: number;
  unit_name: string;
  unit_code: string;
  number: string;
  received: string;
  offence: Offence | null;
  victim_minor: boolean;
  aangifte: boolean;
  body: string;
  body_sha256: string;
  created_by: string | null;
  created_by_name: string;
  created_at: Date;
  status: ReportStatus;
  error: { nl: string; en: string } | null;
  extracted_at: Date | null;
  cluster_id: number | null;
};

/** A listing row: everything but the text, plus how many attachments and selectors it has. */
export type ReportListRow = Omit<ReportRow, 'body'> & { attachments: number; selectors: number };

export type NewReport = {
  unitId: number;
  number: string;
  received: string;
  offence: Offence | null;
  victimMinor: boolean;
  aangifte: boolean;
  body: string;
  bodySha256: string;
  createdBy: string | null;
  createdByName: string;
};

export type ReportFilter = {
  /** null: every unit (administrators only). */
  unitIds: number[] | null;
  status: ReportStatus | null;
  offence: Offence | null;
  from: string | null;
  to: string | null;
  offset: number;
  limit: number;
};

// received is a date: as text, so it never shifts a day through a time zone.
const COLUMNS = `r.id, r.unit_id, un.name AS unit_name, un.code AS unit_code, r.number, r.received::text AS received,
  r.offence, r.victim_minor, r.aangifte, r.created_by, r.created_by_name, r.created_at, r.status, r.error,
  r.extracted_at, r.cluster_id, r.body_sha256`;

const sql = {
  insert: `INSERT INTO reports (unit_id, number, received, offence, victim_minor, aangifte, body, body_sha256,
      created_by, created_by_name)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (unit_id, number) DO NOTHING RETURNING id`,
  byId: `SELECT ${COLUMNS}, r.body FROM reports r JOIN units un ON un.id = r.unit_id WHERE r.id = $1`,
  byUnitAndNumber: `SELECT ${COLUMNS}, r.body FROM reports r JOIN units un ON un.id = r.unit_id
    WHERE r.unit_id = $1 AND r.number = $2`,
  // Newest received first; the id breaks ties so pages never repeat or skip a row.
  list: `SELECT ${COLUMNS},
      (SELECT count(*)::int FROM report_attachments a WHERE a.report_id = r.id) AS attachments,
      (SELECT count(*)::int FROM selector_occurrences o WHERE o.report_id = r.id) AS selectors
    FROM reports r JOIN units un ON un.id = r.unit_id
    WHERE ($1::int[] IS NULL OR r.unit_id = ANY($1)) AND ($2::text IS NULL OR r.status = $2)
      AND ($3::text IS NULL OR r.offence = $3) AND ($4::date IS NULL OR r.received >= $4)
      AND ($5::date IS NULL OR r.received <= $5)
    ORDER BY r.received DESC, r.id LIMIT $6 OFFSET $7`,
  // Locks the row so attachments get consecutive ordinals under concurrent uploads.
  lock: 'SELECT id FROM reports WHERE id = $1 FOR UPDATE',
  markPending: "UPDATE reports SET status = 'pending', error = NULL WHERE id = $1",
  markExtracting: "UPDATE reports SET status = 'extracting' WHERE id = $1 AND status IN ('pending', 'extracting')",
  // Only a run that is still current finishes: an upload meanwhile set 'pending' for the next run.
  markDone: `UPDATE reports SET status = 'done', error = NULL, extracted_at = now()
    WHERE id = $1 AND status = 'extracting'`,
  markFailed: "UPDATE reports SET status = 'failed', error = $2 WHERE id = $1 AND status <> 'done'",
  unfinished: `SELECT count(*)::int AS n FROM reports WHERE id = ANY($1::uuid[]) AND status IN ('pending', 'extracting')`,
  selectorCount: 'SELECT count(*)::int AS n FROM selector_occurrences WHERE report_id = ANY($1::uuid[])',
};

export const reportsRepo = (db: Queryable) => ({
  /** The new id, or null when the unit already has a melding with this number. */
  insert: async (r: NewReport) =>
    (
      await one<{ id: string }>(db, sql.insert, [
        r.unitId,
        r.number,
        r.received,
        r.offence,
        r.victimMinor,
        r.aangifte,
        r.body,
        r.bodySha256,
        r.createdBy,
        r.createdByName,
      ])
    )?.id ?? null,
  byId: (id: string) => one<ReportRow>(db, sql.byId, [id]),
  byUnitAndNumber: (unitId: number, number: string) => one<ReportRow>(db, sql.byUnitAndNumber, [unitId, number]),
  list: (f: ReportFilter) =>
    many<ReportListRow>(db, sql.list, [f.unitIds, f.status, f.offence, f.from, f.to, f.limit, f.offset]),
  lock: (id: string) => exec(db, sql.lock, [id]),
  markPending: (id: string) => exec(db, sql.markPending, [id]),
  /** False when the melding is done already (or failed for good): nothing to extract. */
  markExtracting: async (id: string) => (await exec(db, sql.markExtracting, [id])) > 0,
  markDone: (id: string) => exec(db, sql.markDone, [id]),
  markFailed: (id: string, error: { nl: string; en: string }) => exec(db, sql.markFailed, [id, error]),
  unfinishedCount: async (ids: string[]) => (await one<{ n: number }>(db, sql.unfinished, [ids]))!.n,
  selectorCount: async (ids: string[]) => (await one<{ n: number }>(db, sql.selectorCount, [ids]))!.n,
});
