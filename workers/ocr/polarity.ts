// Dark text on a white ground everywhere, decided region by region: a dark-mode bubble, a coloured title bar and a
// light bubble on the same screenshot each get the polarity that makes their text dark.
import sharp from 'sharp';

import type { Grey } from './raster.ts';

/** Cells of `cell`×`cell` pixels; the ground of a cell is the median over the RADIUS-cell window around it. */
const RADIUS = 2;
/** A window whose lightest and darkest cells differ less than this holds no text; it keeps the global polarity. */
const FLAT = 24;

type CellGrid = { cols: number; rows: number; mean: Uint8Array; min: Uint8Array; max: Uint8Array };

function cellStats(grey: Grey, cell: number): CellGrid {
  const cols = Math.ceil(grey.width / cell);
  const rows = Math.ceil(grey.height / cell);
  const sum = new Float64Array(cols * rows);
  const count = new Uint32Array(cols * rows);
  const min = new Uint8Array(cols * rows).fill(255);
  const max = new Uint8Array(cols * rows);
  for (let y = 0; y < grey.height; y++) {
    const rowCell = Math.floor(y / cell) * cols;
    for (let x = 0; x < grey.width; x++) {
      const c = rowCell + Math.floor(x / cell);
      const v = grey.data[y * grey.width + x];
      sum[c] += v;
      count[c]++;
      if (v < min[c]) min[c] = v;
      if (v > max[c]) max[c] = v;
    }
  }
  const mean = Uint8Array.from(sum, (s, c) => Math.round(s / count[c]));
  return { cols, rows, mean, min, max };
}

/** Cell maps, one byte per cell and channel: median, midpoint of the extremes, light ground, dark ground. */
const CHANNELS = 4;

/**
 * Per cell, over the window around it: the median and the midpoint of the extremes (which side the ground is on),
 * and the ground itself on either side, from the cells on that side only, so that text cannot pull it.
 * Null when no window has any contrast: the image holds nothing that could be text.
 */
function groundMap(grid: CellGrid, globalDark: boolean): Uint8Array | null {
  const { cols, rows } = grid;
  const map = new Uint8Array(cols * rows * CHANNELS);
  const window: number[] = [];
  let contrast = false;
  for (let cy = 0; cy < rows; cy++) {
    for (let cx = 0; cx < cols; cx++) {
      window.length = 0;
      let lo = 255;
      let hi = 0;
      for (let y = Math.max(0, cy - RADIUS); y <= Math.min(rows - 1, cy + RADIUS); y++) {
        for (let x = Math.max(0, cx - RADIUS); x <= Math.min(cols - 1, cx + RADIUS); x++) {
          const c = y * cols + x;
          window.push(grid.mean[c]);
          lo = Math.min(lo, grid.min[c]);
          hi = Math.max(hi, grid.max[c]);
        }
      }
      window.sort((a, b) => a - b);
      const flat = hi - lo < FLAT;
      contrast ||= !flat;
      // Text pulls the median towards itself but never past the midpoint of the window's range.
      const mid = flat ? (globalDark ? 255 : 0) : Math.round((lo + hi) / 2);
      // The ground on either side: the median of the cells on that side of the midpoint (a bubble, or the page).
      let split = 0;
      while (split < window.length && window[split] < mid) split++;
      const median = (from: number, to: number) => (to > from ? window[(from + to) >> 1] : window[window.length >> 1]);
      const light = median(split, window.length);
      const dark = median(0, split);
      map.set([window[window.length >> 1], mid, light, dark], (cy * cols + cx) * CHANNELS);
    }
  }
  return contrast ? map : null;
}

/**
 * Inverts the pixels whose ground is darker than their text, then divides every pixel by its ground (a flat
 * field), so that text is dark and every ground white. The cell maps are interpolated, so no cell edges show.
 * Null when the image is flat everywhere (no text).
 */
export async function normalisePolarity(grey: Grey, cell: number): Promise<Grey | null> {
  const grid = cellStats(grey, cell);
  const average = grid.mean.reduce((s, v) => s + v, 0) / grid.mean.length;
  const cells = groundMap(grid, average < 128);
  if (!cells) return null;
  // Upsampled as two images of three and one channels: a fourth channel would be taken for alpha and premultiplied.
  const [rgb, single] = [3, 1].map((channels, first) => {
    const plane = new Uint8Array(grid.cols * grid.rows * channels);
    for (let c = 0; c < grid.cols * grid.rows; c++) {
      for (let k = 0; k < channels; k++) plane[c * channels + k] = cells[c * CHANNELS + first * 3 + k];
    }
    const raw = { width: grid.cols, height: grid.rows, channels: channels as 1 | 3 };
    return sharp(plane, { raw }).resize(grey.width, grey.height, { fit: 'fill', kernel: 'linear' }).raw().toBuffer();
  });
  const [map, darkGround] = await Promise.all([rgb, single]);
  const data = new Uint8Array(grey.data.length);
  for (let i = 0, m = 0; i < data.length; i++, m += 3) {
    const dark = map[m] < map[m + 1];
    const value = dark ? 255 - grey.data[i] : grey.data[i];
    const ground = Math.max(1, dark ? 255 - darkGround[i] : map[m + 2]);
    data[i] = Math.min(255, Math.round((255 * value) / ground));
  }
  return { ...grey, data };
}
