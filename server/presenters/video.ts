// A video (migration 017): row, frames and shares → the API shape of GET …/video.
import type { VideoRow } from '../../storage/repositories/videos.repository.ts';
import type { VideoDetail } from '../schemas/video.ts';

type ShareRow = { a_sha256: string; b_sha256: string; a_share: number; b_share: number };

/** `row` null: the video still waits for its stage (status 'pending'). Shares are turned to face this video. */
export const presentVideo = (
  sha256: string,
  row: VideoRow | null,
  frames: VideoDetail['frames'],
  shares: ShareRow[],
): VideoDetail => ({
  sha256,
  status: row?.status ?? 'pending',
  durationSeconds: row?.duration_seconds ?? null,
  width: row?.width ?? null,
  height: row?.height ?? null,
  codec: row?.codec ?? null,
  fps: row?.fps ?? null,
  frames,
  stripCount: row?.strip_count ?? 0,
  error: row?.video_error ?? null,
  alike: shares.map((s) =>
    s.a_sha256 === sha256
      ? { sha256: s.b_sha256, share: s.a_share, otherShare: s.b_share }
      : { sha256: s.a_sha256, share: s.b_share, otherShare: s.a_share },
  ),
});
