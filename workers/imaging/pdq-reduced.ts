/**
 * PDQ of the full-resolution image, computed from a reduced decode of it. Pure: no I/O, float64.
 *
 * Why not run pdq.ts on the reduced pixels: PDQ's tent filter derives its window sizes and its 64
 * sample positions from the size of the raster it is given. On a ≤ 512 px decode the windows are
 * 3–4 px, rounded up (a 2560×1600 photo gives 512×320: vertical windows of 3 px where the full-resolution
 * ones scale to 2.6, a 15 % wider blur), the sample points land on whole reduced pixels (up to half a pixel,
 * 1/16–1/10 of a cell, off) and the even-window bias is a whole reduced pixel instead of one full-resolution
 * pixel. That geometry, not the codec, the gamma handling or the JPEG DCT shrink, is what moved the hash
 * (same drift on PNG, WebP and JPEG, and at 0.3 MP where no shrink-on-load happens).
 *
 * So the route keeps the fast decode (shrink-on-load, then a Lanczos reduce to ≤ 512 px) and instead
 * reproduces the reference geometry: for each of the 64 rows and 64 columns it builds the weights that
 * PDQ's two clipped box passes, sampled where the reference samples, give to each full-resolution pixel,
 * and carries them onto the reduced pixels by linear interpolation between reduced pixel centres. The
 * 64×64 grid is then two sparse weighted sums, cheaper than four box passes.
 *
 * Measured with bench/pdq-fidelity.bench.ts (Hamming bits from PDQ on the full-resolution luma):
 * - 11 Debian wallpaper photographs, each resized to 0.3, 1, 2, 4, 12 and 24 MP and stored as JPEG q90,
 *   PNG and WebP q90 (198 images): mean 1.1, max 6 (every format and size band: mean ≤ 2.0, max ≤ 6).
 *   PDQ run on the ≤ 512 px raster itself, as before: mean 7.1, max 18.
 * - 9 photographs of Meta's PDQ test data at 0.3–24 MP, same formats (135): mean 1.3, max 8 (q0122 at
 *   24 MP, an image that moves 6 bits on luma rounding alone); before: mean 16.8, max 56.
 * - Time: the decode is unchanged (12 MP JPEG ≈ 27 ms with shrink-on-load against ≈ 82 ms for a full
 *   decode; 24 MP ≈ 41 against ≈ 142 ms); this PDQ takes ≈ 2 ms, PDQ at full resolution 0.4 s (12 MP) and up.
 *   A 1024 px decode would gain ≈ 0.7 bits of mean at a slower decode; 512 meets the bound.
 */
import { jaroszWindowSize, pdqHashFromGrid, pdqHashFromLuma, type LumaArray, type PdqResult } from './pdq.ts';

const CELLS = 64;

export interface Size {
  width: number;
  height: number;
}

interface AxisRow {
  /** First reduced pixel with a non-zero weight. */
  start: number;
  weights: Float64Array;
}

/**
 * Weights over full-resolution pixels [start, start+length) of two passes of PDQ's box filter
 * (windows clipped at the edges, as pdq.ts box1D), sampled at `centre`. A difference array keeps it
 * O(window) even on a 16k-pixel axis.
 */
function tentAt(length: number, centre: number): { start: number; weights: Float64Array } {
  const win = jaroszWindowSize(length, CELLS);
  const half = Math.floor((win + 2) / 2);
  const lo = (i: number) => Math.max(0, i - (win - half));
  const hi = (i: number) => Math.min(length - 1, i + half - 1);
  const start = lo(lo(centre));
  const diff = new Float64Array(hi(hi(centre)) - start + 2);
  const outer = 1 / (hi(centre) - lo(centre) + 1);
  for (let j = lo(centre); j <= hi(centre); j++) {
    const inner = outer / (hi(j) - lo(j) + 1);
    diff[lo(j) - start] += inner;
    diff[hi(j) - start + 1] -= inner;
  }
  const weights = new Float64Array(diff.length - 1);
  for (let k = 0, run = 0; k < weights.length; k++) weights[k] = run += diff[k];
  return { start, weights };
}

