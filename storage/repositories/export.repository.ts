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

const sql = {
  mediaPage: `SELECT b.id, b.sha256, b.md5, b.sha1, b.size, b.mime, b.pdq, cm.category, cm.scheme, cm.series,
      cm.victim_identified, array_agg(i.source_path ORDER BY i.id) AS paths
    FROM items i JOIN blobs b ON b.sha256 = i.blob_sha256
    LEFT JOIN case_media cm ON cm.case_id = i.case_id AND cm.blob_sha256 = b.sha256
    WHERE i.case_id = $1 AND b.id > $2
    GROUP BY b.sha256, cm.category, cm.scheme, cm.series, cm.victim_identified ORDER BY b.id LIMIT $3`,
};

export const exportRepo = (db: Queryable) => ({
  /** The case's content after `afterId`, in blob-id order (keyset pagination). */
  mediaPage: (caseId: string, afterId: number, limit: number) =>
    many<ExportMediaRow>(db, sql.mediaPage, [caseId, afterId, limit]),
});
