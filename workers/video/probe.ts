// ffprobe first: what the container says about the first video stream, checked against the limits before any
// frame is decoded. A file the prober cannot read, or one claiming absurd dimensions, duration or frame rate,
// is refused here with a reason an investigator can read.
import path from 'node:path';
import type { VideoLimits } from './limits.ts';
import { runSandboxed, SandboxError } from './sandbox.ts';

export type VideoProbe = {
  codec: string;
  width: number;
  height: number;
  fps: number | null;
  durationSeconds: number | null;
  format: string;
};

/** An expected failure: the video is recorded with this message and the ingest goes on. */
export class VideoDecodeError extends Error {}

/** The demuxers a seized video may come in; no playlists, concat lists or other formats that open more files. */
const ALLOWED_FORMATS =
  'mov,mp4,m4a,3gp,3g2,mj2,matroska,webm,avi,flv,mpeg,mpegts,asf,ogg,ivf,yuv4mpegpipe,h264,hevc,m4v,mjpeg,rawvideo';

export const INPUT_GUARDS = ['-protocol_whitelist', 'file', '-format_whitelist', ALLOWED_FORMATS];

/** Always the file protocol: a name such as "concat:a|b" or "http://…" is read as a plain file name. */
export const asFileUrl = (file: string) => `file:${path.resolve(file)}`;

type ProbeJson = {
  streams?: Array<Record<string, unknown>>;
  format?: { duration?: string; format_name?: string };
};

const num = (v: unknown): number | null => {
  const n = typeof v === 'string' ? Number(v) : typeof v === 'number' ? v : NaN;
  return Number.isFinite(n) && n > 0 ? n : null;
};

/** "30000/1001" → 29.97; "0/0" → null. */
const rate = (v: unknown): number | null => {
  if (typeof v !== 'string') return null;
  const [a, b] = v.split('/').map(Number);
  return a && b ? num(a / b) : null;
};

/** Checks what the container claims against the limits; throws VideoDecodeError with the reason. */
export function checkProbe(p: VideoProbe, limits: VideoLimits): void {
  const { width: w, height: h } = p;
  if (w * h > limits.maxPixels || w > 32768 || h > 32768)
    throw new VideoDecodeError(`video claims ${w}×${h} pixels, above the decode limit of ${limits.maxPixels} pixels`);
  if (p.durationSeconds !== null && p.durationSeconds > limits.maxDurationSeconds)
    throw new VideoDecodeError(
      `video claims ${Math.round(p.durationSeconds)} s, above the limit of ${limits.maxDurationSeconds} s`,
    );
  if (p.fps !== null && p.fps > 1000) throw new VideoDecodeError(`video claims ${Math.round(p.fps)} frames a second`);
}

function parseProbe(json: ProbeJson, stderr: string): VideoProbe {
  const stream = (json.streams ?? []).find((s) => s.codec_type === 'video');
  if (!stream) throw new VideoDecodeError('no video stream found (corrupt, truncated or audio only)');
  const width = num(stream.width);
  const height = num(stream.height);
  // A size ffmpeg itself refuses (above its own image limits) reaches us only as a warning.
  const claimed = /Picture size (\d+)x(\d+) is invalid/.exec(stderr);
  if (claimed) throw new VideoDecodeError(`video claims ${claimed[1]}×${claimed[2]} pixels, which no decoder accepts`);
  if (!width || !height) throw new VideoDecodeError('the video stream has no frame size (corrupt or truncated)');
  return {
    codec: typeof stream.codec_name === 'string' ? stream.codec_name : 'unknown',
    width,
    height,
    fps: rate(stream.avg_frame_rate) ?? rate(stream.r_frame_rate),
    durationSeconds: num(stream.duration) ?? num(json.format?.duration),
    format: json.format?.format_name ?? 'unknown',
  };
}

/** Probes a video file (in a private temp folder) and checks it against the limits. */
export async function probeVideo(file: string, limits: VideoLimits): Promise<VideoProbe> {
  const args = [
    '-v',
    'warning',
    ...INPUT_GUARDS,
    '-print_format',
    'json',
    '-show_entries',
    'stream=codec_type,codec_name,width,height,avg_frame_rate,r_frame_rate,duration:format=duration,format_name',
    asFileUrl(file),
  ];
  let out = '';
  let stderr: string;
  const sandbox = { timeoutMs: Math.min(60_000, limits.timeoutSeconds * 1000), memoryBytes: limits.memoryBytes };
  try {
    const ran = await runSandboxed(
      limits.ffprobePath,
      args,
      { ...sandbox, maxStdoutBytes: 1024 * 1024 },
      {
        onStdout: (chunk) => (out += chunk.toString('utf8')),
      },
    );
    stderr = ran.stderr;
  } catch (error) {
    if (!(error instanceof SandboxError) || error.reason === 'missing-tool') throw error;
    const said = error.stderr
      .trim()
      .split('\n')
      .pop()
      ?.replaceAll(asFileUrl(file), 'the file')
      .replaceAll(file, 'the file')
      .slice(0, 200);
    throw new VideoDecodeError(`not a readable video (${said || error.message})`);
  }
  let json: ProbeJson;
  try {
    json = JSON.parse(out) as ProbeJson;
  } catch {
    throw new VideoDecodeError('not a readable video (the prober gave no description)');
  }
  const probe = parseProbe(json, stderr);
  checkProbe(probe, limits);
  return probe;
}