/** The 64 sample rows of one axis, moved from `source` full-resolution pixels onto `reduced` pixels. */
function axisRows(source: number, reduced: number): AxisRow[] {
  const scale = source / reduced;
  const rows: AxisRow[] = [];
  for (let i = 0; i < CELLS; i++) {
    const tent = tentAt(source, Math.trunc(((i + 0.5) * source) / CELLS)); // pdq.ts decimate()
    const onReduced = new Float64Array(reduced);
    for (let k = 0; k < tent.weights.length; k++) {
      // Centre of full-resolution pixel x, in reduced pixel coordinates (centres at p + 0.5).
      const u = (tent.start + k + 0.5) / scale - 0.5;
      const p = Math.floor(u);
      const frac = u - p;
      onReduced[Math.min(reduced - 1, Math.max(0, p))] += tent.weights[k] * (1 - frac);
      onReduced[Math.min(reduced - 1, Math.max(0, p + 1))] += tent.weights[k] * frac;
    }
    let first = 0;
    while (first < reduced - 1 && onReduced[first] === 0) first++;
    let last = reduced - 1;
    while (last > first && onReduced[last] === 0) last--;
    rows.push({ start: first, weights: onReduced.slice(first, last + 1) });
  }
  return rows;
}

/** The vertical rows, and for each reduced row y the (output row, weight) pairs that read it. */
type Vertical = { rows: AxisRow[]; readers: Array<Array<[row: number, weight: number]>> };

/** Camera sizes repeat, so the weights of a (source, reduced) pair are computed once. */
const cache = new Map<string, Vertical>();
function weightsFor(source: number, reduced: number): Vertical {
  const key = `${source}/${reduced}`;
  let found = cache.get(key);
  if (!found) {
    if (cache.size >= 256) cache.clear();
    const rows = axisRows(source, reduced);
    const readers: Vertical['readers'] = Array.from({ length: reduced }, () => []);
    rows.forEach(({ start, weights }, i) => weights.forEach((w, k) => readers[start + k].push([i, w])));
    found = { rows, readers };
    cache.set(key, found);
  }
  return found;
}

/** Writes the luma of reduced row y into `out`. */
type RowLuma = (y: number, out: Float64Array) => void;

/**
 * The 64×64 grid the reference would decimate from the full-resolution tent-filtered luma: each reduced
 * row is read once and added, weighted, to the output rows that use it.
 */
function gridFromReduced(rowLuma: RowLuma, width: number, height: number, source: Size): Float64Array {
  const down = weightsFor(source.height, height);
  const across = weightsFor(source.width, width).rows;
  const rowSums = new Float64Array(CELLS * width);
  const luma = new Float64Array(width);
  for (let y = 0; y < height; y++) {
    if (down.readers[y].length === 0) continue;
    rowLuma(y, luma);
    for (const [i, weight] of down.readers[y]) {
      const out = i * width;
      for (let x = 0; x < width; x++) rowSums[out + x] += weight * luma[x];
    }
  }
  const grid = new Float64Array(CELLS * CELLS);
  for (let i = 0; i < CELLS; i++) {
    for (let j = 0; j < CELLS; j++) {
      const { start, weights } = across[j];
      const from = i * width + start;
      let sum = 0;
      for (let k = 0; k < weights.length; k++) sum += weights[k] * rowSums[from + k];
      grid[i * CELLS + j] = sum;
    }
  }
  return grid;
}

/**
 * PDQ (hash, quality, 8 dihedral hashes) of a `source`-sized image from the luma of its `width`×`height`
 * reduced decode. When nothing was reduced this is exactly pdqHashFromLuma, bit for bit.
 */
export function pdqHashFromReducedLuma(luma: LumaArray, width: number, height: number, source: Size): PdqResult {
  // Reducing never grows a side, so a source too small to hash gets the reference's all-zero result there too.
  const exact = (source.width === width && source.height === height) || Math.min(source.width, source.height) < 5;
  if (exact) return pdqHashFromLuma(luma, width, height);
  if (luma.length < width * height) throw new RangeError(`luma has ${luma.length} values, need ${width * height}`);
  const rowLuma: RowLuma = (y, out) => out.set(luma.subarray(y * width, (y + 1) * width));
  return pdqHashFromGrid(gridFromReduced(rowLuma, width, height, source));
}
