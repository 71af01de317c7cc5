// The pre-check's verdict on a greyscale raster. Local-contrast ink (dark on light and light on dark) is split into
// connected components; glyph-sized ones that sit side by side on a row make a chain, and a chain of three sends the
// image to full OCR. It errs towards reading: texture makes chains too, which costs a full OCR, never a miss.

/** Ink: this much darker (or lighter) than the mean of its 15×15 window. */
const INK_CONTRAST = 16;
const WINDOW = 7;
/** A glyph (or a few touching glyphs) at raster scale. */
const GLYPH = { minHeight: 3, maxHeightShare: 0.25, maxAspect: 8, minFill: 0.2, minArea: 6 };
/** Neighbours on a line: heights within this ratio, gaps under this many heights. */
const NEIGHBOUR = { heightRatio: 2, gap: 1.5, centre: 0.5 };
const CHAIN = 3;
const LINE = { row: 2, aspect: 2 };
const MAX_REGIONS = 12;

/** A run of glyphs at raster scale: where full OCR looks closely. */
export type TextRegion = { x0: number; y0: number; x1: number; y1: number; glyphs: number };

export type Judgement = {
  textLike: boolean;
  /** Glyph-like components found, and the largest group of row neighbours among them. */
  glyphs: number;
  largestGroup: number;
  /** Raster size: the space of `regions`. */
  width: number;
  height: number;
  /** Groups of CHAIN or more glyphs, the MAX_REGIONS largest, largest first; how many there were in all. */
  regions: TextRegion[];
  regionCount: number;
};

/** Grey levels 0–255, one per pixel: sharp's greyscale bytes, or the luma PDQ computes from the ingest raster. */
export type GreyLevels = Uint8Array | Float64Array;

type Box = { x0: number; y0: number; x1: number; y1: number; area: number };

const DARK = 1;
const LIGHT = 2;

/**
 * Ink against the local mean, both polarities in one pass: DARK or LIGHT where a pixel stands out from its window.
 * Window sums slide (a column sum per x, updated row by row, then a running sum along the row): O(1) per pixel.
 */
function inkMask(grey: Uint8Array, w: number, h: number): Uint8Array {
  const mask = new Uint8Array(w * h);
  const columns = new Int32Array(w);
  const spans = Int32Array.from({ length: w }, (_, x) => Math.min(w, x + WINDOW + 1) - Math.max(0, x - WINDOW));
  // Column sums of rows [0, WINDOW] before the first row; each row then adds the row entering and drops the one leaving.
  for (let y = 0; y < Math.min(h, WINDOW); y++) for (let x = 0; x < w; x++) columns[x]! += grey[y * w + x]!;
  for (let y = 0; y < h; y++) {
    const enter = y + WINDOW;
    const leave = y - WINDOW - 1;
    if (enter < h) for (let x = 0, o = enter * w; x < w; x++) columns[x]! += grey[o + x]!;
    if (leave >= 0) for (let x = 0, o = leave * w; x < w; x++) columns[x]! -= grey[o + x]!;
    const rows = Math.min(h, enter + 1) - Math.max(0, y - WINDOW);
    inkRow(grey, mask, columns, spans, y * w, rows);
  }
  return mask;
}

/** One row of the mask: a running sum of the column sums over [x − WINDOW, x + WINDOW]. */
function inkRow(grey: Uint8Array, mask: Uint8Array, columns: Int32Array, spans: Int32Array, o: number, rows: number) {
  const w = columns.length;
  let sum = 0;
  for (let x = 0; x < Math.min(w, WINDOW); x++) sum += columns[x]!;
  for (let x = 0; x < w; x++) {
    if (x + WINDOW < w) sum += columns[x + WINDOW]!;
    if (x - WINDOW - 1 >= 0) sum -= columns[x - WINDOW - 1]!;
    const n = rows * spans[x]!;
    // v against the mean without a division: v·n compared with the window's sum.
    const vn = grey[o + x]! * n;
    if (vn < sum - INK_CONTRAST * n) mask[o + x] = DARK;
    else if (vn > sum + INK_CONTRAST * n) mask[o + x] = LIGHT;
  }
}

