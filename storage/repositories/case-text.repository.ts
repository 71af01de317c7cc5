// Text in case media: the OCR stage's per-content verdicts (content_text), the per-case stamps and full-text
// vectors (case_text, Dutch and English), and the searches over them (014_case_media_text.sql).
import { exec, many, one, type Queryable } from '../db.ts';

export type TextStatus = 'done' | 'no-text' | 'failed';

export type ContentTextRow = {
  sha256: string;
  status: TextStatus;
  precheck: Record<string, unknown> | null;
  error: string | null;
  words: number;
  engine_version: string | null;
};

export type TextMatchRow = { sha256: string; path: string; snippet: string };
export type CaseTextProgress = { pending: number; read: number; no_text: number; failed: number };

// Both configurations: a Dutch query word and an English one each find their own stemming of the text.
const QUERY = "(websearch_to_tsquery('dutch', $Q) || websearch_to_tsquery('english', $Q))";
const query = (n: number) => QUERY.replaceAll('$Q', `$${n}`);

const UNREAD_ANY = `FROM items i JOIN blobs b ON b.sha256 = i.blob_sha256
  LEFT JOIN case_text t ON t.case_id = i.case_id AND t.sha256 = i.blob_sha256
  WHERE b.status = 'done' AND b.is_image AND b.decode_error IS NULL AND t.case_id IS NULL`;
const UNREAD = `${UNREAD_ANY} AND i.case_id = $1`;

const sql = {
  unreadInCase: `SELECT DISTINCT i.blob_sha256 AS sha256 ${UNREAD} LIMIT $2`,
  unreadCount: `SELECT count(DISTINCT i.blob_sha256)::int AS n ${UNREAD}`,
  // The sweep's view: cases with content the stage has not stamped, whose case.ocr job may have been lost.
  casesWithUnread: `SELECT DISTINCT i.case_id ${UNREAD_ANY} LIMIT $1`,
  progress: `SELECT (SELECT count(DISTINCT i.blob_sha256)::int ${UNREAD}) AS pending,
      count(*) FILTER (WHERE s.status = 'done')::int AS read, count(*) FILTER (WHERE s.status = 'no-text')::int AS no_text,
      count(*) FILTER (WHERE s.status = 'failed')::int AS failed
    FROM case_text s WHERE s.case_id = $1`,
  // Hashing comes first: while any content waits to be hashed, the OCR stage steps aside.
  ingestBusy: "SELECT EXISTS (SELECT 1 FROM blobs WHERE status = 'pending') AS busy",
  contentBySha: `SELECT sha256, status, precheck, error, words, engine_version FROM content_text WHERE sha256 = $1`,
  // The pre-check's "no text" verdicts reached while hashing: final unless the content was judged before.
  saveNoTextVerdicts: `INSERT INTO content_text (sha256, status, precheck)
    SELECT r.sha256, 'no-text', r.precheck FROM jsonb_to_recordset($1::jsonb) AS r(sha256 text, precheck jsonb)
    ON CONFLICT (sha256) DO NOTHING`,
  saveContent: `INSERT INTO content_text (sha256, status, precheck, error, words, engine_version)
    VALUES ($1, $2, $3, $4, $5, $6)
    ON CONFLICT (sha256) DO UPDATE SET status = EXCLUDED.status, precheck = EXCLUDED.precheck, error = EXCLUDED.error,
      words = EXCLUDED.words, engine_version = EXCLUDED.engine_version, checked_at = now()`,
  // The stamp and the vectors in one statement; the vectors come from the cached reading, never from the client.
  stampCase: `INSERT INTO case_text (case_id, sha256, status, tsv)
    SELECT $1, $2, $3, CASE WHEN $3 = 'done' THEN (SELECT nullif(to_tsvector('dutch', o.text)
      || to_tsvector('english', o.text), ''::tsvector) FROM ocr_results o WHERE o.sha256 = $2) END
    ON CONFLICT (case_id, sha256) DO UPDATE SET status = EXCLUDED.status, tsv = EXCLUDED.tsv`,
  // Keyset pages by content hash: stable under new readings, and each page one GIN lookup.
  search: `SELECT t.sha256,
      (SELECT min(i.source_path) FROM items i WHERE i.case_id = t.case_id AND i.blob_sha256 = t.sha256) AS path,
      ts_headline('dutch', o.text, ${query(2)}, 'MaxFragments=2, MaxWords=14, MinWords=5, StartSel=«, StopSel=»')
        AS snippet
    FROM case_text t JOIN ocr_results o ON o.sha256 = t.sha256
    WHERE t.case_id = $1 AND t.tsv @@ ${query(2)} AND t.sha256 > $3
    ORDER BY t.sha256 LIMIT $4`,
  searchCount: `SELECT count(*)::int AS n FROM case_text t WHERE t.case_id = $1 AND t.tsv @@ ${query(2)}`,
  // Every case holding the text, with how many of its contents do (the cross-case lookup).
  casesWithText: `SELECT t.case_id, count(*)::int AS n FROM case_text t WHERE t.tsv @@ ${query(1)}
    GROUP BY t.case_id ORDER BY n DESC, t.case_id LIMIT $2`,
  caseStatus: 'SELECT status FROM case_text WHERE case_id = $1 AND sha256 = $2',
  // Which of the query's words the text holds, as its own lexemes: the detail panel boxes the words that stem alike.
  lexemes: `SELECT tsvector_to_array(to_tsvector('dutch', w) || to_tsvector('english', w)) AS lexemes
    FROM unnest($1::text[]) WITH ORDINALITY AS u(w, n) ORDER BY n`,
};

