// The OCR stage's cheap pre-check: does this image hold anything that could be a line of text? Most seized
// photographs do not, and full OCR costs a second each. On a small greyscale rendition, local-contrast ink (dark
// on light and light on dark) is split into connected components; glyph-sized ones that sit side by side on a row
// make a chain, and three in a chain send the image to full OCR. It errs towards reading: texture makes chains too.
import sharp from 'sharp';

/** Bump when a change can alter a verdict, so stored verdicts can be told apart. */
const PRECHECK_VERSION = 'precheck/1';

/**
 * Long side of the rendition: 512 px at least (cheap, and a JPEG decodes with shrink-on-load), more for large sources
 * so that the scale stays at SCALE: a 12 px caption keeps 4 px glyphs, which full OCR at source size still reads.
 */
const RENDITION = { min: 512, scale: 0.35, max: 1600 };
/** Ink: this much darker (or lighter) than the mean of its 15×15 window. */
const INK_CONTRAST = 16;
const WINDOW = 7;
/** A glyph (or a few touching glyphs) at rendition scale. */
const GLYPH = { minHeight: 3, maxHeightShare: 0.25, maxAspect: 8, minFill: 0.2, minArea: 6 };
/** Neighbours on a line: heights within this ratio, gaps under this many heights. */
const NEIGHBOUR = { heightRatio: 2, gap: 1.5, centre: 0.5 };
const CHAIN = 3;
const LINE = { row: 2, aspect: 2 };
const MAX_REGIONS = 12;

/** A run of glyphs at rendition scale: where full OCR looks closely. */
export type TextRegion = { x0: number; y0: number; x1: number; y1: number; glyphs: number };

export type Precheck = {
  version: string;
  /** True: send to full OCR. False: "geen tekst (voorselectie)". */
  textLike: boolean;
  /** Glyph-like components found, and the largest group of row neighbours among them. */
  glyphs: number;
  largestGroup: number;
  /** Rendition size: the space of `regions`. */
  width: number;
  height: number;
  /** Groups of CHAIN or more glyphs, the MAX_REGIONS largest, largest first; how many there were in all. */
  regions: TextRegion[];
  regionCount: number;
};

type Box = { x0: number; y0: number; x1: number; y1: number; area: number };

/** Ink against the local mean (integral image), both polarities in one pass: DARK or LIGHT where a pixel stands out. */
const DARK = 1;
const LIGHT = 2;
function inkMask(grey: Uint8Array, w: number, h: number): Uint8Array {
  const integral = integralOf(grey, w, h);
  const mask = new Uint8Array(w * h);
  const W = w + 1;
  for (let y = 0; y < h; y++) {
    const ya = Math.max(0, y - WINDOW) * W;
    const yb = Math.min(h, y + WINDOW + 1) * W;
    const rows = (yb - ya) / W;
    for (let x = 0; x < w; x++) {
      const xa = Math.max(0, x - WINDOW);
      const xb = Math.min(w, x + WINDOW + 1);
      const mean = (integral[yb + xb] - integral[ya + xb] - integral[yb + xa] + integral[ya + xa]) / (rows * (xb - xa));
      const v = grey[y * w + x];
      if (v < mean - INK_CONTRAST) mask[y * w + x] = DARK;
      else if (v > mean + INK_CONTRAST) mask[y * w + x] = LIGHT;
    }
  }
  return mask;
}

function integralOf(grey: Uint8Array, w: number, h: number): Float64Array {
  const W = w + 1;
  const out = new Float64Array(W * (h + 1));
  for (let y = 0; y < h; y++) {
    let row = 0;
    for (let x = 0; x < w; x++) {
      row += grey[y * w + x];
      out[(y + 1) * W + x + 1] = out[y * W + x + 1] + row;
    }
  }
  return out;
}

const find = (parent: Int32Array, i: number): number => {
  while (parent[i] !== i) i = parent[i] = parent[parent[i]];
  return i;
};

/** First pass of the labelling: provisional labels of the `want` pixels, and the equivalences between them. */
function label(mask: Uint8Array, w: number, h: number, want: number) {
  const labels = new Int32Array(w * h).fill(-1);
  const parent = new Int32Array(Math.ceil((w * h) / 2) + 1);
  let next = 0;
  for (let y = 0, i = 0; y < h; y++) {
    for (let x = 0; x < w; x++, i++) {
      if (mask[i] !== want) continue;
      const up = y > 0 ? labels[i - w] : -1;
      const left = x > 0 ? labels[i - 1] : -1;
      if (up < 0 && left < 0) {
        parent[next] = next;
        labels[i] = next++;
      } else if (up >= 0 && left >= 0) {
        const a = find(parent, up);
        const b = find(parent, left);
        labels[i] = a < b ? a : b;
        if (a !== b) parent[a < b ? b : a] = a < b ? a : b;
      } else labels[i] = up >= 0 ? up : left;
    }
  }
  return { labels, parent, count: next };
}

