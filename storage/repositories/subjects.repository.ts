import { exec, many, one, type Queryable } from '../db.ts';

export type SubjectKind = 'victim' | 'series';

/** A victim or a series of a case, with the content attached to it (in the order it was attached). */
export type SubjectRow = {
  id: string;
  case_id: string;
  kind: SubjectKind;
  label: string;
  description: string | null;
  identified: boolean;
  created_at: Date;
  shas: string[];
};

/** A subject some content of a case is attached to (the grid detail lists them). */
export type SubjectRef = { id: string; kind: SubjectKind; label: string; identified: boolean };

const withMedia = `SELECT s.id, s.case_id, s.kind, s.label, s.description, s.identified, s.created_at,
    coalesce(array_agg(m.blob_sha256 ORDER BY m.attached_at, m.blob_sha256) FILTER (WHERE m.blob_sha256 IS NOT NULL),
      '{}') AS shas
  FROM case_subjects s LEFT JOIN case_subject_media m ON m.subject_id = s.id`;

const sql = {
  list: `${withMedia} WHERE s.case_id = $1 AND s.kind = $2 GROUP BY s.id ORDER BY s.label, s.id`,
  byId: `${withMedia} WHERE s.case_id = $1 AND s.kind = $2 AND s.id = $3 GROUP BY s.id`,
  byLabel: 'SELECT id FROM case_subjects WHERE case_id = $1 AND kind = $2 AND label = $3',
  insert: `INSERT INTO case_subjects (case_id, kind, label, description, identified, created_by)
    VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
  update: `UPDATE case_subjects SET label = coalesce($4, label), description = CASE WHEN $5 THEN $6 ELSE description END,
      identified = coalesce($7, identified)
    WHERE case_id = $1 AND kind = $2 AND id = $3`,
  remove: 'DELETE FROM case_subjects WHERE case_id = $1 AND id = $2',
  // Content counts as part of the case while one of its files is; the rest is reported back, not attached.
  inCase: 'SELECT DISTINCT blob_sha256 AS sha256 FROM items WHERE case_id = $1 AND blob_sha256 = ANY($2::text[])',
  attach: `INSERT INTO case_subject_media (subject_id, blob_sha256, attached_by)
    SELECT $1, s, $3 FROM unnest($2::text[]) s ON CONFLICT DO NOTHING RETURNING blob_sha256 AS sha256`,
  detach: `DELETE FROM case_subject_media WHERE subject_id = $1 AND blob_sha256 = ANY($2::text[])
    RETURNING blob_sha256 AS sha256`,
  forMedia: `SELECT s.id, s.kind, s.label, s.identified FROM case_subjects s
    JOIN case_subject_media m ON m.subject_id = s.id
    WHERE s.case_id = $1 AND m.blob_sha256 = $2 ORDER BY s.kind, s.label`,
};

export const subjectsRepo = (db: Queryable) => ({
  list: (caseId: string, kind: SubjectKind) => many<SubjectRow>(db, sql.list, [caseId, kind]),
  byId: (caseId: string, kind: SubjectKind, id: string) => one<SubjectRow>(db, sql.byId, [caseId, kind, id]),
  labelTaken: async (caseId: string, kind: SubjectKind, label: string) =>
    (await one(db, sql.byLabel, [caseId, kind, label])) !== null,
  insert: async (s: {
    caseId: string;
    kind: SubjectKind;
    label: string;
    description: string | null;
    identified: boolean;
    by: string | null;
  }) => (await one<{ id: string }>(db, sql.insert, [s.caseId, s.kind, s.label, s.description, s.identified, s.by]))!.id,
  /** Changes only what is given; `description: null` clears it. */
  update: (
    caseId: string,
    kind: SubjectKind,
    id: string,
    p: { label?: string; description?: string | null; identified?: boolean },
  ) =>
    exec(db, sql.update, [
      caseId,
      kind,
      id,
      p.label ?? null,
      p.description !== undefined,
      p.description ?? null,
      p.identified ?? null,
    ]),
  remove: (caseId: string, id: string) => exec(db, sql.remove, [caseId, id]),
  inCase: async (caseId: string, shas: string[]) =>
    (await many<{ sha256: string }>(db, sql.inCase, [caseId, shas])).map((r) => r.sha256),
  attach: async (subjectId: string, shas: string[], by: string | null) =>
    (await many<{ sha256: string }>(db, sql.attach, [subjectId, shas, by])).map((r) => r.sha256),
  detach: async (subjectId: string, shas: string[]) =>
    (await many<{ sha256: string }>(db, sql.detach, [subjectId, shas])).map((r) => r.sha256),
  forMedia: (caseId: string, sha: string) => many<SubjectRef>(db, sql.forMedia, [caseId, sha]),
});
