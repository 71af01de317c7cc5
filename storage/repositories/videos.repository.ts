// Videos (migration 017): what ffmpeg learnt of each video blob, its frame hashes, and frame shares between videos.
import { exec, many, one, type Queryable } from '../db.ts';

export type VideoRow = {
  sha256: string;
  blob_id: number;
  status: 'done' | 'error';
  duration_seconds: number | null;
  width: number | null;
  height: number | null;
  codec: string | null;
  fps: number | null;
  frame_count: number;
  strip_count: number;
  video_error: string | null;
};

export type VideoResult = Omit<VideoRow, 'blob_id' | 'frame_count'> & {
  frames: Array<{ t: number; pdq: string; quality: number }>;
  hasThumbnail: boolean;
};

export type FrameShare = { aSha256: string; bSha256: string; aShare: number; bShare: number };

const VIDEO_BLOB = "b.mime LIKE 'video/%' AND b.status = 'done'";

const sql = {
  // The video blobs of a batch that still wait for their frames (the job's idempotency check).
  unprocessed: `SELECT b.sha256, b.id, b.size FROM blobs b WHERE b.sha256 = ANY($1) AND ${VIDEO_BLOB}
    AND NOT EXISTS (SELECT 1 FROM blob_videos v WHERE v.sha256 = b.sha256)`,
  insertVideo: `INSERT INTO blob_videos (sha256, blob_id, status, duration_seconds, width, height, codec, fps,
      frame_count, strip_count, video_error)
    SELECT b.sha256, b.id, $2, $3, $4, $5, $6, $7, $8, $9, $10 FROM blobs b WHERE b.sha256 = $1
    ON CONFLICT (sha256) DO NOTHING`,
  insertFrames: `INSERT INTO video_frames (sha256, blob_id, ordinal, t, pdq, quality)
    SELECT $1, (SELECT id FROM blobs WHERE sha256 = $1), * FROM unnest($2::int[], $3::float8[], $4::text[], $5::int[])
    ON CONFLICT (sha256, ordinal) DO NOTHING`,
  // The grid shows a video like an image: its size, its tile (a frame) and any reason it could not be decoded.
  markBlob: `UPDATE blobs SET width = coalesce($2, width), height = coalesce($3, height),
    has_thumbnail = has_thumbnail OR $4, decode_error = coalesce($5, decode_error) WHERE sha256 = $1`,
  bySha: 'SELECT * FROM blob_videos WHERE sha256 = ANY($1)',
  framesOf: 'SELECT t, pdq, quality FROM video_frames WHERE sha256 = $1 ORDER BY ordinal',
  // Usable frame hashes per video (quality as for images), for grouping and matching.
  usableFrames: `SELECT v.blob_id AS id, v.sha256,
      coalesce(array_agg(f.pdq ORDER BY f.ordinal) FILTER (WHERE f.quality >= $2), '{}') AS frames
    FROM blob_videos v LEFT JOIN video_frames f ON f.sha256 = v.sha256
    WHERE v.sha256 = ANY($1) GROUP BY v.blob_id, v.sha256`,
  videosInCase: `SELECT DISTINCT i.blob_sha256 AS sha256 FROM items i JOIN blob_videos v ON v.sha256 = i.blob_sha256
    WHERE i.case_id = $1 AND v.status = 'done' AND v.frame_count > 0`,
  // The sweep: videos whose stage was never queued or whose job was lost (re-queueing is harmless: stately queue).
  stalled: `SELECT b.sha256 FROM blobs b WHERE ${VIDEO_BLOB} AND b.processed_at < now() - interval '30 minutes'
    AND NOT EXISTS (SELECT 1 FROM blob_videos v WHERE v.sha256 = b.sha256) LIMIT 1000`,
  framePage: `SELECT id, blob_id, sha256, pdq FROM video_frames WHERE id > $1 AND quality >= $2 ORDER BY id LIMIT $3`,
  // Still waiting: not decoded yet, or decoded with frames but not grouped in the evidence's case yet.
  waitingInEvidence: `SELECT count(DISTINCT b.sha256)::int AS n FROM items i JOIN blobs b ON b.sha256 = i.blob_sha256
    LEFT JOIN blob_videos v ON v.sha256 = b.sha256
    WHERE i.evidence_id = $1 AND ${VIDEO_BLOB} AND (v.sha256 IS NULL OR (v.status = 'done' AND v.frame_count > 0
      AND NOT EXISTS (SELECT 1 FROM case_near_groups g WHERE g.case_id = i.case_id AND g.blob_sha256 = b.sha256)))`,
  saveShares: `INSERT INTO video_frame_shares (a_sha256, b_sha256, a_share, b_share)
    SELECT * FROM unnest($1::text[], $2::text[], $3::real[], $4::real[])
    ON CONFLICT (a_sha256, b_sha256) DO UPDATE SET a_share = excluded.a_share, b_share = excluded.b_share,
      computed_at = now()`,
  // Shares with the videos of one case only: what the case's members may see.
  sharesInCase: `SELECT s.a_sha256, s.b_sha256, s.a_share, s.b_share FROM video_frame_shares s
    WHERE (s.a_sha256 = $2 OR s.b_sha256 = $2)
      AND EXISTS (SELECT 1 FROM items i WHERE i.case_id = $1
        AND i.blob_sha256 = CASE WHEN s.a_sha256 = $2 THEN s.b_sha256 ELSE s.a_sha256 END)`,
};