/** 4-connected components of one polarity (two passes, union-find), as bounding boxes with their pixel counts. */
function components(mask: Uint8Array, w: number, h: number, want: number): Box[] {
  const { labels, parent, count } = label(mask, w, h, want);
  const x0 = new Int32Array(count).fill(w);
  const y0 = new Int32Array(count).fill(h);
  const x1 = new Int32Array(count);
  const y1 = new Int32Array(count);
  const area = new Int32Array(count);
  for (let y = 0, i = 0; y < h; y++) {
    for (let x = 0; x < w; x++, i++) {
      if (labels[i] < 0) continue;
      const r = find(parent, labels[i]);
      if (x < x0[r]) x0[r] = x;
      if (x >= x1[r]) x1[r] = x + 1;
      if (y < y0[r]) y0[r] = y;
      y1[r] = y + 1;
      area[r]++;
    }
  }
  const boxes: Box[] = [];
  for (let r = 0; r < count; r++) {
    if (area[r] > 0) boxes.push({ x0: x0[r], y0: y0[r], x1: x1[r], y1: y1[r], area: area[r] });
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

/** A group of glyphs that follow each other: its box, how many, and the tallest glyph's height. */
type Group = Box & { glyphs: number; tallest: number; heights: number[] };

/** Glyphs linked as row neighbours (union-find; sorted by x, each looks a few heights ahead), as groups of boxes. */
function glyphGroups(glyphs: Box[]): Group[] {
  const sorted = [...glyphs].sort((a, b) => a.x0 - b.x0);
  const parent = Int32Array.from(sorted, (_, i) => i);
  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i]!;
    const reach = a.x1 + NEIGHBOUR.gap * (a.y1 - a.y0) * NEIGHBOUR.heightRatio;
    for (let j = i + 1; j < sorted.length && sorted[j]!.x0 <= reach; j++) {
      if (neighbours(a, sorted[j]!)) parent[find(parent, j)] = find(parent, i);
    }
  }
  const groups = new Map<number, Group>();
  sorted.forEach((b, i) => {
    const root = find(parent, i);
    const g = groups.get(root);
    if (!g) groups.set(root, { ...b, glyphs: 1, tallest: b.y1 - b.y0, heights: [b.y1 - b.y0] });
    else {
      g.tallest = Math.max(g.tallest, b.y1 - b.y0);
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
 * descender span of lower case: texture chains across rows and sizes) and longer than high. Railings and fences can pass; that costs a full OCR, never a miss.
 */
const isLine = (g: Group) =>
  g.glyphs >= CHAIN && g.y1 - g.y0 <= LINE.row * median(g.heights) && g.x1 - g.x0 >= LINE.aspect * (g.y1 - g.y0);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

/** Decodes a small rendition (shrink-on-load, EXIF rotation, first frame) and judges it. Throws on undecodable input. */
export async function precheckImage(bytes: Buffer, limitInputPixels: number): Promise<Precheck> {
  const { width = 0, height = 0 } = await sharp(bytes, { limitInputPixels }).metadata();
  const side = Math.round(Math.min(RENDITION.max, Math.max(RENDITION.min, Math.max(width, height) * RENDITION.scale)));
  const { data, info } = await sharp(bytes, { limitInputPixels })
    .rotate()
    .resize(side, side, { fit: 'inside', withoutEnlargement: true, kernel: 'linear' })
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const grey = new Uint8Array(data.buffer, data.byteOffset, info.width * info.height);
  return judgeGrey(grey, info.width, info.height);
}

/** The verdict on a greyscale raster: glyph-like components of either polarity, grouped into lines. */
function judgeGrey(grey: Uint8Array, width: number, height: number): Precheck {
  const mask = inkMask(grey, width, height);
  let glyphs = 0;
  const regions: TextRegion[] = [];
  for (const polarity of [DARK, LIGHT]) {
    const boxes = components(mask, width, height, polarity);
    const found = boxes.filter((b) => isGlyph(b, height));
    glyphs += found.length;
    for (const g of glyphGroups(found)) {
      if (isLine(g)) regions.push({ x0: g.x0, y0: g.y0, x1: g.x1, y1: g.y1, glyphs: g.glyphs });
    }
  }
  regions.sort((a, b) => b.glyphs - a.glyphs);
  const largestGroup = regions[0]?.glyphs ?? Math.min(glyphs, CHAIN - 1);
  return {
    version: PRECHECK_VERSION,
    textLike: regions.length > 0,
    glyphs,
    largestGroup,
    width,
    height,
    regions: regions.slice(0, MAX_REGIONS),
    regionCount: regions.length,
  };
}
