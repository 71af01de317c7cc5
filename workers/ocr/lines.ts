// Tesseract's page → our lines and words, in the source image's coordinates; passes merged per region.
import type { Bbox, Line, Page } from 'tesseract.js';

import type { Grey } from './raster.ts';
import { restoreUnderscores } from './underscores.ts';

export type OcrBox = { x0: number; y0: number; x1: number; y1: number };
type OcrWord = { text: string; confidence: number; box: OcrBox };
export type OcrLine = { text: string; confidence: number; box: OcrBox; words: OcrWord[] };

/** A word in work-image coordinates, before mapping back. */
export type WorkWord = { text: string; confidence: number; bbox: Bbox };

const round1 = (n: number) => Math.round(n * 10) / 10;

function* pageLines(page: Page): Generator<Line> {
  for (const block of page.blocks ?? []) for (const paragraph of block.paragraphs) yield* paragraph.lines;
}

// Specks and bubble tails come back as lone punctuation with low confidence; real text has a letter or digit.
const isNoise = (w: WorkWord) => !/[\p{L}\p{N}]/u.test(w.text) && w.confidence < 50;

/**
 * Where a pass's image sits: `scale` work pixels per source pixel, its top-left corner at `offset` in the work
 * image (a crop of it), and the source's size for clamping.
 */
export type PassGeometry = {
  image: Grey;
  scale: { x: number; y: number };
  offset?: { x: number; y: number };
  width: number;
  height: number;
};

function toSourceBox(b: Bbox, pass: PassGeometry): OcrBox {
  const clamp = (v: number, max: number) => Math.min(max, Math.max(0, v));
  const { x: dx, y: dy } = pass.offset ?? { x: 0, y: 0 };
  return {
    x0: clamp(Math.floor((b.x0 + dx) / pass.scale.x), pass.width),
    y0: clamp(Math.floor((b.y0 + dy) / pass.scale.y), pass.height),
    x1: clamp(Math.ceil((b.x1 + dx) / pass.scale.x), pass.width),
    y1: clamp(Math.ceil((b.y1 + dy) / pass.scale.y), pass.height),
  };
}

/** The lines of one pass, in source coordinates, with underscores restored and noise dropped. */
export function readPassLines(page: Page, pass: PassGeometry): OcrLine[] {
  const lines: OcrLine[] = [];
  for (const line of pageLines(page)) {
    const raw = line.words.map((w) => ({ text: w.text.trim(), confidence: w.confidence, bbox: w.bbox }));
    const words = restoreUnderscores(raw, line, pass.image).filter((w) => w.text !== '' && !isNoise(w));
    if (words.length === 0) continue;
    const mapped = words.map((w) => ({
      text: w.text,
      confidence: round1(w.confidence),
      box: toSourceBox(w.bbox, pass),
    }));
    lines.push({
      text: mapped.map((w) => w.text).join(' '),
      confidence: round1(mapped.reduce((sum, w) => sum + w.confidence, 0) / mapped.length),
      box: unionBox(mapped.map((w) => w.box)),
      words: mapped,
    });
  }
  return lines;
}

export function unionBox(boxes: OcrBox[]): OcrBox {
  return {
    x0: Math.min(...boxes.map((b) => b.x0)),
    y0: Math.min(...boxes.map((b) => b.y0)),
    x1: Math.max(...boxes.map((b) => b.x1)),
    y1: Math.max(...boxes.map((b) => b.y1)),
  };
}

const overlap = (a0: number, a1: number, b0: number, b1: number) => Math.min(a1, b1) - Math.max(a0, b0);

/** Two lines are one region when they overlap across and share most of the shorter one's height. */
export function sameRegion(a: OcrBox, b: OcrBox): boolean {
  const down = overlap(a.y0, a.y1, b.y0, b.y1);
  return overlap(a.x0, a.x1, b.x0, b.x1) > 0 && down >= 0.5 * Math.min(a.y1 - a.y0, b.y1 - b.y0);
}

/** Tesseract now and then returns one line twice (in two layout blocks): keep the more confident reading.
 * A fragment (much narrower than the line it lies in) is not a twin. */
export function dropDuplicateLines(lines: OcrLine[]): OcrLine[] {
  const kept: OcrLine[] = [];
  for (const line of [...lines].sort((a, b) => b.confidence - a.confidence)) {
    const b = line.box;
    const twin = kept.some(
      ({ box: a }) =>
        overlap(a.x0, a.x1, b.x0, b.x1) >= 0.6 * Math.max(a.x1 - a.x0, b.x1 - b.x0) &&
        overlap(a.y0, a.y1, b.y0, b.y1) >= 0.6 * Math.min(a.y1 - a.y0, b.y1 - b.y0),
    );
    if (!twin) kept.push(line);
  }
  return lines.filter((l) => kept.includes(l));
}

/** Confidence of a pass's reading of a region, weighted by the characters each line holds. */
export function readingScore(lines: OcrLine[]): number {
  const chars = lines.reduce((n, l) => n + l.text.length, 0);
  return chars === 0 ? 0 : lines.reduce((sum, l) => sum + l.confidence * l.text.length, 0) / chars;
}

/**
 * One reading per region: lines of different passes that overlap form a region, and the pass that reads the
 * region with the better confidence keeps its lines there (the earlier pass on a tie). Never two readings of a line.
 */
export function mergePasses(readings: OcrLine[][]): OcrLine[] {
  const passes = readings.map(dropDuplicateLines);
  const all = passes.flatMap((lines, pass) => lines.map((line) => ({ line, pass })));
  const region = all.map((_, i) => i);
  const find = (i: number): number => (region[i] === i ? i : (region[i] = find(region[i])));
  for (let i = 0; i < all.length; i++) {
    for (let j = i + 1; j < all.length; j++) {
      if (all[i].pass !== all[j].pass && sameRegion(all[i].line.box, all[j].line.box)) region[find(j)] = find(i);
    }
  }
  const kept: OcrLine[] = [];
  for (const root of new Set(all.map((_, i) => find(i)))) {
    const members = all.filter((_, i) => find(i) === root);
    const byPass = passes.map((_, pass) => members.filter((m) => m.pass === pass).map((m) => m.line));
    const best = byPass.reduce((b, lines, pass) => (readingScore(lines) > readingScore(byPass[b]) ? pass : b), 0);
    kept.push(...byPass[best]);
  }
  return readingOrder(kept);
}

/** Top to bottom by the middle of each line; lines whose middles share a row, left to right. */
function readingOrder(lines: OcrLine[]): OcrLine[] {
  const middle = (l: OcrLine) => (l.box.y0 + l.box.y1) / 2;
  return [...lines].sort((a, b) => {
    const rowHeight = Math.min(a.box.y1 - a.box.y0, b.box.y1 - b.box.y0) / 2;
    return Math.abs(middle(a) - middle(b)) < rowHeight ? a.box.x0 - b.box.x0 : middle(a) - middle(b);
  });
}
