import { exec, many, one, type Queryable } from '../db.ts';

export type SuggestionState = 'open' | 'accepted' | 'dismissed';
type SuggestionLink = { sha256: string; otherSha256: string; kind: 'exact' | 'near'; distance: number };

/** A suggestion as its recipient (a lead of the target case) reads it, with the subject it is about. */
export type SuggestionRow = {
  id: number;
  subject_id: string;
  source_case_id: string;
  target_case_id: string;
  target_number: string;
  links: SuggestionLink[];
  link_count: number;
  state: SuggestionState;
  computed_at: Date;
  decided_at: Date | null;
  kind: 'victim' | 'series';
  label: string;
  identified: boolean;
};

// The links of each subject of a case to media in other cases: the symmetric case links that matching records
// (exact SHA-256 and near PDQ), ordered so a recompute yields the same JSON and leaves the row untouched.
const currentLinks = `SELECT s.id AS subject_id, m.other_case_id AS target_case_id, count(*)::int AS n,
    jsonb_agg(jsonb_build_object('sha256', m.blob_sha256, 'otherSha256', m.other_blob_sha256, 'kind', m.kind,
      'distance', m.distance) ORDER BY m.distance, m.blob_sha256, m.other_blob_sha256) AS links
  FROM case_subjects s
  JOIN case_subject_media sm ON sm.subject_id = s.id
  JOIN matches m ON m.case_id = s.case_id AND m.blob_sha256 = sm.blob_sha256 AND m.target_type = 'case'
  WHERE s.case_id = $1 AND m.other_case_id IS NOT NULL AND m.other_case_id <> s.case_id
  GROUP BY s.id, m.other_case_id`;

const recipient = `(tc.unit_id = $2 OR EXISTS (SELECT 1 FROM case_members cm WHERE cm.case_id = tc.id AND cm.user_id = $1))`;

const readable = `SELECT g.id, g.subject_id, g.source_case_id, g.target_case_id, tc.number AS target_number, g.links,
    g.link_count, g.state, g.computed_at, g.decided_at, s.kind, s.label, s.identified
  FROM subject_suggestions g JOIN case_subjects s ON s.id = g.subject_id JOIN cases tc ON tc.id = g.target_case_id`;

const sql = {
  lockCase: 'SELECT pg_advisory_xact_lock(727015, hashtext($1::text))',
  upsert: `INSERT INTO subject_suggestions (subject_id, source_case_id, target_case_id, links, link_count)
    SELECT l.subject_id, $1, l.target_case_id, l.links, l.n FROM (${currentLinks}) l
    ON CONFLICT (subject_id, target_case_id) DO UPDATE SET links = excluded.links, link_count = excluded.link_count,
      computed_at = now()
    WHERE subject_suggestions.links IS DISTINCT FROM excluded.links`,
  // An open suggestion whose links are gone (detached, subject deleted) goes; a decided one stays on record.
  prune: `DELETE FROM subject_suggestions g WHERE g.source_case_id = $1 AND g.state = 'open'
    AND NOT EXISTS (SELECT 1 FROM (${currentLinks}) l WHERE l.subject_id = g.subject_id
      AND l.target_case_id = g.target_case_id)`,
  forRecipient: `${readable} WHERE ${recipient} AND ($3::text IS NULL OR g.state = $3) ORDER BY g.id DESC LIMIT $4`,
  oneForRecipient: `${readable} WHERE ${recipient} AND g.id = $3`,
  decide: `UPDATE subject_suggestions SET state = $2, decided_by = $3, decided_at = now() WHERE id = $1`,
  linkedCasesWithSubjects: `SELECT DISTINCT m.other_case_id AS case_id FROM matches m
    WHERE m.case_id = $1 AND m.target_type = 'case' AND m.other_case_id IS NOT NULL
      AND EXISTS (SELECT 1 FROM case_subjects s WHERE s.case_id = m.other_case_id)`,
  hasSubjects: 'SELECT EXISTS (SELECT 1 FROM case_subjects WHERE case_id = $1) AS has',
};

export const suggestionsRepo = (db: Queryable) => ({
  /** Serialises recomputes of one case; released at commit. */
  lockCase: (caseId: string) => db.query(sql.lockCase, [caseId]),
  upsertForCase: (caseId: string) => exec(db, sql.upsert, [caseId]),
  pruneForCase: (caseId: string) => exec(db, sql.prune, [caseId]),
  /** Suggestions for the cases a lead (by id and unit) leads; `state` null for every state. */
  forRecipient: (userId: string, unitId: number, state: SuggestionState | null, limit: number) =>
    many<SuggestionRow>(db, sql.forRecipient, [userId, unitId, state, limit]),
  oneForRecipient: (userId: string, unitId: number, id: number) =>
    one<SuggestionRow>(db, sql.oneForRecipient, [userId, unitId, id]),
  decide: (id: number, state: SuggestionState, by: string | null) => exec(db, sql.decide, [id, state, by]),
  /** Other cases linked to this one that hold victims or series: their suggestions may have changed. */
  linkedCasesWithSubjects: async (caseId: string) =>
    (await many<{ case_id: string }>(db, sql.linkedCasesWithSubjects, [caseId])).map((r) => r.case_id),
  hasSubjects: async (caseId: string) => (await one<{ has: boolean }>(db, sql.hasSubjects, [caseId]))!.has,
});