export const caseTextRepo = (db: Queryable) => ({
  unreadInCase: async (caseId: string, limit: number) =>
    (await many<{ sha256: string }>(db, sql.unreadInCase, [caseId, limit])).map((r) => r.sha256),
  unreadCount: async (caseId: string) => (await one<{ n: number }>(db, sql.unreadCount, [caseId]))!.n,
  casesWithUnread: async (limit: number) =>
    (await many<{ case_id: string }>(db, sql.casesWithUnread, [limit])).map((r) => r.case_id),
  progress: async (caseId: string) => (await one<CaseTextProgress>(db, sql.progress, [caseId]))!,
  ingestBusy: async () => (await one<{ busy: boolean }>(db, sql.ingestBusy))!.busy,
  contentBySha: (sha256: string) => one<ContentTextRow>(db, sql.contentBySha, [sha256]),
  saveNoTextVerdicts: (rows: Array<{ sha256: string; precheck: Record<string, unknown> }>) =>
    exec(db, sql.saveNoTextVerdicts, [JSON.stringify(rows)]),
  saveContent: (r: ContentTextRow) =>
    exec(db, sql.saveContent, [r.sha256, r.status, r.precheck, r.error, r.words, r.engine_version]),
  stampCase: (caseId: string, sha256: string, status: TextStatus) => exec(db, sql.stampCase, [caseId, sha256, status]),
  search: (caseId: string, q: string, after: string, limit: number) =>
    many<TextMatchRow>(db, sql.search, [caseId, q, after, limit]),
  searchCount: async (caseId: string, q: string) => (await one<{ n: number }>(db, sql.searchCount, [caseId, q]))!.n,
  casesWithText: (q: string, limit: number) => many<{ case_id: string; n: number }>(db, sql.casesWithText, [q, limit]),
  caseStatus: async (caseId: string, sha256: string) =>
    (await one<{ status: TextStatus }>(db, sql.caseStatus, [caseId, sha256]))?.status ?? null,
  /** Per input text, its Dutch and English lexemes (in input order). */
  lexemes: async (texts: string[]) =>
    (await many<{ lexemes: string[] }>(db, sql.lexemes, [texts])).map((r) => r.lexemes),
});
