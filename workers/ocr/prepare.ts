// From encoded bytes to the image tesseract reads best: decoded safely, grey, dark text on light everywhere,
// upscaled until a line of text is about TARGET_LINE_PX tall, strokes thickened a little.
import sharp, { type Sharp } from 'sharp';

import { decodeForHashing } from '../imaging/analyse-image.ts';
import { normalisePolarity } from './polarity.ts';
import { deepenStrokes, inkProfile, invert, thickenDark, type Grey, type InkProfile } from './raster.ts';

export type PrepareOptions = {
  /** Refuse sources above this many pixels before decoding. */
  limitInputPixels: number;
  /** Largest work image handed to tesseract, in pixels (upscaling stops there). */
  maxWorkPixels: number;
};

export type Prepared = {
  /** Size of the source image after EXIF orientation: the coordinate space of every box returned. */
  width: number;
  height: number;
  ink: InkProfile;
  /** The rows of ink (likely text lines) in source coordinates, [y0, y1). */
  textRows: Array<[number, number]>;
  /** Work-image pixels per source pixel, across and down. */
  scale: { x: number; y: number };
  /** The upscaled, polarity-normalised image before thickening. */
  upscaled: Grey;
};

// Tesseract's LSTM reads best when a text line is some 30–50 px tall; chat text at 1× is 13–17 px.
const TARGET_LINE_PX = 42;
const MAX_UPSCALE = 4;
// Decoding stops at this long side; a taller scrolling screenshot is read at reduced size.
const MAX_DECODE_SIDE = 16_384;
// The ground is judged over 5×5 cells of width/40 px (40 px windows on a 1× phone screenshot): wide enough that
// text stays a minority of the window, narrow enough to follow a bubble.
const backgroundCell = (width: number) => Math.max(2, Math.round(width / 40));

const rawGrey = (g: Grey) => ({ raw: { width: g.width, height: g.height, channels: 1 as const } });

async function toGrey(pipeline: Sharp): Promise<Grey> {
  const { data, info } = await pipeline.greyscale().raw().toBuffer({ resolveWithObject: true });
  if (info.channels !== 1) throw new Error(`expected one channel, got ${info.channels}`);
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height };
}

function chooseScale(ink: InkProfile, grey: Grey, maxWorkPixels: number): number {
  const wanted = ink.lineHeight ? TARGET_LINE_PX / ink.lineHeight : 1;
  const room = Math.sqrt(maxWorkPixels / (grey.width * grey.height));
  return Math.max(1, Math.min(MAX_UPSCALE, wanted, room));
}

/** An image the ink check found empty of anything like text: tesseract need not look. */
export type NoText = { width: number; height: number; noText: true };

/** Decode (pixel limit, EXIF rotation, first frame), normalise and measure. */
export async function prepareImage(bytes: Buffer, options: PrepareOptions): Promise<Prepared | NoText> {
  const decoded = await decodeForHashing(bytes, {
    limitInputPixels: options.limitInputPixels,
    pdqSize: MAX_DECODE_SIDE,
  });
  const { width, height, channels } = decoded.info;
  const raw = { raw: { width, height, channels: channels as 4 } };
  const grey = await toGrey(sharp(decoded.data, raw).flatten({ background: '#ffffff' }));
  const image = await normalisePolarity(grey, backgroundCell(width));
  const ink = image && inkProfile(image);
  if (!image || !ink || ink.runs.length === 0 || ink.rows < 4) {
    return { width: decoded.width, height: decoded.height, noText: true };
  }
  const scale = chooseScale(ink, grey, options.maxWorkPixels);
  const deep = deepenStrokes(image);
  const upscaled =
    scale === 1
      ? deep
      : await toGrey(sharp(deep.data, rawGrey(deep)).resize(Math.round(width * scale), null, { kernel: 'lanczos3' }));
  const toSource = decoded.height / height;
  return {
    width: decoded.width,
    height: decoded.height,
    ink,
    textRows: ink.runs.map(([a, b]) => [Math.floor(a * toSource), Math.ceil(b * toSource)]),
    scale: { x: upscaled.width / decoded.width, y: upscaled.height / decoded.height },
    upscaled,
  };
}

export type Polarity = 'normalised' | 'inverted';

/** The image of one pass: the normalised work image, or its negative for text the normalisation turned light. */
export function passImage(prepared: Prepared, polarity: Polarity): Grey {
  return thickenDark(polarity === 'normalised' ? prepared.upscaled : invert(prepared.upscaled));
}

export const encodePng = (image: Grey): Promise<Buffer> =>
  sharp(image.data, rawGrey(image)).png({ compressionLevel: 1 }).toBuffer();
