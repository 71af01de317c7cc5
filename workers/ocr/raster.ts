// Pixel loops on one-channel (grey) images: contrast, ink rows and stroke thickening. Pure and synchronous.

/** A greyscale raster, one byte per pixel, row after row. */
export type Grey = { data: Uint8Array; width: number; height: number };

// Darkness is raised to the power 1.5: thin strokes that anti-aliasing left mid-grey (an underscore, the stem of a t at
// 12 px) turn dark enough to survive tesseract's binarisation, while the white ground stays white.
const GAMMA = 1.5;
const CONTRAST = Uint8Array.from({ length: 256 }, (_, v) => Math.round(255 * (v / 255) ** GAMMA));

/** Ink: darker than the white ground by more than this. */
const INK_CONTRAST = 48;

export function deepenStrokes(image: Grey): Grey {
  const data = new Uint8Array(image.data.length);
  for (let i = 0; i < data.length; i++) data[i] = CONTRAST[image.data[i]];
  return { ...image, data };
}

export type InkProfile = {
  /** Rows holding ink. */
  rows: number;
  /** Vertical runs of rows with ink: text lines, in pixel rows [y0, y1). */
  runs: Array<[number, number]>;
  /** Median height of the runs that look like text lines, or null when there are none. */
  lineHeight: number | null;
};

/** Which rows carry ink, and how tall the lines of ink are: a cheap test for text and a measure of its size. */
export function inkProfile(image: Grey): InkProfile {
  const { width, height, data } = image;
  const minInk = Math.max(2, Math.floor(width / 400));
  const runs: Array<[number, number]> = [];
  let rows = 0;
  let start = -1;
  for (let y = 0; y <= height; y++) {
    let ink = 0;
    for (let x = 0, i = y * width; y < height && x < width && ink < minInk; x++, i++) {
      if (255 - data[i] > INK_CONTRAST) ink++;
    }
    const inked = ink >= minInk;
    if (inked) rows++;
    if (inked && start < 0) start = y;
    if (!inked && start >= 0) {
      runs.push([start, y]);
      start = -1;
    }
  }
  // Text lines are a few pixels to a few dozen tall; taller runs are pictures, shorter ones noise or rules.
  const heights = runs
    .map(([a, b]) => b - a)
    .filter((h) => h >= 4 && h <= Math.max(8, height / 4))
    .sort((a, b) => a - b);
  const lineHeight = heights.length > 0 ? heights[Math.floor(heights.length / 2)] : null;
  return { rows, runs, lineHeight };
}

/** Thickens dark strokes by one pixel on each side (a 3×3 minimum filter, done as two 1×3 passes). */
export function thickenDark(image: Grey): Grey {
  const { width, height, data } = image;
  const across = new Uint8Array(data.length);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      let m = data[row + x];
      if (x > 0 && data[row + x - 1] < m) m = data[row + x - 1];
      if (x + 1 < width && data[row + x + 1] < m) m = data[row + x + 1];
      across[row + x] = m;
    }
  }
  const out = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++) {
    let m = across[i];
    if (i >= width && across[i - width] < m) m = across[i - width];
    if (i + width < data.length && across[i + width] < m) m = across[i + width];
    out[i] = m;
  }
  return { width, height, data: out };
}

export function invert(image: Grey): Grey {
  const data = new Uint8Array(image.data.length);
  for (let i = 0; i < data.length; i++) data[i] = 255 - image.data[i];
  return { ...image, data };
}
