// Tesseract's LSTM often reads an underscore between two words as a space, so "@darkfox_78" comes back as
// "@darkfox 78" (serif and mono fonts above all). A person sees the stroke in the gap; so do we, from the pixels.
import type { Baseline, Bbox } from 'tesseract.js';

import type { WorkWord } from './lines.ts';
import type { Grey } from './raster.ts';

type LineGeometry = { bbox: Bbox; baseline: Baseline };

/** The line's pixels with ink as 1: dark ink on a light ground, or light ink where the pass left the ground dark. */
type Ink = { width: number; height: number; at(x: number, y: number): boolean };

function inkOf(image: Grey, box: Bbox): Ink {
  let sum = 0;
  let n = 0;
  for (let y = Math.max(0, box.y0); y < Math.min(image.height, box.y1); y++) {
    for (let x = Math.max(0, box.x0); x < Math.min(image.width, box.x1); x++, n++)
      sum += image.data[y * image.width + x];
  }
  const lightGround = n === 0 || sum / n >= 128;
  return {
    width: image.width,
    height: image.height,
    at: (x, y) => image.data[y * image.width + x] < 128 === lightGround,
  };
}

/** Fraction of ink pixels in rows [y0, y1) over columns [x0, x1). */
function inkShare(image: Ink, y0: number, y1: number, x0: number, x1: number): number {
  let ink = 0;
  let all = 0;
  for (let y = Math.max(0, y0); y < Math.min(image.height, y1); y++) {
    for (let x = Math.max(0, x0); x < Math.min(image.width, x1); x++, all++) if (image.at(x, y)) ink++;
  }
  return all === 0 ? 0 : ink / all;
}

function baselineAt(line: LineGeometry, x: number): number {
  const { x0, y0, x1, y1 } = line.baseline;
  if (x1 === x0) return line.bbox.y1;
  return y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
}

/** Runs of ink in row y within [x0, x1), at least `min` pixels long. */
function inkRuns(image: Ink, y: number, x0: number, x1: number, min: number): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  if (y < 0 || y >= image.height) return runs;
  let start = -1;
  for (let x = Math.max(0, x0); x <= Math.min(image.width, x1); x++) {
    const dark = x < Math.min(image.width, x1) && image.at(x, y);
    if (dark && start < 0) start = x;
    if (!dark && start >= 0) {
      if (x - start >= min) runs.push([start, x]);
      start = -1;
    }
  }
  return runs;
}

/**
 * A thin low stroke where one word ends and the next begins, with nothing above it in the x-height band (so not
 * the bowl of a g, nor a link's underline, which runs under letters) and nothing just below (not the next line).
 */
function underscoreBetween(a: WorkWord, b: WorkWord, line: LineGeometry, image: Ink): boolean {
  const h = Math.max(a.bbox.y1 - a.bbox.y0, b.bbox.y1 - b.bbox.y0);
  if (h < 6) return false;
  // Apart, the stroke must fill the gap between the boxes (a j's tail lies inside its own box); overlapping boxes
  // mean the LSTM put the space inside one ink chunk, so the stroke is looked for around the overlap.
  const gap = b.bbox.x0 - a.bbox.x1;
  const [left, right] = [Math.min(a.bbox.x1, b.bbox.x0), Math.max(a.bbox.x1, b.bbox.x0)];
  const reach = gap >= 2 ? 0 : Math.round(0.4 * h);
  const [wx0, wx1] = [left - reach, right + reach];
  const base = Math.round(baselineAt(line, (left + right) / 2));
  const thin = Math.max(2, Math.round(0.12 * h));
  for (let y = base; y <= base + Math.round(0.3 * h); y++) {
    const min = gap >= 2 ? Math.max(2, Math.round(0.7 * gap)) : Math.max(3, Math.round(0.25 * h));
    for (const [r0, r1] of inkRuns(image, y, wx0, wx1, min)) {
      const [m0, m1] = [r0 + Math.round((r1 - r0) / 4), r1 - Math.round((r1 - r0) / 4)];
      const above = inkShare(image, Math.round(base - 0.45 * h), Math.round(base - 0.1 * h), m0, m1);
      const below = inkShare(image, y + thin, y + thin + Math.round(0.15 * h), m0, m1);
      if (above < 0.1 && below < 0.1) return true;
    }
  }
  return false;
}

/** Joins neighbouring words that an underscore connects on the page. */
export function restoreUnderscores(words: WorkWord[], line: LineGeometry, image: Grey): WorkWord[] {
  const ink = inkOf(image, line.bbox);
  const out: WorkWord[] = [];
  for (const word of words) {
    const prev = out[out.length - 1];
    const joinable = prev && prev.text && word.text && !prev.text.endsWith('_') && !word.text.startsWith('_');
    if (joinable && underscoreBetween(prev, word, line, ink)) {
      out[out.length - 1] = {
        text: `${prev.text}_${word.text}`,
        confidence: Math.min(prev.confidence, word.confidence),
        bbox: {
          x0: prev.bbox.x0,
          y0: Math.min(prev.bbox.y0, word.bbox.y0),
          x1: Math.max(prev.bbox.x1, word.bbox.x1),
          y1: Math.max(prev.bbox.y1, word.bbox.y1),
        },
      };
    } else out.push(word);
  }
  return out;
}
