// A second look, as a careful reader takes one: at the lines read with low confidence, and at rows of ink no line
// was read from. On a whole screenshot tesseract's layout analysis now and then muddles a line with its neighbours
// (a time stamp tucked under a link) or skips it; read alone, the same pixels mostly come out right.
import { readingScore, readPassLines, sameRegion, unionBox, type OcrBox, type OcrLine } from './lines.ts';
import type { OcrPool } from './pool.ts';
import { encodePng, type Prepared } from './prepare.ts';
import { thickenDark, type Grey } from './raster.ts';

/** Lines below this confidence are looked at again. */
const RELOOK_BELOW = 75;
/** A line read alone counts when at least this confident; below it, a row of ink stays unread. */
export const CONFIDENT = 40;
// Second looks per image, at most: each is a small recognition of some 50–150 ms.
const MAX_LOOKS = 16;
// White around the crop: tesseract reads no text that touches the image edge.
const PAD = 24;

function crop(image: Grey, x0: number, y0: number, x1: number, y1: number): Grey {
  const width = x1 - x0 + 2 * PAD;
  const height = y1 - y0 + 2 * PAD;
  const data = new Uint8Array(width * height).fill(255);
  for (let y = y0; y < y1; y++) {
    const from = y * image.width;
    data.set(image.data.subarray(from + x0, from + x1), (y - y0 + PAD) * width + PAD);
  }
  return { data, width, height };
}

/** Pieces of one line side by side; overlapping pieces (tesseract reading a line twice) make the reading moot. */
function overlapping(lines: OcrLine[]): boolean {
  return lines.some((a, i) =>
    lines.some((b, j) => {
      const across = Math.min(a.box.x1, b.box.x1) - Math.max(a.box.x0, b.box.x0);
      return i < j && across > 0.3 * Math.min(a.box.x1 - a.box.x0, b.box.x1 - b.box.x0);
    }),
  );
}

/** What is written across the middle of `box` (source coordinates), read on its own; null when nothing is. */
async function readAlone(pool: OcrPool, prepared: Prepared, box: OcrBox): Promise<OcrLine | null> {
  const { scale, upscaled: image } = prepared;
  const margin = Math.round(0.1 * (prepared.ink.lineHeight ?? box.y1 - box.y0) * scale.y);
  const x0 = Math.max(0, Math.floor(box.x0 * scale.x) - margin);
  const x1 = Math.min(image.width, Math.ceil(box.x1 * scale.x) + margin);
  const y0 = Math.max(0, Math.floor(box.y0 * scale.y) - margin);
  const y1 = Math.min(image.height, Math.ceil(box.y1 * scale.y) + margin);
  if (x1 - x0 < 4 || y1 - y0 < 4) return null;
  const alone = thickenDark(crop(image, x0, y0, x1, y1));
  const page = await pool.recognize(await encodePng(alone));
  const geometry = { ...prepared, image: alone, offset: { x: x0 - PAD, y: y0 - PAD } };
  const middle = (box.y0 + box.y1) / 2;
  const parts = readPassLines(page, geometry).filter((l) => l.box.y0 <= middle && l.box.y1 >= middle);
  if (parts.length === 0 || overlapping(parts)) return null;
  const words = parts.flatMap((p) => p.words).sort((a, b) => a.box.x0 - b.box.x0);
  return {
    text: words.map((w) => w.text).join(' '),
    confidence: Math.round(readingScore(parts) * 10) / 10,
    box: unionBox(words.map((w) => w.box)),
    words,
  };
}

export type Relooked = { tried: number; improved: number };

/** Each doubtful line, replaced by its reading alone when that is the more confident (in place). */
export async function relookDoubtfulLines(pool: OcrPool, prepared: Prepared, lines: OcrLine[]): Promise<Relooked> {
  const doubtful = lines
    .filter((l) => l.confidence < RELOOK_BELOW)
    .sort((a, b) => a.confidence - b.confidence)
    .slice(0, MAX_LOOKS);
  let improved = 0;
  // A line box much taller than the page's lines has swallowed something beneath it (a time stamp): keep the top.
  const tallest = 1.15 * (prepared.ink.lineHeight ?? Infinity);
  for (const line of doubtful) {
    const { box } = line;
    const alone = await readAlone(
      pool,
      prepared,
      box.y1 - box.y0 > 1.3 * tallest ? { ...box, y1: box.y0 + tallest } : box,
    );
    if (!alone || alone.confidence <= line.confidence) continue;
    lines[lines.indexOf(line)] = alone;
    improved++;
  }
  return { tried: doubtful.length, improved };
}

/** Rows of ink (likely text lines) that no confident line covers. */
export function unreadRows(prepared: Prepared, lines: OcrLine[]): Array<[number, number]> {
  const tallest = 3 * (prepared.ink.lineHeight ?? Infinity); // taller runs of ink are pictures, not lines
  return prepared.textRows.filter(
    ([y0, y1]) =>
      y1 - y0 <= tallest &&
      !lines.some(
        (l) => l.confidence >= CONFIDENT && Math.min(l.box.y1, y1) - Math.max(l.box.y0, y0) >= 0.5 * (y1 - y0),
      ),
  );
}

/** Each unread row of ink, read alone across the full width; confident readings join the lines (in place). */
export async function readUnreadRows(pool: OcrPool, prepared: Prepared, lines: OcrLine[]): Promise<Relooked> {
  const rows = unreadRows(prepared, lines).slice(0, MAX_LOOKS);
  let improved = 0;
  for (const [y0, y1] of rows) {
    const alone = await readAlone(pool, prepared, { x0: 0, y0, x1: prepared.width, y1 });
    if (!alone || alone.confidence < CONFIDENT || lines.some((l) => sameRegion(l.box, alone.box))) continue;
    lines.push(alone);
    improved++;
  }
  return { tried: rows.length, improved };
}
