// The OCR stage's cheap pre-check: does this image hold anything that could be a line of text? Most seized
// photographs do not, and full OCR costs a second each. Images up to 1,536 px are judged on the raster ingest decodes
// for hashing (precheck-raster.ts; ingest records those verdicts itself); larger ones on a rendition of a third.
import sharp from 'sharp';

import { decodeForHashing } from '../imaging/analyse-image.ts';
import { lumaFromRgba } from '../imaging/pdq.ts';
import { judgeRaster } from './precheck-judge.ts';
import { fromIngestRaster, PRECHECK_VERSION, renditionSide, type Precheck } from './precheck-raster.ts';

export type { TextRegion } from './precheck-judge.ts';
export type { Precheck } from './precheck-raster.ts';

/** Decodes a small rendition (shrink-on-load, EXIF rotation, first frame) and judges it. Throws on undecodable input. */
export async function precheckImage(bytes: Buffer, limitInputPixels: number): Promise<Precheck> {
  const { width = 0, height = 0 } = await sharp(bytes, { limitInputPixels }).metadata();
  const side = renditionSide(Math.max(width, height));
  if (side <= 512) {
    // The decode ingest makes, so that the verdict here is the one ingest reached on the same bytes.
    const decoded = await decodeForHashing(bytes, { limitInputPixels });
    const { width: w, height: h, channels } = decoded.info;
    const raster = { data: decoded.data, width: w, height: h, channels };
    const verdict = fromIngestRaster(lumaFromRgba(decoded.data, w, h, channels), raster, decoded);
    if (verdict) return verdict;
  }
  const { data, info } = await sharp(bytes, { limitInputPixels })
    .rotate()
    .flatten({ background: '#ffffff' }) // transparent ground reads as paper, as full OCR sees it (prepare.ts)
    .resize(side, side, { fit: 'inside', withoutEnlargement: true, kernel: 'linear' })
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const grey = new Uint8Array(data.buffer, data.byteOffset, info.width * info.height);
  return { version: PRECHECK_VERSION, source: 'decode', ...judgeRaster(grey, info.width, info.height) };
}
