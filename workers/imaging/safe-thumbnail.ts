/**
 * The safe rendition of a thumbnail: small, greyscale and blurred so strongly that nothing recognisable
 * remains. This is what the server sends by default; the sharp thumbnail leaves only through an audited
 * reveal. The browser's CSS blur (16 px on a 128 px tile by default) stays on top as a second layer.
 */
import sharp from 'sharp';
import { gaussianBlur, greyFitInside, isPlainRaster, type Raster } from './raw-renditions.ts';

/** Long side in pixels; the blur wipes out detail, so more pixels would only cost bytes. */
export const SAFE_THUMBNAIL_SIZE = 64;
/** Gaussian sigma: a sixth of the long side, i.e. 21 px on a 128 px tile (the CSS default is 16 px). */
export const SAFE_THUMBNAIL_SIGMA = SAFE_THUMBNAIL_SIZE / 6;

/** Renders the safe rendition from any image sharp can read (normally the stored WebP thumbnail). */
export async function renderSafeThumbnail(image: Buffer): Promise<Buffer> {
  return (
    sharp(image, { failOn: 'none' })
      // Tiny images are enlarged too, so the blur is always the same share of the picture.
      .resize(SAFE_THUMBNAIL_SIZE, SAFE_THUMBNAIL_SIZE, { fit: 'inside' })
      .flatten({ background: '#808080' }) // an alpha channel could carry a silhouette: drop it before blurring
      .greyscale()
      .blur(SAFE_THUMBNAIL_SIGMA)
      .webp({ lossless: true, effort: 0 }) // lossy WebP's chroma rounding leaves faint colour; a blur is small anyway
      .toBuffer()
  );
}

/**
 * The same rendition from decoded pixels (ingest has them already): fitted, flattened, greyscale and blurred in
 * JS, encoded by libvips. Skips the thumbnail's WebP decode, a full-size flatten and libvips' costly blur set-up.
 */
export async function renderSafeThumbnailFromRaw(raster: Raster, fallback: () => Promise<Buffer>): Promise<Buffer> {
  if (!isPlainRaster(raster)) return renderSafeThumbnail(await fallback());
  const grey = greyFitInside(raster, SAFE_THUMBNAIL_SIZE);
  return sharp(gaussianBlur(grey, SAFE_THUMBNAIL_SIGMA), {
    raw: { width: grey.width, height: grey.height, channels: 1 },
  })
    .webp({ lossless: true, effort: 0 })
    .toBuffer();
}
