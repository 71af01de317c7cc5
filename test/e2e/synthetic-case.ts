// Fills a case with N synthetic items straight in SQL (random hashes, no files, no thumbnails), for
// measuring the grid at 10k–1M items. Every 50th content starts a near group of 5; every 20th is duplicated.
// The grid's projection then catches up as after an ingest: the tables' triggers marked the rows, a drain reads them.
import type { Queryable } from '../../storage/db.ts';
import { mediaProjectionRepo } from '../../storage/repositories/media-projection.repository.ts';

const sql = {
  evidence: `INSERT INTO evidence (case_id, object_key, sha256, size, original_name, uploaded_by_name, status, unpacked_at)
    VALUES ($1::uuid, 'evidence/synthetic', encode(sha256(convert_to($1::uuid::text || $2::text, 'UTF8')), 'hex'), 0, $2, 'synthetic', 'unpacked', now())
    RETURNING id`,
  blobs: `INSERT INTO blobs (sha256, md5, sha1, size, status, mime, is_image, width, height, has_thumbnail, exif, processed_at)
    SELECT encode(sha256(convert_to($1 || ':' || g, 'UTF8')), 'hex'), md5($1 || ':' || g),
      left(encode(sha256(convert_to('sha1:' || $1 || g, 'UTF8')), 'hex'), 40), 1000 + g, 'done',
      CASE WHEN g % 7 = 0 THEN 'image/png' ELSE 'image/jpeg' END, true, 640, 480, false,
      CASE WHEN g % 10 = 0 THEN jsonb_build_object('make', 'Synthcam', 'model', 'S-' || (g % 3),
        'dateTimeOriginal', to_char(timestamptz '2019-01-01 00:00:00+00' + g * interval '1 hour', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) END, now()
    FROM generate_series(1, $2::int) g ON CONFLICT DO NOTHING`,
  items: `INSERT INTO items (case_id, evidence_id, ordinal, blob_sha256, source_path, file_name, mtime, depth)
    SELECT $1, $2, n, encode(sha256(convert_to($3 || ':' || g, 'UTF8')), 'hex'),
      'synthetic.zip!/dir' || lpad((g % 100)::text, 3, '0') || '/img' || lpad(n::text, 7, '0') || '.jpg',
      'img' || lpad(n::text, 7, '0') || '.jpg', timestamptz '2020-01-01 00:00:00+00' + n * interval '1 minute', 1
    FROM (SELECT g, g AS n FROM generate_series(1, $4::int) g
          UNION ALL SELECT g, $4::int + g FROM generate_series(20, $4::int, 20) g) s`,
  groups: `INSERT INTO case_near_groups (case_id, blob_sha256, group_id)
    SELECT $1, encode(sha256(convert_to($2 || ':' || g, 'UTF8')), 'hex'), 1000000 + g / 50
    FROM generate_series(1, $3::int) g WHERE g % 50 < 5`,
};

/** Adds `count` synthetic contents (plus count/20 duplicate files) to the case; returns the number of items. */
export async function seedSyntheticCase(db: Queryable, caseId: string, count: number): Promise<number> {
  const seed = `${caseId}:${count}`;
  const evidenceId = (await db.query(sql.evidence, [caseId, `synthetic-${count}.zip`])).rows[0].id as string;
  await db.query(sql.blobs, [seed, count]);
  const items = (await db.query(sql.items, [caseId, evidenceId, seed, count])).rowCount ?? 0;
  await db.query(sql.groups, [caseId, seed, count]);
  await mediaProjectionRepo(db).drain(caseId);
  // What autovacuum does shortly after a bulk load: statistics, and the drained marks cleared from their index.
  await db.query('ANALYZE items; ANALYZE blobs; ANALYZE case_near_groups');
  await db.query('VACUUM (ANALYZE) media_projection, media_projection_dirty');
  return items;
}
