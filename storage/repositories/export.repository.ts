import { many, type Queryable } from '../db.ts';

/** One unique piece of content of a case as an export lists it: hashes, every path, its category. */
export type ExportMediaRow = {
  id: number;
  sha256: string;
  md5: string;
  sha1: string;
  size: number;
  mime: string | null;
  pdq: string | null;
  category: string | null;
  scheme: string | null;
  series: string | null;
  victim_identified: boolean | null;
  paths: string[];
};

/** How many items of a case hold one stored category (scheme and value). */
export type CategoryCountRow = { scheme: string; category: string; n: number };

const sql = {
  // Series and VictimIdentified come from the case's own series and victims (identified when any victim the content
  // is attached to is), else from case_media, else from the closest active hash-set entry that matched: matching
  // records them only with a category, and an uncategorised set entry still knows its series.
  mediaPage: `WITH page AS (
      SELECT b.id, b.sha256, b.md5, b.sha1, b.size, b.mime, b.pdq, array_agg(i.source_path ORDER BY i.id) AS paths
      FROM items i JOIN blobs b ON b.sha256 = i.blob_sha256
      WHERE i.case_id = $1 AND b.id > $2
      GROUP BY b.sha256 ORDER BY b.id LIMIT $3)
    SELECT p.id, p.sha256, p.md5, p.sha1, p.size, p.mime, p.pdq, cm.category, cm.scheme,
      coalesce(sj.series, cm.series, k.series) AS series,
      coalesce(sj.victim_identified, cm.victim_identified, k.victim_identified) AS victim_identified, p.paths
    FROM page p
    LEFT JOIN LATERAL (
      SELECT string_agg(s.label, '; ' ORDER BY s.label) FILTER (WHERE s.kind = 'series') AS series,
        bool_or(s.identified) FILTER (WHERE s.kind = 'victim') AS victim_identified
      FROM case_subject_media sm JOIN case_subjects s ON s.id = sm.subject_id
      WHERE sm.blob_sha256 = p.sha256 AND s.case_id = $1) sj ON true
    LEFT JOIN case_media cm ON cm.case_id = $1 AND cm.blob_sha256 = p.sha256
    LEFT JOIN LATERAL (
      SELECT e.series, e.victim_identified FROM matches m
      JOIN hash_sets s ON s.id = m.hash_set_id AND s.status = 'active'
      JOIN hash_set_entries e ON e.set_id = m.hash_set_id AND e.id = m.entry_id
      WHERE m.case_id = $1 AND m.blob_sha256 = p.sha256 AND m.target_type = 'hashset'
        AND (e.series IS NOT NULL OR e.victim_identified IS NOT NULL)
      ORDER BY m.distance, e.id LIMIT 1) k ON true
    ORDER BY p.id`,
  categoryCounts: `SELECT cm.scheme, cm.category, count(*)::int AS n FROM case_media cm
    WHERE cm.case_id = $1 AND cm.category IS NOT NULL
      AND EXISTS (SELECT 1 FROM items i WHERE i.case_id = cm.case_id AND i.blob_sha256 = cm.blob_sha256)
    GROUP BY cm.scheme, cm.category`,
};

export const exportRepo = (db: Queryable) => ({
  /** The case's content after `afterId`, in blob-id order (keyset pagination). */
  mediaPage: (caseId: string, afterId: number, limit: number) =>
    many<ExportMediaRow>(db, sql.mediaPage, [caseId, afterId, limit]),
  /** The case's stored categories per scheme and value, for an export's summary before it is written. */
  categoryCounts: (caseId: string) => many<CategoryCountRow>(db, sql.categoryCounts, [caseId]),
});
