import { exec, many, one, type Queryable } from '../db.ts';

export type ClueNoteRow = {
  id: number;
  blob_sha256: string;
  x: number;
  y: number;
  w: number;
  h: number;
  text: string;
  created_by_name: string;
  created_at: Date;
};

export type NewClueNote = {
  caseId: string;
  sha256: string;
  box: { x: number; y: number; w: number; h: number };
  text: string;
  by: string | null;
  byName: string;
};

const columns = 'id, blob_sha256, x, y, w, h, text, created_by_name, created_at';

const sql = {
  list: `SELECT ${columns} FROM clue_notes WHERE case_id = $1 AND ($2::text IS NULL OR blob_sha256 = $2)
    ORDER BY id LIMIT $3`,
  insert: `INSERT INTO clue_notes (case_id, blob_sha256, x, y, w, h, text, created_by, created_by_name)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${columns}`,
  remove: 'DELETE FROM clue_notes WHERE case_id = $1 AND id = $2',
};

export const clueNotesRepo = (db: Queryable) => ({
  list: (caseId: string, sha256: string | null, limit: number) =>
    many<ClueNoteRow>(db, sql.list, [caseId, sha256, limit]),
  insert: async (n: NewClueNote) =>
    (await one<ClueNoteRow>(db, sql.insert, [
      n.caseId,
      n.sha256,
      n.box.x,
      n.box.y,
      n.box.w,
      n.box.h,
      n.text,
      n.by,
      n.byName,
    ]))!,
  remove: (caseId: string, id: number) => exec(db, sql.remove, [caseId, id]),
});
