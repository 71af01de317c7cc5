// Where in which melding each selector was found: in the text (offsets) or on an attachment (a box).
import { exec, many, type Queryable } from '../db.ts';
import type { OcrBox } from './ocr-results.repository.ts';

type SelectorRole = 'offender' | 'unknown' | 'victim' | 'reporter';

export type OccurrenceRow = {
  id: number;
  report_id: string;
  type: string;
  value: string;
  surface: string;
  source: 'text' | 'attachment';
  attachment_id: number | null;
  start_offset: number | null;
  end_offset: number | null;
  box: OcrBox | null;
  role: SelectorRole;
  platform: string | null;
  seen_at: string | null;
  repaired: boolean;
};

export type NewOccurrence = Omit<OccurrenceRow, 'id' | 'report_id'>;

const sql = {
  deleteForReport: 'DELETE FROM selector_occurrences WHERE report_id = $1',
  // One statement for all of a melding's occurrences: column arrays, unnested row by row.
  insertMany: `INSERT INTO selector_occurrences (report_id, type, value, surface, source, attachment_id,
      start_offset, end_offset, box, role, platform, seen_at, repaired)
    SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::int[], $8::int[],
      $9::jsonb[], $10::text[], $11::text[], $12::text[], $13::boolean[])`,
  forReport: `SELECT * FROM selector_occurrences WHERE report_id = $1
    ORDER BY source DESC, attachment_id NULLS FIRST, start_offset, id`,
};

const column = <K extends keyof NewOccurrence>(rows: NewOccurrence[], key: K) => rows.map((r) => r[key]);

export const selectorOccurrencesRepo = (db: Queryable) => ({
  /** Replaces the melding's occurrences; run inside a transaction so a retry never sees half a set. */
  replaceForReport: async (reportId: string, rows: NewOccurrence[]) => {
    await exec(db, sql.deleteForReport, [reportId]);
    if (rows.length === 0) return 0;
    return exec(db, sql.insertMany, [
      reportId,
      column(rows, 'type'),
      column(rows, 'value'),
      column(rows, 'surface'),
      column(rows, 'source'),
      column(rows, 'attachment_id'),
      column(rows, 'start_offset'),
      column(rows, 'end_offset'),
      rows.map((r) => (r.box ? JSON.stringify(r.box) : null)),
      column(rows, 'role'),
      column(rows, 'platform'),
      column(rows, 'seen_at'),
      column(rows, 'repaired'),
    ]);
  },
  forReport: (reportId: string) => many<OccurrenceRow>(db, sql.forReport, [reportId]),
});
