/**
 * What ingest derives from the decoded pixels besides PDQ, without handing them to libvips again: blockhash
 * and the safe (greyscale, blurred) thumbnail's small grey raster. Pure: no I/O.
 *
 * Why: each extra sharp pipeline on the ≤ 512 px decode cost 4–9 ms of CPU per image (a 256×256 resize for
 * blockhash; for the safe rendition a WebP decode of the thumbnail, then a flatten and greyscale at full size
 * before the resize), more than the decode of a 1 MP JPEG itself. Here both take well under a millisecond.
 */
import { bmvbhash } from 'blockhash-core';

export interface Raster {
  data: Uint8Array;
  width: number;
  height: number;
  channels: number;
}

/** 1–4 channels of 8 bits: grey, grey+alpha, RGB, RGBA (what the decode gives for every accepted format). */
export const isPlainRaster = (r: Raster): boolean =>
  r.channels >= 1 && r.channels <= 4 && r.data.length >= r.width * r.height * r.channels;

/** RGBA as blockhash-core needs it (RGB gives a silently wrong hash); the pixels as they are when already RGBA. */
function toRgba(r: Raster): Uint8Array {
  if (r.channels === 4) return r.data;
  const out = new Uint8Array(r.width * r.height * 4);
  const grey = r.channels <= 2;
  const hasAlpha = r.channels === 2;
  for (let i = 0, o = 0; o < out.length; i += r.channels, o += 4) {
    out[o] = r.data[i]!;
    out[o + 1] = grey ? r.data[i]! : r.data[i + 1]!;
    out[o + 2] = grey ? r.data[i]! : r.data[i + 2]!;
    out[o + 3] = hasAlpha ? r.data[i + 1]! : 255;
  }
  return out;
}

/**
 * Blockhash (256 bits) of the decoded raster itself. bmvbhash weighs the pixels a block boundary cuts by
 * their share, so any size works (only its even-size shortcut drops pixels, and it is taken only when both
 * sides are multiples of 16, where it is exact). Against the former 256×256 Lanczos resize first: see the test.
 */
export function blockhashFromRaster(r: Raster): string {
  return bmvbhash({ width: r.width, height: r.height, data: toRgba(r) }, 16);
}

/**
 * The raster fitted inside `size`×`size` (tiny images enlarged too, so a blur is always the same share of the
 * picture), flattened on mid grey (an alpha channel could carry a silhouette) and turned to luma (Rec. 709
 * weights), by area average: each output pixel is the mean of the source pixels (at most 4×4 of them, evenly
 * spaced) whose centres fall in it, or the nearest one when enlarging.
 */
export function greyFitInside(r: Raster, size: number): { data: Float32Array; width: number; height: number } {
  const scale = size / Math.max(r.width, r.height);
  const width = Math.max(1, Math.round(r.width * scale));
  const height = Math.max(1, Math.round(r.height * scale));
  const along = (from: number, to: number) =>
    Uint32Array.from({ length: from }, (_, x) => Math.min(to - 1, Math.floor(((x + 0.5) * to) / from)));
  const [columns, rows] = [along(r.width, width), along(r.height, height)];
  const { data, channels } = r;
  const [g, b] = channels <= 2 ? [0, 0] : [1, 2];
  const a = channels === 2 || channels === 4 ? channels - 1 : -1;
  const sums = new Float64Array(width * height);
  const counts = new Uint32Array(width * height);
  const nearest = new Float32Array(width * height);
  // A blurred 64 px rendition needs no more than 4×4 samples per output pixel: skip the rest of a large raster.
  const stride = Math.max(1, Math.floor(Math.min(r.width / width, r.height / height) / 4));
  for (let y = 0; y < r.height; y += stride) {
    const row = rows[y]! * width;
    for (let x = 0, i = y * r.width * channels; x < r.width; x += stride, i += stride * channels) {
      const luma = 0.2126 * data[i]! + 0.7152 * data[i + g]! + 0.0722 * data[i + b]!;
      const grey = a < 0 ? luma : 128 + ((luma - 128) * data[i + a]!) / 255;
      const o = row + columns[x]!;
      sums[o] += grey;
      if (counts[o]++ === 0) nearest[o] = grey;
    }
  }
  const out = new Float32Array(width * height);
  for (let o = 0; o < out.length; o++) out[o] = counts[o]! > 0 ? sums[o]! / counts[o]! : -1;
  // Enlarged: output pixels no source centre fell in take the nearest source pixel.
  for (let y = 0, o = 0; y < height; y++) {
    for (let x = 0; x < width; x++, o++) {
      if (out[o]! >= 0) continue;
      const sx = Math.min(r.width - 1, Math.floor(((x + 0.5) * r.width) / width));
      const sy = Math.min(r.height - 1, Math.floor(((y + 0.5) * r.height) / height));
      out[o] = out[rows[sy]! * width + columns[sx]!]!;
    }
  }
  return { data: out, width, height };
}

/** One box-filter pass along rows or columns (running sum; each line padded by repeating its ends). */
function boxPass(src: Float32Array, width: number, height: number, radius: number, vertical: boolean) {
  const out = new Float32Array(src.length);
  const [lines, length] = vertical ? [width, height] : [height, width];
  const [lineStep, step] = vertical ? [1, width] : [width, 1];
  const at = (base: number, j: number) => src[base + Math.min(length - 1, Math.max(0, j)) * step]!;
  for (let line = 0; line < lines; line++) {
    const base = line * lineStep;
    let sum = 0;
    for (let j = -radius; j <= radius; j++) sum += at(base, j);
    for (let i = 0; i < length; i++) {
      out[base + i * step] = sum / (2 * radius + 1);
      sum += at(base, i + radius + 1) - at(base, i - radius);
    }
  }
  return out;
}

/**
 * Gaussian blur of a small grey raster, to 8 bits, as three box passes each way (the standard approximation:
 * boxes whose variances add up to sigma²). libvips spends ≈ 1.8 ms of CPU setting up a blur of a 64 px image.
 */
export function gaussianBlur(grey: { data: Float32Array; width: number; height: number }, sigma: number): Uint8Array {
  // A box of 2r+1 pixels has variance ((2r+1)² − 1)/12; three of them add up to sigma² at this r.
  const radius = Math.max(1, Math.round((Math.sqrt(4 * sigma * sigma + 1) - 1) / 2));
  const { width, height } = grey;
  let data = grey.data;
  for (let pass = 0; pass < 3; pass++)
    data = boxPass(boxPass(data, width, height, radius, false), width, height, radius, true);
  return Uint8Array.from(data, (v) => Math.max(0, Math.min(255, Math.round(v))));
}
