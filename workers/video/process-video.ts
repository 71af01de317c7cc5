// video.process: a video blob's own stage after blob.process, so slow decodes never hold up image ingest. Copies
// the video into a private temp folder, analyses it (sandboxed ffmpeg), stores the strip and the grid tile, records
// the frames (or the reason there are none), then has its cases grouped and matched again with the frames.
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { inTransaction } from '../../storage/db.ts';
import type { ObjectStore } from '../../storage/object-store/index.ts';
import type { BlobResult } from '../../storage/repositories/blobs.repository.ts';
import { matchesRepo } from '../../storage/repositories/matches.repository.ts';
import { videosRepo, type VideoResult } from '../../storage/repositories/videos.repository.ts';
import { blobsRepo } from '../../storage/repositories/blobs.repository.ts';
import type { HandlerDeps, HandlerResult } from '../handlers/deps.ts';
import { renderSafeThumbnail } from '../imaging/safe-thumbnail.ts';
import { blobKey, safeThumbnailKey, thumbnailKey } from '../ingest/content-store.ts';
import { enqueue, enqueueMany } from '../jobs.ts';
import { analyseVideo, type VideoAnalysis } from './analyse-video.ts';
import type { VideoLimits } from './limits.ts';
import { VideoDecodeError } from './probe.ts';

export const stripKey = (sha256: string) => `strips/${sha256.slice(0, 2)}/${sha256}.webp`;
export const safeStripKey = (sha256: string) => `strips/${sha256.slice(0, 2)}/${sha256}.safe.webp`;

export const isVideoMime = (mime: string | null): boolean => mime !== null && mime.startsWith('video/');

/** After blob.process: one video.process job per video among the results. */
export async function requestVideoWork(deps: HandlerDeps, results: BlobResult[]): Promise<void> {
  const videos = results.filter((r) => r.status === 'done' && isVideoMime(r.mime));
  await enqueueMany(
    deps.boss,
    'video.process',
    videos.map((r) => ({ sha256: r.sha256 })),
  );
}

const failed = (sha256: string, reason: string): VideoResult => ({
  sha256,
  status: 'error',
  duration_seconds: null,
  width: null,
  height: null,
  codec: null,
  fps: null,
  strip_count: 0,
  video_error: reason,
  frames: [],
  hasThumbnail: false,
});

function resultOf(sha256: string, a: VideoAnalysis): VideoResult {
  const p = a.probe;
  const noFrames = a.frames.length === 0 ? 'no frames could be decoded' : null;
  return {
    sha256,
    status: noFrames ? 'error' : 'done',
    duration_seconds: p.durationSeconds,
    width: p.width,
    height: p.height,
    codec: p.codec,
    fps: p.fps,
    strip_count: a.strip?.count ?? 0,
    video_error: noFrames ?? a.warning,
    frames: a.frames,
    hasThumbnail: a.thumbnail !== null,
  };
}

/** The strip (both renditions) and the grid's tile, written before the row that says they exist. */
async function storePictures(store: ObjectStore, sha256: string, a: VideoAnalysis): Promise<void> {
  const puts: Array<Promise<unknown>> = [];
  if (a.strip) {
    puts.push(store.put(stripKey(sha256), a.strip.sharp, a.strip.sharp.length));
    puts.push(store.put(safeStripKey(sha256), a.strip.safe, a.strip.safe.length));
  }
  if (a.thumbnail) {
    const safe = await renderSafeThumbnail(a.thumbnail);
    puts.push(store.put(thumbnailKey(sha256), a.thumbnail, a.thumbnail.length));
    puts.push(store.put(safeThumbnailKey(sha256), safe, safe.length));
  }
  await Promise.all(puts);
}

/** Analyses one stored video in a private temp folder (mode 0700), removed whatever happens. */
async function analyseStored(store: ObjectStore, sha256: string, limits: VideoLimits): Promise<VideoResult> {
  const dir = await mkdtemp(path.join(tmpdir(), 'spoor-video-'));
  try {
    const file = path.join(dir, 'input');
    await pipeline(await store.get(blobKey(sha256)), createWriteStream(file, { mode: 0o600 }));
    const analysis = await analyseVideo(file, limits);
    await storePictures(store, sha256, analysis);
    return resultOf(sha256, analysis);
  } catch (error) {
    if (error instanceof VideoDecodeError) return failed(sha256, error.message);
    throw error;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Matching ran before the frames existed: clear the stamp under each case's matching lock, then match again. */
async function rematchCases(deps: HandlerDeps, sha256: string): Promise<void> {
  for (const caseId of await blobsRepo(deps.pool).casesOf([sha256])) {
    await inTransaction(deps.pool, async (tx) => {
      await matchesRepo(tx).lockCase(caseId);
      await matchesRepo(tx).unstampInCase(caseId, [sha256]);
    });
    await enqueue(deps.boss, 'case.group', { caseId });
    await enqueue(deps.boss, 'case.match', { caseId });
  }
}

export async function processVideo(deps: HandlerDeps, sha256: string): Promise<HandlerResult> {
  const limits = deps.video;
  if (!limits) return { status: 'skipped', reason: 'video decoding is not configured' };
  const [blob] = await videosRepo(deps.pool).unprocessed([sha256]);
  if (!blob) return { status: 'skipped', reason: 'not a video, or already processed' };
  await videosRepo(deps.pool).save(await analyseStored(deps.store, sha256, limits));
  await rematchCases(deps, sha256);
  return { status: 'done' };
}

/** After the last retry: the video is recorded as failed with the reason, so its ingest does not wait for ever. */
export async function recordVideoFailure(deps: HandlerDeps, sha256: string, error: Error): Promise<void> {
  deps.log(`video ${sha256} failed after retries: ${error.message}`);
  await videosRepo(deps.pool).save(failed(sha256, `video processing failed: ${error.message.slice(0, 300)}`));
  await rematchCases(deps, sha256);
}
