// Text in photographs: tesseract's page layout takes a sign or a caption in a photo for part of the picture and
// reads nothing there. The pre-check already found where glyphs line up; each such region (merged with its
// neighbours, padded) is cut from the source and read on its own, and its lines replace the page reading's there.
import sharp from 'sharp';

import { readHeader } from '../imaging/analyse-image.ts';
import { unionBox, type OcrBox } from './lines.ts';
import { OcrError } from './ocr-error.ts';
import type { Precheck, TextRegion } from './precheck.ts';

/** Part of the engine version of a reading that includes regions (bump when this changes a reading). */
export const REGIONS_VERSION = 'regions/1';

/** Regions read per image at most: texture can look like many short lines, and each read costs ~0.3 s. */
const MAX_CROPS = 6;
/** Padding around a region, in line heights: tight first (the sign's own ground), looser when that read nothing. */
const PADS = [0.5, 1.2];
/** A page line this confident covers its region already. */
const READ_WELL = 70;

type Word = { text: string; confidence: number; box: OcrBox };
type Line = { text: string; words: Word[] };
type Reading = { text: string; lines: Line[]; width: number | null; height: number | null };
type ReadImage = (bytes: Buffer) => Promise<Reading>;

const overlaps = (a: OcrBox, b: OcrBox) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/** Region boxes in source pixels, padded and merged where they touch, largest first. */
export function cropBoxes(p: Precheck, width: number, height: number, padLines = PADS[0]!): OcrBox[] {
  const sx = width / p.width;
  const sy = height / p.height;
  const padded = p.regions.map((r: TextRegion) => {
    const pad = (r.y1 - r.y0) * padLines;
    return {
      x0: Math.max(0, Math.floor((r.x0 - pad) * sx)),
      y0: Math.max(0, Math.floor((r.y0 - pad) * sy)),
      x1: Math.min(width, Math.ceil((r.x1 + pad) * sx)),
      y1: Math.min(height, Math.ceil((r.y1 + pad) * sy)),
    };
  });
  const merged: OcrBox[] = [];
  for (const box of padded) {
    let b = box;
    for (let i = merged.length - 1; i >= 0; i--) {
      if (!overlaps(merged[i]!, b)) continue;
      const m = merged.splice(i, 1)[0]!;
      b = { x0: Math.min(m.x0, b.x0), y0: Math.min(m.y0, b.y0), x1: Math.max(m.x1, b.x1), y1: Math.max(m.y1, b.y1) };
    }
    merged.push(b);
  }
  const area = (b: OcrBox) => (b.x1 - b.x0) * (b.y1 - b.y0);
  // A crop that is nearly the whole image adds nothing to the page reading.
  return merged
    .filter((b) => area(b) < 0.8 * width * height && b.x1 - b.x0 >= 8 && b.y1 - b.y0 >= 8)
    .slice(0, MAX_CROPS);
}

const shift = (b: OcrBox, dx: number, dy: number): OcrBox => ({
  x0: b.x0 + dx,
  y0: b.y0 + dy,
  x1: b.x1 + dx,
  y1: b.y1 + dy,
});

const lineBox = (l: Line) => unionBox(l.words.map((w) => w.box));
const lineConfidence = (l: Line) => l.words.reduce((s, w) => s + w.confidence, 0) / Math.max(1, l.words.length);

async function readCrop(read: ReadImage, bytes: Buffer, c: OcrBox, limitInputPixels: number): Promise<Line[]> {
  const png = await sharp(bytes, { limitInputPixels })
    .rotate()
    .extract({ left: c.x0, top: c.y0, width: c.x1 - c.x0, height: c.y1 - c.y0 })
    .png({ compressionLevel: 1 })
    .toBuffer();
  const lines = (await read(png)).lines.filter((l) => l.words.length > 0);
  return lines.map((l) => {
    const words = l.words.map((w) => ({ ...w, box: shift(w.box, c.x0, c.y0) }));
    return { ...l, words, box: unionBox(words.map((w) => w.box)) };
  });
}

/** The page reading improved by the regions' own readings (boxes in source coordinates throughout). */
export async function readRegions<R extends Reading>(
  read: ReadImage,
  bytes: Buffer,
  p: Precheck,
  page: R,
  limitInputPixels: number,
): Promise<R> {
  if (!page.width || !page.height) return page;
  const pageLines = page.lines.filter((l) => l.words.length > 0);
  // Where the page reading already read text well (a screenshot), a second look adds nothing.
  const unread = (c: OcrBox) => !pageLines.some((l) => lineConfidence(l) >= READ_WELL && overlaps(c, lineBox(l)));
  const found: Line[] = [];
  const tried: OcrBox[] = [];
  for (const pad of PADS) {
    const crops = cropBoxes(p, page.width, page.height, pad).filter(
      (c) => unread(c) && !found.some((l) => overlaps(c, lineBox(l))),
    );
    for (const c of crops) found.push(...(await readCrop(read, bytes, c, limitInputPixels)));
    tried.push(...crops);
  }
  if (found.length === 0) return page;
  const kept = pageLines.filter((l) => !tried.some((c) => overlaps(c, lineBox(l))));
  const lines = [...kept, ...found].sort((a, b) => lineBox(a).y0 - lineBox(b).y0 || lineBox(a).x0 - lineBox(b).x0);
  return { ...page, text: lines.map((l) => l.text).join('\n'), lines };
}

/**
 * The page reading, then its regions. When the page reading fails in the engine (a huge photograph of texture can
 * outlast the time limit) the regions are still read on their own: a sign is not lost with the page. `pageError`
 * says so; with nothing read from the regions either, the engine's error stands.
 */
export async function readPageAndRegions(
  read: ReadImage,
  bytes: Buffer,
  p: Precheck,
  limitInputPixels: number,
): Promise<Reading & { pageError?: string }> {
  let pageError: OcrError | undefined;
  const page = await read(bytes).catch(async (error: unknown) => {
    if (!(error instanceof OcrError) || error.reason !== 'engine' || p.regions.length === 0) throw error;
    pageError = error;
    const { width, height } = await readHeader(bytes);
    return { text: '', lines: [], width, height };
  });
  const reading = await readRegions(read, bytes, p, page, limitInputPixels);
  if (!pageError) return reading;
  if (reading.lines.length === 0) throw pageError;
  return { ...reading, pageError: pageError.detail };
}
