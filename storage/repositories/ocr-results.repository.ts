// OCR results by content (SHA-256): a screenshot attached to many meldingen is read once per engine version.
import { one, exec, type Queryable } from '../db.ts';

export type OcrBox = { x0: number; y0: number; x1: number; y1: number };
type OcrLine = { text: string; words: Array<{ text: string; confidence: number; box: OcrBox }> };

export type OcrResultRow = {
  sha256: string;
  engine_version: string;
  text: string;
  lines: OcrLine[];
  width: number | null;
  height: number | null;
};

const sql = {
  bySha: 'SELECT sha256, engine_version, text, lines, width, height FROM ocr_results WHERE sha256 = $1',
  // A newer engine's reading replaces an older one's; the same version's is kept.
  upsert: `INSERT INTO ocr_results (sha256, engine_version, text, lines, width, height)
    VALUES ($1, $2, $3, $4, $5, $6)
    ON CONFLICT (sha256) DO UPDATE SET engine_version = EXCLUDED.engine_version, text = EXCLUDED.text,
      lines = EXCLUDED.lines, width = EXCLUDED.width, height = EXCLUDED.height, created_at = now()
    WHERE ocr_results.engine_version <> EXCLUDED.engine_version`,
};

export const ocrResultsRepo = (db: Queryable) => ({
  bySha: (sha256: string) => one<OcrResultRow>(db, sql.bySha, [sha256]),
  save: (r: OcrResultRow) =>
    exec(db, sql.upsert, [r.sha256, r.engine_version, r.text, JSON.stringify(r.lines), r.width, r.height]),
});
