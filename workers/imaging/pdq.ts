/**
 * PDQ perceptual hash (Meta's algorithm), written from the published description
 * and checked bit for bit against ../shared/vectors/pdq/pdq-pgm.csv.
 * Pure: no I/O, float64 throughout.
 *
 * Pipeline: float luma → Jarosz tent filter → decimate to 64×64 → quality metric
 * → 16×16 DCT (from the 64×64 via a 16×64 DCT matrix) → threshold at the median
 * → 256-bit hash. The eight dihedral hashes come from sign/transposition changes
 * of the same 16×16 DCT, so they cost almost nothing.
 *
 * How the downsampling works, and why:
 * - PDQ never resamples with an interpolating kernel. It blurs the full image with
 *   a tent filter (two box-filter passes per axis, each box about 1/128 of that
 *   axis, so the tent spans ~1/64: one output cell), then picks the centre pixel
 *   of each of the 64×64 cells. Two passes of a box make a tent, which suppresses
 *   the aliasing a plain point-sample would have, and each box pass is O(n) with
 *   a running sum regardless of window size.
 * - Because the window sizes and sample points derive from the input size, running this on a reduced
 *   raster is NOT the full-resolution hash: on a ≤512 px decode it drifted a mean of 7–17 bits (max 56)
 *   from it. The ingest path therefore computes the same tent weights in full-resolution geometry and
 *   applies them to its reduced decode (pdq-reduced.ts, which holds the measurements).
 */

/** Images smaller than this on either side hash to all-zero with quality 0 (as the reference). */
const MIN_HASHABLE_DIM = 5;
const DOWNSAMPLE = 64;
const DCT_SIZE = 16;
const JAROSZ_PASSES = 2;

export interface PdqResult {
  /** 64 lower-case hex chars in Meta's Hash256::format() order. */
  hash: string;
  /** 0..100; Meta suggests not trusting matches below ~50 (and ≥80 for tight tolerances). */
  quality: number;
  /** original, rot90, rot180, rot270, flipX, flipY, flipPlus1, flipMinus1 — index 0 == hash. */
  dihedral: string[];
}

export type LumaArray = Float64Array | Float32Array;

/** 16×64 DCT-II matrix that skips the DC row: row i uses frequency i+1 (reference convention). */
const DCT_MATRIX: Float64Array = (() => {
  const m = new Float64Array(DCT_SIZE * DOWNSAMPLE);
  const scale = Math.sqrt(2 / DOWNSAMPLE);
  for (let i = 0; i < DCT_SIZE; i++) {
    for (let j = 0; j < DOWNSAMPLE; j++) {
      m[i * DOWNSAMPLE + j] = scale * Math.cos((Math.PI / 2 / DOWNSAMPLE) * (i + 1) * (2 * j + 1));
    }
  }
  return m;
})();

/** Box window for one axis: ceil(old / (2·new)), so two passes span about old/new pixels. */
export function jaroszWindowSize(oldDim: number, newDim: number): number {
  return Math.floor((oldDim + 2 * newDim - 1) / (2 * newDim));
}

/**
 * One running-sum box filter along a strided vector. The window is centred
 * (slightly right-biased for even sizes) and shrinks at the edges rather than
 * padding, exactly as the reference's four phases; the order of additions is
 * kept identical so float rounding matches.
 */
function box1D(
  inp: Float64Array,
  out: Float64Array,
  offset: number,
  length: number,
  stride: number,
  win: number,
): void {
  const half = Math.floor((win + 2) / 2);
  const p1 = half - 1;
  const p2 = win - half + 1;
  const p3 = length - win;
  const p4 = half - 1;
  let li = offset;
  let ri = offset;
  let oi = offset;
  let sum = 0;
  let count = 0;
  for (let i = 0; i < p1; i++, ri += stride) {
    sum += inp[ri];
    count++;
  }
  for (let i = 0; i < p2; i++, ri += stride, oi += stride) {
    sum += inp[ri];
    count++;
    out[oi] = sum / count;
  }
  for (let i = 0; i < p3; i++, li += stride, ri += stride, oi += stride) {
    sum += inp[ri];
    sum -= inp[li];
    out[oi] = sum / count;
  }
  for (let i = 0; i < p4; i++, li += stride, oi += stride) {
    sum -= inp[li];
    count--;
    out[oi] = sum / count;
  }
}

