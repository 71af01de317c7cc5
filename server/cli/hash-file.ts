// `spoor hash`: the same hashes ingest computes, for one local file, without storing anything.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import { HashingPassThrough } from '../../workers/hashing/multi-hash.ts';
import { analyseImage, ImageDecodeError } from '../../workers/imaging/analyse-image.ts';
import { detectType, isImageMime, SNIFF_BYTES } from '../../workers/ingest/file-type.ts';
import type { VideoLimits } from '../../workers/video/limits.ts';
import { isVideoMime } from '../../workers/video/process-video.ts';
import { hashVideoFile } from './video-fields.ts';

export type HashOutput = {
  path: string;
  size: number | null;
  md5: string | null;
  sha1: string | null;
  sha256: string | null;
  mime: string | null;
  width: number | null;
  height: number | null;
  pdq: string | null;
  pdqQuality: number | null;
  pdqDihedral: string[] | null;
  /** PDQ with uniform borders (pad, frame, letterbox) trimmed; null when there are none or it is too weak. */
  pdqTrimmed: string | null;
  blockhash: string | null;
  error: string | null;
  /** Videos only: duration and the sampled frames' PDQ (time in seconds, hash, quality). */
  durationSeconds?: number | null;
  pdqFrames?: Array<{ t: number; pdq: string; quality: number }>;
};

const empty = (path: string): HashOutput => ({
  path,
  size: null,
  md5: null,
  sha1: null,
  sha256: null,
  mime: null,
  width: null,
  height: null,
  pdq: null,
  pdqQuality: null,
  pdqDihedral: null,
  pdqTrimmed: null,
  blockhash: null,
  error: null,
});

export async function hashFile(file: string, maxImagePixels: number, video?: VideoLimits): Promise<HashOutput> {
  const out = empty(file);
  const stat = await fsp.stat(file).catch(() => null);
  if (!stat || !stat.isFile()) return { ...out, error: stat ? 'not a regular file' : 'file not found' };
  const hashing = new HashingPassThrough();
  for await (const chunk of fs.createReadStream(file).pipe(hashing)) void chunk;
  const d = hashing.hasher.digest();
  Object.assign(out, { size: d.size, md5: d.md5, sha1: d.sha1, sha256: d.sha256 });
  if (d.size === 0) return { ...out, error: 'empty file (0 bytes)' };
  const handle = await fsp.open(file, 'r');
  const head = Buffer.alloc(Math.min(SNIFF_BYTES, d.size));
  await handle.read(head, 0, head.length, 0).finally(() => handle.close());
  out.mime = (await detectType(head))?.mime ?? null;
  // A video: its sampled frames' PDQ with time and quality (`pdqFrames`), as ingest computes them.
  if (video && isVideoMime(out.mime)) return { ...out, ...(await hashVideoFile(file, video)) };
  if (!isImageMime(out.mime)) return out;
  try {
    const image = await analyseImage(await fsp.readFile(file), { limitInputPixels: maxImagePixels });
    return {
      ...out,
      width: image.width,
      height: image.height,
      pdq: image.pdq,
      pdqQuality: image.pdqQuality,
      pdqDihedral: image.pdqDihedral,
      pdqTrimmed: image.pdqTrimmed?.hash ?? null,
      blockhash: image.blockhash,
    };
  } catch (error) {
    if (error instanceof ImageDecodeError) return { ...out, error: error.message };
    throw error;
  }
}
