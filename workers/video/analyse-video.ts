// One video file → its description, the PDQ of each sampled frame (with quality), the strip and a thumbnail.
// Expected failures (corrupt, truncated, absurd) throw VideoDecodeError with the reason; only infrastructure
// errors (no ffmpeg, no disk) throw anything else.
import { pdqHashFromReducedLuma } from '../imaging/pdq-reduced.ts';
import { lumaFromRgba } from '../imaging/pdq.ts';
import { decodeFrames, frameSize, type RawFrame } from './frames.ts';
import type { VideoLimits } from './limits.ts';
import { probeVideo, type VideoProbe } from './probe.ts';
import { frameThumbnail, renderStrips, StripPicker } from './strip.ts';

export type FrameHash = { t: number; pdq: string; quality: number };

export type VideoAnalysis = {
  probe: VideoProbe;
  frames: FrameHash[];
  /** Set when decoding stopped part-way but some frames came (a truncated file, say). */
  warning: string | null;
  strip: { sharp: Buffer; safe: Buffer; count: number } | null;
  thumbnail: Buffer | null;
};

/** PDQ of one sampled frame, with the geometry of the full-size picture (as images are hashed). */
function hashFrame(frame: RawFrame, size: { width: number; height: number }, source: VideoProbe): FrameHash {
  const luma = lumaFromRgba(frame.rgb, size.width, size.height, 3);
  const pdq = pdqHashFromReducedLuma(luma, size.width, size.height, { width: source.width, height: source.height });
  return { t: Math.round(frame.t * 1000) / 1000, pdq: pdq.hash, quality: pdq.quality };
}

/** Analyses a video file; `withStrip: false` skips the pictures (the CLI's `spoor hash`, the benchmark). */
export async function analyseVideo(
  file: string,
  limits: VideoLimits,
  opts: { withStrip?: boolean } = {},
): Promise<VideoAnalysis> {
  const probe = await probeVideo(file, limits);
  const size = frameSize(probe);
  const picker = new StripPicker(probe.durationSeconds);
  const frames: FrameHash[] = [];
  const { warning } = await decodeFrames(file, probe, limits, (frame) => {
    frames.push(hashFrame(frame, size, probe));
    if (opts.withStrip !== false) picker.offer(frame);
  });
  const picked = picker.picked();
  if (opts.withStrip === false || picked.length === 0) return { probe, frames, warning, strip: null, thumbnail: null };
  const strips = await renderStrips(picked, size);
  // The grid's tile: the strip frame with the most detail (PDQ quality), not a black fade-in.
  const best = picked.reduce((a, b) => (qualityAt(frames, b) > qualityAt(frames, a) ? b : a));
  return {
    probe,
    frames,
    warning,
    strip: { sharp: strips.strip, safe: strips.safe, count: picked.length },
    thumbnail: await frameThumbnail(best, size),
  };
}

const qualityAt = (frames: FrameHash[], f: RawFrame) => frames[f.index]?.quality ?? 0;