/** Tent filter in place on buf (tmp is scratch): rows then columns, twice. */
function jaroszFilter(buf: Float64Array, tmp: Float64Array, rows: number, cols: number): void {
  const winAlongRows = jaroszWindowSize(cols, DOWNSAMPLE);
  const winAlongCols = jaroszWindowSize(rows, DOWNSAMPLE);
  for (let pass = 0; pass < JAROSZ_PASSES; pass++) {
    for (let r = 0; r < rows; r++) box1D(buf, tmp, r * cols, cols, 1, winAlongRows);
    for (let c = 0; c < cols; c++) box1D(tmp, buf, c, rows, cols, winAlongCols);
  }
}

/** Point-sample the centre of each of the 64×64 cells of the blurred image. */
function decimate(buf: Float64Array, rows: number, cols: number): Float64Array {
  const out = new Float64Array(DOWNSAMPLE * DOWNSAMPLE);
  for (let i = 0; i < DOWNSAMPLE; i++) {
    const ini = Math.trunc(((i + 0.5) * rows) / DOWNSAMPLE);
    for (let j = 0; j < DOWNSAMPLE; j++) {
      const inj = Math.trunc(((j + 0.5) * cols) / DOWNSAMPLE);
      out[i * DOWNSAMPLE + j] = buf[ini * cols + inj];
    }
  }
  return out;
}

/**
 * Quality: sum of |neighbour differences| on the 64×64, each scaled to 0..100
 * and truncated to an integer (as the reference's int conversion), /90, capped
 * at 100. Flat images have few gradients, hence unreliable hashes.
 */
function qualityFrom64(a: Float64Array): number {
  let gradientSum = 0;
  for (let i = 0; i < DOWNSAMPLE - 1; i++) {
    for (let j = 0; j < DOWNSAMPLE; j++) {
      gradientSum += Math.abs(Math.trunc(((a[i * DOWNSAMPLE + j] - a[(i + 1) * DOWNSAMPLE + j]) * 100) / 255));
    }
  }
  for (let i = 0; i < DOWNSAMPLE; i++) {
    for (let j = 0; j < DOWNSAMPLE - 1; j++) {
      gradientSum += Math.abs(Math.trunc(((a[i * DOWNSAMPLE + j] - a[i * DOWNSAMPLE + j + 1]) * 100) / 255));
    }
  }
  return Math.min(100, Math.trunc(gradientSum / 90));
}

/** B = D · A · Dᵀ with D the 16×64 DCT matrix; summation order as the reference. */
function dct64To16(a: Float64Array): Float64Array {
  const t = new Float64Array(DCT_SIZE * DOWNSAMPLE);
  for (let i = 0; i < DCT_SIZE; i++) {
    for (let j = 0; j < DOWNSAMPLE; j++) {
      let s = 0;
      for (let k = 0; k < DOWNSAMPLE; k++) s += DCT_MATRIX[i * DOWNSAMPLE + k] * a[k * DOWNSAMPLE + j];
      t[i * DOWNSAMPLE + j] = s;
    }
  }
  const b = new Float64Array(DCT_SIZE * DCT_SIZE);
  for (let i = 0; i < DCT_SIZE; i++) {
    for (let j = 0; j < DCT_SIZE; j++) {
      let s = 0;
      for (let k = 0; k < DOWNSAMPLE; k++) s += t[i * DOWNSAMPLE + k] * DCT_MATRIX[j * DOWNSAMPLE + k];
      b[i * DCT_SIZE + j] = s;
    }
  }
  return b;
}

/**
 * The reference uses Torben's median with k = (n+1)/2, which for n = 256 returns
 * exactly the 128th smallest value (the lower median). Sorting a copy gives the
 * same element; 256 values make the cost irrelevant.
 */
function lowerMedian(values: Float64Array): number {
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.floor((sorted.length + 1) / 2) - 1];
}

/**
 * Bit k = i·16+j is set when dct[i][j] > median. Hash256 stores 16 words with
 * bit k in word k>>4 at position k&15, and format() prints words 15..0 as
 * 4 hex digits each — so DCT row 15 comes first in the string.
 */
function hashFromDct(dct: Float64Array): string {
  const median = lowerMedian(dct);
  let hex = '';
  for (let w = DCT_SIZE - 1; w >= 0; w--) {
    let word = 0;
    for (let b = 0; b < DCT_SIZE; b++) if (dct[w * DCT_SIZE + b] > median) word |= 1 << b;
    hex += word.toString(16).padStart(4, '0');
  }
  return hex;
}