export const videosRepo = (db: Queryable) => ({
  unprocessed: (shas: string[]) => many<{ sha256: string; id: number; size: number }>(db, sql.unprocessed, [shas]),
  /** Records a video's result once (a re-run finds the row and writes nothing). */
  async save(r: VideoResult): Promise<void> {
    const values = [r.duration_seconds, r.width, r.height, r.codec, r.fps, r.frames.length, r.strip_count];
    const inserted = await exec(db, sql.insertVideo, [r.sha256, r.status, ...values, r.video_error]);
    if (inserted === 0) return;
    const f = r.frames;
    await exec(db, sql.insertFrames, [
      r.sha256,
      f.map((_, i) => i),
      f.map((x) => x.t),
      f.map((x) => x.pdq),
      f.map((x) => x.quality),
    ]);
    await exec(db, sql.markBlob, [r.sha256, r.width, r.height, r.hasThumbnail, r.video_error]);
  },
  bySha: (shas: string[]) => many<VideoRow>(db, sql.bySha, [shas]),
  framesOf: (sha256: string) => many<{ t: number; pdq: string; quality: number }>(db, sql.framesOf, [sha256]),
  usableFrames: (shas: string[], minQuality: number) =>
    many<{ id: number; sha256: string; frames: string[] }>(db, sql.usableFrames, [shas, minQuality]),
  videosInCase: async (caseId: string) =>
    (await many<{ sha256: string }>(db, sql.videosInCase, [caseId])).map((r) => r.sha256),
  stalled: () => many<{ sha256: string }>(db, sql.stalled, []),
  framePage: (afterId: number, minQuality: number, limit: number) =>
    many<{ id: number; blob_id: number; sha256: string; pdq: string }>(db, sql.framePage, [afterId, minQuality, limit]),
  waitingInEvidence: async (evidenceId: string) =>
    (await one<{ n: number }>(db, sql.waitingInEvidence, [evidenceId]))!.n,
  saveShares: (rows: FrameShare[]) =>
    exec(db, sql.saveShares, [
      rows.map((r) => r.aSha256),
      rows.map((r) => r.bSha256),
      rows.map((r) => r.aShare),
      rows.map((r) => r.bShare),
    ]),
  sharesInCase: (caseId: string, sha256: string) =>
    many<{ a_sha256: string; b_sha256: string; a_share: number; b_share: number }>(db, sql.sharesInCase, [
      caseId,
      sha256,
    ]),
});
