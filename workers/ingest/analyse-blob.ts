// Turns one stored blob into its processing result: type by magic bytes, and for images one decode
// feeding PDQ, blockhash, the thumbnail and the dimensions, plus EXIF. Expected failures become a
// recorded reason on the result; only infrastructure errors throw.
import { readFile } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { ObjectNotFound, type ObjectStore } from '../../storage/object-store/index.ts';
import type { BlobResult } from '../../storage/repositories/blobs.repository.ts';
import { analyseImage, ImageDecodeError } from '../imaging/analyse-image.ts';
import { blobKey, safeThumbnailKey, thumbnailKey } from './content-store.ts';
import { exifClues } from './exif-clues.ts';
import { detectType, isImageMime, SNIFF_BYTES } from './file-type.ts';

/** Images larger than this are not decoded (they are still stored and hashed). */
const MAX_IMAGE_FILE_BYTES = 512 * 1024 * 1024;

const readAll = async (stream: Readable): Promise<Buffer> => Buffer.concat(await stream.toArray());

/**
 * The whole blob. From a folder store one readFile: a 12 MP JPEG as a 64 KB stream cost 55 thread-pool round
 * trips (each queued behind decodes) and a copy, ≈ 20 ms of CPU per image; errno faults still reach pause.ts.
 */
async function readBlob(store: ObjectStore, key: string): Promise<Buffer> {
  const local = store.localPath(key);
  if (!local) return readAll(await store.get(key));
  return readFile(local).catch((error: NodeJS.ErrnoException) => {
    throw error.code === 'ENOENT' ? new ObjectNotFound(key) : error; // as store.get says it, without the path
  });
}

/** A result with nothing learnt yet: the start of an analysis, and the shape of a recorded failure. */
export const emptyBlobResult = (sha256: string): BlobResult => ({
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
  pdqTrimmed: null,
  pdqTrimmedDihedral: null,
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
  const result = emptyBlobResult(blob.sha256);
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
  const buffer = await readBlob(store, key);
  try {
    const [image, exif] = await Promise.all([
      analyseImage(buffer, { limitInputPixels: limits.maxImagePixels, textPrecheck: true }),
      exifClues(buffer),
    ]);
    // The greyscale, blurred rendition is what the grid gets by default; the sharp one only via an audited reveal.
    await Promise.all([
      store.put(safeThumbnailKey(blob.sha256), image.safeThumbnail, image.safeThumbnail.length),
      store.put(thumbnailKey(blob.sha256), image.thumbnail, image.thumbnail.length),
    ]);
    return {
      ...result,
      width: image.width,
      height: image.height,
      frames: image.frames ?? null,
      pdq: image.pdq,
      pdqQuality: image.pdqQuality,
      pdqDihedral: image.pdqDihedral,
      pdqTrimmed: image.pdqTrimmed?.hash ?? null,
      pdqTrimmedDihedral: image.pdqTrimmed?.dihedral ?? null,
      blockhash: image.blockhash,
      ...exif,
      hasThumbnail: true,
      textPrecheck: image.textPrecheck,
    };
  } catch (error) {
    if (!(error instanceof ImageDecodeError)) throw error;
    return {
      ...result,
      status: 'error',
      decodeError: error.message,
      ...(await exifClues(buffer)),
    };
  }
}
