// The pre-check's verdict on the raster ingest decodes for hashing: for images up to 1,536 px that raster is a third
// of the source or more, enough for the verdict, so most photographs are judged while hashing, without a decode of
// their own. The OCR stage judges the same way (precheck.ts), so both reach the same verdict on the same bytes.
import { judgeRaster, type GreyLevels, type Judgement } from './precheck-judge.ts';

/** Bump when a change can alter a verdict, so stored verdicts can be told apart. */
export const PRECHECK_VERSION = 'precheck/2';

export type Precheck = Judgement & {
  version: string;
  /** Where the rendition came from: the raster ingest decodes, or a decode of its own (larger images). */
  source?: 'ingest' | 'decode';
};

/**
 * Scale of the rendition: a 12 px caption keeps 3–4 px glyphs, which full OCR at source size still reads. A third
 * exactly, because libjpeg's shrink-on-load (decode at 1/2) applies from a factor of 3 on: at 0.35 a 12 MP JPEG
 * decoded whole (109 ms), at 1/3 at half size (48 ms).
 */
const SCALE = 1 / 3;
const RENDITION = { min: 512, max: 1600 };

/** Long side of the rendition for a source of this long side. */
export const renditionSide = (longSide: number) =>
  Math.min(RENDITION.max, Math.max(RENDITION.min, Math.floor(longSide * SCALE)));

/** Every pixel of an RGBA raster fully opaque (layouts without alpha count as opaque). */
function opaque(r: { data: Uint8Array; channels: number }): boolean {
  if (r.channels !== 4) return r.channels !== 2;
  for (let i = 3; i < r.data.length; i += 4) if (r.data[i] !== 255) return false;
  return true;
}

/**
 * The verdict from ingest's raster (its luma, as PDQ reads it) when that raster is at least the rendition's size and
 * opaque; null otherwise, and the OCR stage decodes (and flattens) a rendition of its own.
 */
export function fromIngestRaster(
  luma: GreyLevels,
  raster: { data: Uint8Array; width: number; height: number; channels: number },
  source: { width: number; height: number },
): Precheck | null {
  const longSide = Math.max(source.width, source.height);
  if (Math.max(raster.width, raster.height) < Math.min(longSide, renditionSide(longSide))) return null;
  if (!opaque(raster)) return null;
  return { version: PRECHECK_VERSION, source: 'ingest', ...judgeRaster(luma, raster.width, raster.height) };
}