/**
 * Dihedral transforms in the DCT domain. Reversing an axis multiplies the
 * coefficient of frequency u by (-1)^u; with the reference's u = index+1 that
 * negates even indices. Rotations/diagonal flips also transpose.
 * Each entry: (i, j) → [transpose?, negate?].
 */
type DctMap = (i: number, j: number) => [transpose: boolean, negate: boolean];
const DIHEDRAL_MAPS: DctMap[] = [
  /* rot90 */ (i, j) => [true, (j & 1) === 0],
  /* rot180 */ (i, j) => [false, ((i + j) & 1) === 1],
  /* rot270 */ (i, _j) => [true, (i & 1) === 0],
  /* flipX */ (i, _j) => [false, (i & 1) === 0],
  /* flipY */ (_i, j) => [false, (j & 1) === 0],
  /* flipPlus1 */ () => [true, false],
  /* flipMinus1 */ (i, j) => [true, ((i + j) & 1) === 1],
];

function transformDct(a: Float64Array, map: DctMap): Float64Array {
  const b = new Float64Array(a.length);
  for (let i = 0; i < DCT_SIZE; i++) {
    for (let j = 0; j < DCT_SIZE; j++) {
      const [transpose, negate] = map(i, j);
      const v = a[i * DCT_SIZE + j];
      b[transpose ? j * DCT_SIZE + i : i * DCT_SIZE + j] = negate ? -v : v;
    }
  }
  return b;
}

/** Tent-filter, decimate, DCT. Exposed for diagnostics (e.g. median gaps). */
function pdqDctFromLuma(luma: LumaArray, width: number, height: number): { dct: Float64Array; quality: number } {
  if (luma.length < width * height) throw new RangeError(`luma has ${luma.length} values, need ${width * height}`);
  // Copy: the filter works in place and the caller's buffer must survive.
  const buf = Float64Array.from(luma.subarray(0, width * height));
  jaroszFilter(buf, new Float64Array(width * height), height, width);
  const grid = decimate(buf, height, width);
  return { dct: dct64To16(grid), quality: qualityFrom64(grid) };
}

/** PDQ hash, quality and all eight dihedral hashes of a row-major 0..255 luma plane. */
export function pdqHashFromLuma(luma: LumaArray, width: number, height: number): PdqResult {
  if (height < MIN_HASHABLE_DIM || width < MIN_HASHABLE_DIM) {
    const zero = '0'.repeat(64);
    return { hash: zero, quality: 0, dihedral: Array.from({ length: 8 }, () => zero) };
  }
  const { dct, quality } = pdqDctFromLuma(luma, width, height);
  return pdqFromDct(dct, quality);
}

/** PDQ from a 64×64 tent-filtered, decimated luma grid (see pdq-reduced.ts for where else it comes from). */
export function pdqHashFromGrid(grid: Float64Array): PdqResult {
  return pdqFromDct(dct64To16(grid), qualityFrom64(grid));
}

function pdqFromDct(dct: Float64Array, quality: number): PdqResult {
  const hash = hashFromDct(dct);
  const dihedral = [hash, ...DIHEDRAL_MAPS.map((m) => hashFromDct(transformDct(dct, m)))];
  return { hash, quality, dihedral };
}

/**
 * Float luma 0.299R + 0.587G + 0.114B (no rounding, as Meta's photo hasher) from
 * an interleaved 8-bit buffer. 1 or 2 channels = grey (+alpha): the grey value
 * is used as is, like the reference's greyscale branch. Alpha is ignored.
 */
export function lumaFromRgba(buf: Uint8Array, width: number, height: number, channels: number): Float64Array {
  if (channels < 1 || channels > 4) throw new RangeError(`unsupported channel count ${channels}`);
  const n = width * height;
  if (buf.length < n * channels) throw new RangeError(`buffer has ${buf.length} bytes, need ${n * channels}`);
  const out = new Float64Array(n);
  if (channels <= 2) {
    for (let p = 0, o = 0; p < n; p++, o += channels) out[p] = buf[o];
    return out;
  }
  for (let p = 0, o = 0; p < n; p++, o += channels) {
    out[p] = 0.299 * buf[o] + 0.587 * buf[o + 1] + 0.114 * buf[o + 2];
  }
  return out;
}
