// Sampled frames of a video, decoded by sandboxed ffmpeg: one a second plus scene changes, scaled to fit 512 px,
// as raw RGB on stdout (a fixed number of bytes a frame, so the cap on stdout is a cap on frames). The time of
// each frame comes from the showinfo filter on stderr.
import type { VideoLimits } from './limits.ts';
import { asFileUrl, INPUT_GUARDS, VideoDecodeError, type VideoProbe } from './probe.ts';
import { runSandboxed, SandboxError } from './sandbox.ts';

/** Long side of the frames PDQ and the strip are computed from (PDQ keeps the source geometry: pdq-reduced.ts). */
const FRAME_SIDE = 512;
/** A new frame when the picture changes this much (ffmpeg's scene score, 0..1), besides one each second. */
const SCENE_THRESHOLD = 0.4;
/** ffmpeg's own allocation cap (a frame of 8192² RGBA is 256 MiB). */
const MAX_ALLOC = 320 * 1024 * 1024;

export type RawFrame = { index: number; t: number; rgb: Buffer };

export const frameSize = (p: Pick<VideoProbe, 'width' | 'height'>) => {
  const scale = Math.min(1, FRAME_SIDE / Math.max(p.width, p.height));
  return { width: Math.max(1, Math.round(p.width * scale)), height: Math.max(1, Math.round(p.height * scale)) };
};

function decodeArgs(file: string, size: { width: number; height: number }, limits: VideoLimits): string[] {
  const select = `select='isnan(prev_selected_t)+gte(t-prev_selected_t,1)+gt(scene,${SCENE_THRESHOLD})'`;
  return [
    '-nostdin',
    '-hide_banner',
    '-loglevel',
    'info',
    '-max_alloc',
    String(MAX_ALLOC),
    '-threads',
    '1',
    ...INPUT_GUARDS,
    '-t',
    String(limits.maxDurationSeconds),
    '-i',
    asFileUrl(file),
    '-map',
    '0:v:0',
    '-an',
    '-sn',
    '-dn',
    '-filter_threads',
    '1',
    '-vf',
    `${select},scale=${size.width}:${size.height}:flags=area,showinfo`,
    '-vsync',
    'vfr',
    '-frames:v',
    String(limits.maxFrames),
    '-f',
    'rawvideo',
    '-pix_fmt',
    'rgb24',
    'pipe:1',
  ];
}

/**
 * Decodes the sampled frames and hands each to `onFrame` (synchronously, in order). Returns how many came.
 * A decode that fails part-way keeps the frames it produced when there are any; with none it is an error.
 */
export async function decodeFrames(
  file: string,
  probe: VideoProbe,
  limits: VideoLimits,
  onFrame: (frame: RawFrame) => void,
): Promise<{ frames: number; warning: string | null }> {
  const size = frameSize(probe);
  const frameBytes = size.width * size.height * 3;
  const times: number[] = [];
  let pending: Buffer = Buffer.alloc(0);
  let count = 0;
  const onStdout = (chunk: Buffer) => {
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    while (pending.length >= frameBytes) {
      onFrame({ index: count, t: times[count] ?? count, rgb: Buffer.from(pending.subarray(0, frameBytes)) });
      pending = pending.subarray(frameBytes);
      count++;
    }
  };
  const onStderrLine = (line: string) => {
    const m = /\bn:\s*(\d+)\s+pts:\s*-?\d+\s+pts_time:(-?[\d.]+)/.exec(line);
    if (m) times[Number(m[1])] = Math.max(0, Number(m[2]));
  };
  const sandbox = {
    timeoutMs: limits.timeoutSeconds * 1000,
    memoryBytes: limits.memoryBytes,
    maxStdoutBytes: frameBytes * (limits.maxFrames + 1),
  };
  try {
    await runSandboxed(limits.ffmpegPath, decodeArgs(file, size, limits), sandbox, { onStdout, onStderrLine });
    if (count === 0) throw new VideoDecodeError('no frame could be decoded (corrupt or truncated video)');
    return { frames: count, warning: null };
  } catch (error) {
    if (!(error instanceof SandboxError) || error.reason === 'missing-tool') throw error;
    if (count === 0 || error.reason === 'timeout' || error.reason === 'memory')
      throw new VideoDecodeError(`video could not be decoded: ${error.message}`);
    return { frames: count, warning: `decoding stopped after ${count} frames: ${error.message}` };
  }
}
