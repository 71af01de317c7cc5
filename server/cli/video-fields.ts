// Video fields of the CLI: `spoor hash` on a video prints its frame hashes, `spoor items` adds what ffmpeg learnt.
import type { Pool } from '../../storage/db.ts';
import { videosRepo } from '../../storage/repositories/videos.repository.ts';
import { analyseVideo, type FrameHash } from '../../workers/video/analyse-video.ts';
import type { VideoLimits } from '../../workers/video/limits.ts';
import { VideoDecodeError } from '../../workers/video/probe.ts';

export type VideoHashFields = {
  width: number | null;
  height: number | null;
  durationSeconds: number | null;
  pdqFrames: FrameHash[];
  error: string | null;
};

/** The frame hashes of a local video, as ingest computes them (no strip, nothing stored). */
export async function hashVideoFile(file: string, limits: VideoLimits): Promise<VideoHashFields> {
  try {
    const a = await analyseVideo(file, limits, { withStrip: false });
    const { width, height, durationSeconds } = a.probe;
    return { width, height, durationSeconds, pdqFrames: a.frames, error: a.warning };
  } catch (error) {
    if (!(error instanceof VideoDecodeError)) throw error;
    return { width: null, height: null, durationSeconds: null, pdqFrames: [], error: error.message };
  }
}

export type VideoItemFields = { durationSeconds: number | null; frames: number; videoError: string | null };

/** For `spoor items`: the video fields of the videos among these contents (a page at a time). */
export async function videoItemFields(pool: Pool, shas: string[]): Promise<Map<string, VideoItemFields>> {
  const rows = shas.length ? await videosRepo(pool).bySha(shas) : [];
  return new Map(
    rows.map((r) => [
      r.sha256,
      { durationSeconds: r.duration_seconds, frames: r.frame_count, videoError: r.video_error },
    ]),
  );
}