const find = (parent: Int32Array, i: number): number => {
  while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
  return i;
};

/**
 * First pass of the labelling, both polarities at once (a pixel joins only neighbours of its own polarity). Labels
 * are 1-based (0: no ink); `parent` holds each label's equivalence, resolved to its root at the end.
 */
function label(mask: Uint8Array, w: number, h: number) {
  const labels = new Int32Array(w * h);
  const parent = new Int32Array(Math.ceil((w * h) / 2) + 2);
  let next = 1;
  for (let y = 0, i = 0; y < h; y++) {
    for (let x = 0; x < w; x++, i++) {
      const m = mask[i];
      if (m === 0) continue;
      const up = y > 0 && mask[i - w] === m ? labels[i - w]! : 0;
      const left = x > 0 && mask[i - 1] === m ? labels[i - 1]! : 0;
      if (up === 0 && left === 0) {
        parent[next] = next;
        labels[i] = next++;
      } else if (up !== 0 && left !== 0 && up !== left) {
        const a = find(parent, up);
        const b = find(parent, left);
        labels[i] = a < b ? a : b;
        if (a !== b) parent[a < b ? b : a] = a < b ? a : b;
      } else labels[i] = up !== 0 ? up : left;
    }
  }
  // Roots are the smallest label of their set, so one ascending sweep resolves every label to its root.
  for (let r = 1; r < next; r++) parent[r] = parent[parent[r]!]!;
  return { labels, parent, count: next };
}

/** 4-connected components (two passes, union-find) as bounding boxes with pixel counts, per polarity. */
function components(mask: Uint8Array, w: number, h: number): Record<number, Box[]> {
  const { labels, parent, count } = label(mask, w, h);
  const x0 = new Int32Array(count).fill(w);
  const y0 = new Int32Array(count).fill(h);
  const x1 = new Int32Array(count);
  const y1 = new Int32Array(count);
  const area = new Int32Array(count);
  const polarity = new Uint8Array(count);
  for (let y = 0, i = 0; y < h; y++) {
    for (let x = 0; x < w; x++, i++) {
      const l = labels[i]!;
      if (l === 0) continue;
      const r = parent[l]!;
      if (x < x0[r]!) x0[r] = x;
      if (x >= x1[r]!) x1[r] = x + 1;
      if (y < y0[r]!) y0[r] = y;
      y1[r] = y + 1;
      area[r]!++;
      polarity[r] = mask[i]!;
    }
  }
  const boxes: Record<number, Box[]> = { [DARK]: [], [LIGHT]: [] };
  for (let r = 1; r < count; r++) {
    if (area[r]! > 0) boxes[polarity[r]!]!.push({ x0: x0[r]!, y0: y0[r]!, x1: x1[r]!, y1: y1[r]!, area: area[r]! });
  }
  return boxes;
}

function isGlyph(b: Box, imageHeight: number): boolean {
  const bw = b.x1 - b.x0;
  const bh = b.y1 - b.y0;
  if (bh < GLYPH.minHeight || bh > Math.max(GLYPH.minHeight, imageHeight * GLYPH.maxHeightShare)) return false;
  if (b.area < GLYPH.minArea || bw / bh > GLYPH.maxAspect) return false;
  return b.area / (bw * bh) >= GLYPH.minFill;
}

const neighbours = (a: Box, b: Box): boolean => {
  const ha = a.y1 - a.y0;
  const hb = b.y1 - b.y0;
  const hi = Math.max(ha, hb);
  if (hi / Math.min(ha, hb) > NEIGHBOUR.heightRatio) return false;
  if (Math.abs(a.y0 + a.y1 - b.y0 - b.y1) / 2 > NEIGHBOUR.centre * hi) return false;
  const gap = b.x0 - a.x1;
  return gap <= NEIGHBOUR.gap * hi && gap >= -0.3 * hi;
};

