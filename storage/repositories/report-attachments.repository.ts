// A melding's attachments: evidence rows pointing at content stored unchanged under its SHA-256.
import { exec, many, one, type Queryable } from '../db.ts';

export type OcrStatus = 'pending' | 'done' | 'skipped' | 'failed';

export type AttachmentRow = {
  id: number;
  report_id: string;
  ordinal: number;
  name: string;
  sha256: string;
  size: number;
  mime: string | null;
  uploaded_by: string | null;
  uploaded_by_name: string;
  uploaded_at: Date;
  ocr_status: OcrStatus;
  ocr_error: string | null;
  /** The OCR'd image's size (forReport only), so boxes can be placed on any rendition. */
  width?: number | null;
  height?: number | null;
};

export type NewAttachment = {
  reportId: string;
  name: string;
  sha256: string;
  size: number;
  mime: string | null;
  uploadedBy: string | null;
  uploadedByName: string;
};

const sql = {
  // The next ordinal of the melding; the caller holds the melding's row lock (reportsRepo.lock).
  insert: `INSERT INTO report_attachments (report_id, ordinal, name, sha256, size, mime, uploaded_by, uploaded_by_name)
    VALUES ($1, (SELECT coalesce(max(ordinal), 0) + 1 FROM report_attachments WHERE report_id = $1),
      $2, $3, $4, $5, $6, $7)
    RETURNING id`,
  byId: 'SELECT * FROM report_attachments WHERE id = $1 AND report_id = $2',
  bySha: 'SELECT * FROM report_attachments WHERE report_id = $1 AND sha256 = $2',
  forReport: `SELECT a.*, o.width, o.height FROM report_attachments a
    LEFT JOIN ocr_results o ON o.sha256 = a.sha256 WHERE a.report_id = $1 ORDER BY a.ordinal`,
  setOcr: 'UPDATE report_attachments SET ocr_status = $2, ocr_error = $3 WHERE id = $1',
};

export const reportAttachmentsRepo = (db: Queryable) => ({
  insert: async (a: NewAttachment) =>
    (await one<{ id: number }>(db, sql.insert, [
      a.reportId,
      a.name,
      a.sha256,
      a.size,
      a.mime,
      a.uploadedBy,
      a.uploadedByName,
    ]))!.id,
  byId: (reportId: string, id: number) => one<AttachmentRow>(db, sql.byId, [id, reportId]),
  bySha: (reportId: string, sha256: string) => one<AttachmentRow>(db, sql.bySha, [reportId, sha256]),
  forReport: (reportId: string) => many<AttachmentRow>(db, sql.forReport, [reportId]),
  setOcr: (id: number, status: OcrStatus, error: string | null = null) => exec(db, sql.setOcr, [id, status, error]),
});
