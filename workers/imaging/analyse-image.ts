/**
 * Decode once, derive everything: one sharp pixel decode per source image
 * (shrink-on-load to ≤ pdqSize px, EXIF-oriented, first frame only), then PDQ,
 * blockhash and the thumbnail are all computed from that raw RGBA buffer.
 * A header-only metadata read supplies format, original size and frame count.
 */
import { open } from 'node:fs/promises';
import sharp, { type Channels, type Metadata, type OutputInfo } from 'sharp';
import { bmvbhash } from 'blockhash-core';
import { fromIngestRaster, type Precheck } from '../ocr/precheck-raster.ts';
import { lumaFromRgba, type PdqResult } from './pdq.ts';
import { pdqHashFromReducedLuma, type Size } from './pdq-reduced.ts';
import { blockhashFromRaster, isPlainRaster } from './raw-renditions.ts';
import { renderSafeThumbnailFromRaw } from './safe-thumbnail.ts';
import { trimmedPdq } from './trim-border.ts';

export type ImageInput = Buffer | string;

export type ImageDecodeReason = 'empty' | 'not-found' | 'unsupported-format' | 'pixel-limit' | 'truncated' | 'corrupt';

/** The source cannot be turned into pixels; `message` is meant for the case log as is. */
export class ImageDecodeError extends Error {
  override readonly name = 'ImageDecodeError';
  constructor(
    readonly reason: ImageDecodeReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface AnalyseOptions {
  /** Reject sources above this many pixels (width × height of one frame) before decoding. */
  limitInputPixels: number;
  /** Long side of the WebP thumbnail (default 256). */
  thumbnailSize?: number;
  /** Bounding box of the decode that feeds PDQ (default 512). */
  pdqSize?: number;
  /** Also judge the decoded raster with the OCR stage's text pre-check (ocr/precheck.ts), where it is large enough. */
  textPrecheck?: boolean;
}

export interface RawInfo {
  width: number;
  height: number;
  channels: number;
}

export interface DecodedImage {
  data: Buffer;
  info: RawInfo;
  format: string;
  /** Source size after EXIF orientation, before any shrinking. */
  width: number;
  height: number;
  /** Frame/page count when the source has more than one (only the first is analysed). */
  frames?: number;
}

export interface DerivedHashes {
  pdq: string;
  pdqQuality: number;
  pdqDihedral: string[];
  /** PDQ of the image with uniform borders trimmed (pad, frame, letterbox), or null: see trim-border.ts. */
  pdqTrimmed: PdqResult | null;
  blockhash: string;
  thumbnail: Buffer;
  /** The greyscale, blurred rendition of the thumbnail (see safe-thumbnail.ts), made from the same pixels. */
  safeThumbnail: Buffer;
  /** The text pre-check's verdict on the same pixels; null when the raster is too small for it, or not asked. */
  textPrecheck: Precheck | null;
}

export interface ImageAnalysis extends DerivedHashes {
  width: number;
  height: number;
  format: string;
  frames?: number;
}

/**
 * Raster formats we accept. SVG/PDF and libvips' own formats are refused: they are
 * documents or internal containers (SVG can reference external resources), not
 * photographs, and hash lists are never built from them.
 */
const ACCEPTED_FORMATS = new Set(['jpeg', 'png', 'webp', 'gif', 'tiff', 'heif', 'avif', 'jp2', 'jxl', 'ppm']);

const BLOCKHASH_SIZE = 256;

/** Decode once, then derive PDQ, blockhash and thumbnail from the same pixels. */
export async function analyseImage(input: ImageInput, opts: AnalyseOptions): Promise<ImageAnalysis> {
  const decoded = await decodeForHashing(input, opts);
  const derived = await deriveFromDecoded(decoded.data, decoded.info, {
    thumbnailSize: opts.thumbnailSize,
    source: { width: decoded.width, height: decoded.height },
    textPrecheck: opts.textPrecheck,
  });
  const result: ImageAnalysis = { width: decoded.width, height: decoded.height, format: decoded.format, ...derived };
  if (decoded.frames !== undefined) result.frames = decoded.frames;
  return result;
}

/**
 * Header read (no pixel decode), limit/format checks, then the single pixel decode.
 * failOn 'error' makes libvips reject truncated files ("premature end of JPEG
 * image") instead of grey-filling the missing rows, which would yield a
 * plausible-looking but wrong hash. ('none' silently succeeds on a half JPEG;
 * 'truncated' behaves the same as 'error' for truncation; 'warning' would also
 * reject mildly corrupt-but-viewable JPEGs, which we still want to hash.)
 */
export async function decodeForHashing(input: ImageInput, opts: AnalyseOptions): Promise<DecodedImage> {
  if (Buffer.isBuffer(input) && input.length === 0) throw new ImageDecodeError('empty', 'empty input: 0 bytes');
  const header = await readHeader(input);
  checkHeader(header, opts.limitInputPixels);
  const pdqSize = opts.pdqSize ?? 512;
  let raw: { data: Buffer; info: OutputInfo };
  try {
    raw = await sharp(input, { limitInputPixels: opts.limitInputPixels, failOn: 'error', animated: false })
      .rotate() // EXIF auto-orientation, applied before the resize so the box fits the upright image
      .resize(pdqSize, pdqSize, { fit: 'inside', withoutEnlargement: true, fastShrinkOnLoad: true })
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
  } catch (err) {
    throw await toDecodeError(err, input, header.format);
  }
  const decoded: DecodedImage = {
    data: raw.data,
    info: { width: raw.info.width, height: raw.info.height, channels: raw.info.channels },
    format: header.format,
    width: header.width,
    height: header.height,
  };
  if (header.pages > 1) decoded.frames = header.pages;
  return decoded;
}

/**
 * Everything derived from decoded pixels. PDQ luma ignores alpha (uses stored
 * RGB), as Meta's reference hasher does: it decodes via ImageMagick to PPM, which
 * drops alpha, so our hashes stay comparable with externally supplied PDQ lists.
 * Blockhash gets RGBA and itself treats fully transparent pixels as white.
 * `source` is the size before the decode shrank it (default: not shrunk); PDQ is computed for that size.
 */
export async function deriveFromDecoded(
  data: Buffer,
  info: RawInfo,
  opts: { thumbnailSize?: number; source?: Size; textPrecheck?: boolean } = {},
): Promise<DerivedHashes> {
  const rawInput = { raw: { width: info.width, height: info.height, channels: info.channels as Channels } };
  const raster = { data, width: info.width, height: info.height, channels: info.channels };
  const size = opts.thumbnailSize ?? 256;
  // The sharp jobs run on the libuv pool while PDQ, blockhash and the safe rendition's grey raster run here.
  const thumbnailP = sharp(data, rawInput)
    .resize(size, size, { fit: 'inside', withoutEnlargement: true })
    .webp({ quality: 75, effort: 0 }) // thumbnails are shown blurred; the fastest encoder setting halves the cost
    .toBuffer();
  const safeP = renderSafeThumbnailFromRaw(raster, () => thumbnailP);
  // PDQ as the reference computes it on the full-resolution source, not on this reduced raster: pdq-reduced.ts
  const luma = lumaFromRgba(data, info.width, info.height, info.channels);
  const pdq = pdqHashFromReducedLuma(luma, info.width, info.height, opts.source ?? info);
  const pdqTrimmed = trimmedPdq(data, info, luma, opts.source ?? info);
  const blockhash = isPlainRaster(raster) ? blockhashFromRaster(raster) : await blockhashByResize(data, rawInput);
  // The OCR stage's pre-check on these pixels saves it a decode of its own (most photographs end there).
  const textPrecheck = opts.textPrecheck ? fromIngestRaster(luma, raster, opts.source ?? info) : null;
  const [thumbnail, safeThumbnail] = await Promise.all([thumbnailP, safeP]);
  return {
    pdq: pdq.hash,
    pdqQuality: pdq.quality,
    pdqDihedral: pdq.dihedral,
    pdqTrimmed,
    blockhash,
    thumbnail,
    safeThumbnail,
    textPrecheck,
  };
}

/** Rasters of another layout (none that the decode gives today) go through libvips to 256×256 RGBA first. */
async function blockhashByResize(
  data: Buffer,
  rawInput: { raw: { width: number; height: number; channels: Channels } },
) {
  const rgba = await sharp(data, rawInput)
    .resize(BLOCKHASH_SIZE, BLOCKHASH_SIZE, { fit: 'fill' }) // bmvbhash drops pixels on non-multiple sizes
    .toColourspace('srgb')
    .ensureAlpha() // bmvbhash silently miscomputes on RGB data
    .raw()
    .toBuffer();
  return bmvbhash({ width: BLOCKHASH_SIZE, height: BLOCKHASH_SIZE, data: rgba }, 16);
}

interface Header {
  format: string;
  width: number;
  height: number;
  pages: number;
}

/** sharp's metadata() parses the header only; no pixels are decoded here. Sizes are after EXIF orientation. */
export async function readHeader(input: ImageInput): Promise<Header> {
  let m: Metadata;
  try {
    // No pixel limit here: we want the declared size in our own error message.
    m = await sharp(input, { limitInputPixels: false }).metadata();
  } catch (err) {
    throw await toDecodeError(err, input, undefined);
  }
  const swap = (m.orientation ?? 1) >= 5; // orientations 5–8 are 90° turns
  const width = m.autoOrient?.width ?? (swap ? m.height : m.width);
  const height = m.autoOrient?.height ?? (swap ? m.width : m.height);
  return { format: m.format ?? 'unknown', width, height, pages: m.pages ?? 1 };
}

function checkHeader(h: Header, limit: number): void {
  if (!ACCEPTED_FORMATS.has(h.format)) {
    throw new ImageDecodeError('unsupported-format', `unsupported image format: ${h.format}`);
  }
  if (h.width * h.height > limit) {
    throw new ImageDecodeError('pixel-limit', `image ${h.width}×${h.height} exceeds pixel limit of ${limit}`);
  }
}

/** Turn libvips/sharp messages into a reason and a sentence an investigator can read. */
async function toDecodeError(err: unknown, input: ImageInput, format: string | undefined): Promise<ImageDecodeError> {
  const msg = err instanceof Error ? err.message : String(err);
  const sniffed = format ?? (await sniffFormat(input));
  const name = sniffed ? sniffed.toUpperCase() : 'image';
  const make = (reason: ImageDecodeReason, text: string) => new ImageDecodeError(reason, text, { cause: err });
  if (/buffer is empty/i.test(msg)) return make('empty', 'empty input: 0 bytes');
  if (/input file is missing/i.test(msg)) return make('not-found', `image file not found: ${String(input)}`);
  if (/exceeds pixel limit/i.test(msg)) return make('pixel-limit', `image exceeds pixel limit: ${msg}`);
  if (/premature end|unexpected end|truncated/i.test(msg) || (await endIsMissing(input, sniffed))) {
    return make('truncated', `truncated ${name}: ${msg}`);
  }
  if (/unsupported image format/i.test(msg)) {
    // A known signature that libvips cannot parse (e.g. a TIFF cut before its IFD) is damage, not a foreign format.
    if (sniffed) return make('corrupt', `truncated or corrupt ${name}: ${msg}`);
    return make('unsupported-format', (await isEmptyFile(input)) ? 'empty input: 0 bytes' : 'unsupported image format');
  }
  return make('corrupt', `truncated or corrupt ${name}: ${msg}`);
}

/** Magic-number sniff of the first bytes, used only to word error messages. */
async function sniffFormat(input: ImageInput): Promise<string | undefined> {
  const head = await readBytes(input, 12);
  const startsWith = (...bytes: number[]) => bytes.every((b, i) => head[i] === b);
  if (startsWith(0xff, 0xd8, 0xff)) return 'jpeg';
  if (startsWith(0x89, 0x50, 0x4e, 0x47)) return 'png';
  if (startsWith(0x47, 0x49, 0x46, 0x38)) return 'gif';
  if (startsWith(0x49, 0x49, 0x2a, 0x00) || startsWith(0x4d, 0x4d, 0x00, 0x2a)) return 'tiff';
  if (startsWith(0x52, 0x49, 0x46, 0x46) && head.subarray(8, 12).toString('latin1') === 'WEBP') return 'webp';
  return undefined;
}

/** First (or last) n bytes of a buffer or file; empty when unreadable. */
async function readBytes(input: ImageInput, n: number, fromEnd = false): Promise<Buffer> {
  if (Buffer.isBuffer(input)) return fromEnd ? input.subarray(Math.max(0, input.length - n)) : input.subarray(0, n);
  try {
    const fh = await open(input, 'r');
    try {
      const size = fromEnd ? (await fh.stat()).size : n;
      const start = fromEnd ? Math.max(0, size - n) : 0;
      const buf = Buffer.alloc(Math.min(n, size));
      const { bytesRead } = await fh.read(buf, 0, buf.length, start);
      return buf.subarray(0, bytesRead);
    } finally {
      await fh.close();
    }
  } catch {
    return Buffer.alloc(0);
  }
}

/**
 * Container trailer absent (JPEG needs no check: libjpeg says "premature end").
 * libpng/libwebp only say "read error"/"corrupt header"
 * for a cut file, so look at the end ourselves. Only consulted after a failed decode.
 */
async function endIsMissing(input: ImageInput, format: string | undefined): Promise<boolean> {
  const tail = await readBytes(input, 12, true);
  if (format === 'png') return tail.subarray(4, 8).toString('latin1') !== 'IEND';
  if (format === 'gif') return tail[tail.length - 1] !== 0x3b;
  if (format === 'webp') {
    const head = await readBytes(input, 8);
    const declared = head.length === 8 ? head.readUInt32LE(4) + 8 : 0;
    const size = Buffer.isBuffer(input) ? input.length : await fileSize(input);
    return declared > size;
  }
  return false;
}

async function fileSize(path: string): Promise<number> {
  try {
    const fh = await open(path, 'r');
    try {
      return (await fh.stat()).size;
    } finally {
      await fh.close();
    }
  } catch {
    return 0;
  }
}

async function isEmptyFile(input: ImageInput): Promise<boolean> {
  return (await readBytes(input, 1)).length === 0;
}
