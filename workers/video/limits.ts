// What a video decode may cost, and which ffmpeg runs it: from server/config.ts (SPOOR_FFMPEG_PATH and the rest).
import { accessSync, constants } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export type VideoLimits = {
  /** ffmpeg and ffprobe to run: a system build on PATH when present, else the npm-packaged one. */
  ffmpegPath: string;
  ffprobePath: string;
  /** Wall-clock limit per ffmpeg or ffprobe run. */
  timeoutSeconds: number;
  /** Address-space limit of the child (prlimit --as), which also bounds ffmpeg's allocations. */
  memoryBytes: number;
  /** Refused before decoding: larger frames, longer videos, more sampled frames. */
  maxPixels: number;
  maxDurationSeconds: number;
  maxFrames: number;
};

/** An executable called `name` in a PATH-style list of folders, or null. */
export function findOnPath(name: string, pathList: string | undefined): string | null {
  for (const dir of (pathList ?? '').split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here: try the next folder
    }
  }
  return null;
}

const require = createRequire(import.meta.url);

/** The npm-packaged builds (ffmpeg 4.1 from 2018: older than a system one, so the sandbox matters more). */
export const packagedTools = () => ({
  ffmpeg: (require('@ffmpeg-installer/ffmpeg') as { path: string }).path,
  ffprobe: (require('@ffprobe-installer/ffprobe') as { path: string }).path,
});

/** Limits for a run without a configuration (tests of pure pieces): the packaged tools and the defaults. */
export const defaultVideoLimits = (): VideoLimits => ({
  ffmpegPath: packagedTools().ffmpeg,
  ffprobePath: packagedTools().ffprobe,
  timeoutSeconds: 600,
  memoryBytes: 2 * 1024 ** 3,
  maxPixels: 8192 * 8192,
  maxDurationSeconds: 6 * 3600,
  maxFrames: 25_000,
});