/** A group of glyphs that follow each other: its box, how many, and their heights. */
type Group = Box & { glyphs: number; heights: number[] };

/** Glyphs linked as row neighbours (union-find; sorted by x, each looks a few heights ahead), as groups of boxes. */
function glyphGroups(glyphs: Box[]): Group[] {
  const sorted = [...glyphs].sort((a, b) => a.x0 - b.x0);
  const parent = Int32Array.from(sorted, (_, i) => i);
  const size = new Int32Array(sorted.length);
  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i]!;
    const reach = a.x1 + NEIGHBOUR.gap * (a.y1 - a.y0) * NEIGHBOUR.heightRatio;
    for (let j = i + 1; j < sorted.length && sorted[j]!.x0 <= reach; j++) {
      if (neighbours(a, sorted[j]!)) parent[find(parent, j)] = find(parent, i);
    }
  }
  for (let i = 0; i < sorted.length; i++) size[find(parent, i)]!++;
  // Only groups long enough to be a line are built (in order of first glyph, so ties keep their order).
  const groups = new Map<number, Group>();
  sorted.forEach((b, i) => {
    const root = find(parent, i);
    if (size[root]! < CHAIN) return;
    const g = groups.get(root);
    if (!g) groups.set(root, { ...b, glyphs: 1, heights: [b.y1 - b.y0] });
    else {
      g.heights.push(b.y1 - b.y0);
      g.x0 = Math.min(g.x0, b.x0);
      g.y0 = Math.min(g.y0, b.y0);
      g.x1 = Math.max(g.x1, b.x1);
      g.y1 = Math.max(g.y1, b.y1);
      g.area += b.area;
      g.glyphs++;
    }
  });
  return [...groups.values()];
}

/**
 * A line of text: CHAIN glyphs or more on one row (no taller than `row` times its median glyph, the ascender to
 * descender span of lower case: texture chains across rows and sizes) and longer than high. Railings and fences can
 * pass; that costs a full OCR, never a miss.
 */
const isLine = (g: Group) =>
  g.glyphs >= CHAIN && g.y1 - g.y0 <= LINE.row * median(g.heights) && g.x1 - g.x0 >= LINE.aspect * (g.y1 - g.y0);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

/** Levels rounded to bytes (a plain loop: Uint8Array.from with a map function costs ~50 ns a pixel). */
function wholeLevels(levels: Float64Array): Uint8Array {
  const out = new Uint8Array(levels.length);
  for (let i = 0; i < levels.length; i++) out[i] = levels[i]! + 0.5;
  return out;
}

/** The verdict on a greyscale raster: glyph-like components of either polarity, grouped into lines. */
export function judgeRaster(levels: GreyLevels, width: number, height: number): Judgement {
  // Whole grey levels keep the window sums in integers (and the loops on one array type).
  const grey = levels instanceof Uint8Array ? levels : wholeLevels(levels);
  const boxes = components(inkMask(grey, width, height), width, height);
  let glyphs = 0;
  const regions: TextRegion[] = [];
  for (const polarity of [DARK, LIGHT]) {
    const found = boxes[polarity]!.filter((b) => isGlyph(b, height));
    glyphs += found.length;
    for (const g of glyphGroups(found)) {
      if (isLine(g)) regions.push({ x0: g.x0, y0: g.y0, x1: g.x1, y1: g.y1, glyphs: g.glyphs });
    }
  }
  regions.sort((a, b) => b.glyphs - a.glyphs);
  return {
    textLike: regions.length > 0,
    glyphs,
    largestGroup: regions[0]?.glyphs ?? Math.min(glyphs, CHAIN - 1),
    width,
    height,
    regions: regions.slice(0, MAX_REGIONS),
    regionCount: regions.length,
  };
}
