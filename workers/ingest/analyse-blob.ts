// Turns one stored blob into its processing result: type by magic bytes, and for images one decode
// feeding PDQ, blockhash, the thumbnail and the dimensions, plus EXIF. Expected failures become a
// recorded reason on the result; only infrastructure errors throw.
import type { Readable } from 'node:stream';
import type { ObjectStore } from '../../storage/object-store/index.ts';
import type { BlobResult } from '../../storage/repositories/blobs.repository.ts';
import { analyseImage, ImageDecodeError } from '../imaging/analyse-image.ts';
import { renderSafeThumbnail } from '../imaging/safe-thumbnail.ts';
import { blobKey, safeThumbnailKey, thumbnailKey } from './content-store.ts';
import { readExif } from './exif.ts';
import { detectType, isImageMime, SNIFF_BYTES } from './file-type.ts';

/** Images larger than this are not decoded (they are still stored and hashed). */
export const MAX_IMAGE_FILE_BYTES = 512 * 1024 * 1024;

const readAll = async (stream: Readable): Promise<Buffer> => Buffer.concat(await stream.toArray());

const base = (sha256: string): BlobResult => ({
  sha256,
  status: 'done',
  mime: null,
  isImage: false,
  width: null,
  height: null,
  frames: null,
  pdq: null,
  pdqQuality: null,
  pdqDihedral: null,
  blockhash: null,
  exif: null,
  hasThumbnail: false,
  decodeError: null,
});

export async function analyseBlob(
  store: ObjectStore,
  blob: { sha256: string; size: number },
  limits: { maxImagePixels: number },
): Promise<BlobResult> {
  const result = base(blob.sha256);
  if (blob.size === 0) return { ...result, status: 'error', decodeError: 'empty file (0 bytes)' };
  const key = blobKey(blob.sha256);
  const head = await readAll(await store.getRange(key, 0, Math.min(blob.size, SNIFF_BYTES) - 1));
  const type = await detectType(head);
  result.mime = type?.mime ?? null;
  if (!isImageMime(result.mime)) return result;
  result.isImage = true;
  if (blob.size > MAX_IMAGE_FILE_BYTES)
    return {
      ...result,
      status: 'error',
      decodeError: `image file of ${blob.size} bytes exceeds the ${MAX_IMAGE_FILE_BYTES}-byte decode limit`,
    };
  const buffer = await readAll(await store.get(key));
  try {
    const [image, exif] = await Promise.all([
      analyseImage(buffer, { limitInputPixels: limits.maxImagePixels }),
      readExif(buffer),
    ]);
    // The greyscale, blurred rendition is what the grid gets by default; the sharp one only via an audited reveal.
    const putSafe = renderSafeThumbnail(image.thumbnail).then((safe) =>
      store.put(safeThumbnailKey(blob.sha256), safe, safe.length),
    );
    await Promise.all([putSafe, store.put(thumbnailKey(blob.sha256), image.thumbnail, image.thumbnail.length)]);
    return {
      ...result,
      width: image.width,
      height: image.height,
      frames: image.frames ?? null,
      pdq: image.pdq,
      pdqQuality: image.pdqQuality,
      pdqDihedral: image.pdqDihedral,
      blockhash: image.blockhash,
      exif: exif as Record<string, unknown> | null,
      hasThumbnail: true,
    };
  } catch (error) {
    if (!(error instanceof ImageDecodeError)) throw error;
    return {
      ...result,
      status: 'error',
      decodeError: error.message,
      exif: (await readExif(buffer)) as Record<string, unknown> | null,
    };
  }
}
