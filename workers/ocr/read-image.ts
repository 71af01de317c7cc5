// Reads the text of an image as a careful person would: every box in the source image's coordinates, the result
// plain JSON, versioned so that a cache keyed by the image's SHA-256 can tell stale readings from current ones.
import { createRequire } from 'node:module';

import { mergePasses, readPassLines, type OcrLine } from './lines.ts';
import { toOcrError } from './ocr-error.ts';
import { createOcrPool, type OcrPool } from './pool.ts';
import { encodePng, passImage, prepareImage, type Polarity, type Prepared } from './prepare.ts';
import { CONFIDENT, readUnreadRows, relookDoubtfulLines, unreadRows } from './relook.ts';
import { MODEL_VARIANT, OCR_LANGUAGES } from './tessdata.ts';

const tesseractVersion: string = createRequire(import.meta.url)('tesseract.js/package.json').version;

/** Bump the leading number whenever a change here can change a reading: cached results then count as stale. */
export const OCR_ENGINE_VERSION = `spoor-ocr/1 tesseract.js/${tesseractVersion} ${OCR_LANGUAGES.join('+')}/${MODEL_VARIANT}`;

type OcrPass = { polarity: Polarity; scale: number; lines: number; kept: number };

export type OcrResult = {
  engineVersion: string;
  text: string;
  lines: OcrLine[];
  /** Source size after EXIF orientation: the space of every box. */
  width: number;
  height: number;
  passes: OcrPass[];
  /** Doubtful lines and unread rows of ink read again on their own, and how many of those readings were kept. */
  relooked: { tried: number; improved: number };
  /** Set when the cheap ink check found nothing that could be text, so tesseract never ran. */
  skipped?: 'no-text';
};

export type OcrReaderOptions = {
  /** Tesseract workers in the pool (config `ocrWorkers`). */
  workers: number;
  /** Folder the language models are copied to from the npm packages (e.g. `<dataDir>/tessdata`). */
  tessdataDir: string;
  /** Refuse images above this many pixels before decoding (default 50 MP). */
  limitInputPixels?: number;
  /** Upscaling stops at a work image of this many pixels (default 24 MP). */
  maxWorkPixels?: number;
  /** A single recognition running longer is abandoned (default 60 s). */
  timeoutMs?: number;
};

export type OcrReader = {
  /** Text, lines and word boxes of one encoded image; throws OcrError (typed reason) for unreadable input. */
  readImage(bytes: Buffer): Promise<OcrResult>;
  close(): Promise<void>;
};

// A first pass without one line this confident (and three letters or digits long) read no text.
const TEXTUAL = 60;
// The negative is read too when, after the second looks, more than this share of the ink rows is still unread.
const UNREAD_SHARE = 0.15;

/** Share of the text rows (by height) that no confident line covers. */
function unreadShare(prepared: Prepared, lines: OcrLine[]): number {
  const height = (rows: Array<[number, number]>) => rows.reduce((sum, [y0, y1]) => sum + y1 - y0, 0);
  const total = height(prepared.textRows);
  return total === 0 ? 0 : height(unreadRows(prepared, lines)) / total;
}

async function readPass(pool: OcrPool, prepared: Prepared, polarity: Polarity): Promise<OcrLine[]> {
  const image = passImage(prepared, polarity);
  const page = await pool.recognize(await encodePng(image));
  return readPassLines(page, { image, scale: prepared.scale, width: prepared.width, height: prepared.height });
}

async function read(pool: OcrPool, bytes: Buffer, options: Required<OcrReaderOptions>): Promise<OcrResult> {
  const prepared = await prepareImage(bytes, options);
  const base = { engineVersion: OCR_ENGINE_VERSION, width: prepared.width, height: prepared.height };
  if ('noText' in prepared) {
    return { ...base, text: '', lines: [], passes: [], relooked: { tried: 0, improved: 0 }, skipped: 'no-text' };
  }
  const scale = Math.round(prepared.scale.x * 100) / 100;
  const normal = await readPass(pool, prepared, 'normalised');
  // A photo or a drawing yields only specks of low confidence: keep what was read well, look no further.
  if (!normal.some((l) => l.confidence >= TEXTUAL && l.text.replace(/[^\p{L}\p{N}]/gu, '').length >= 3)) {
    const lines = normal.filter((l) => l.confidence >= CONFIDENT);
    const passes = [{ polarity: 'normalised' as const, scale, lines: normal.length, kept: lines.length }];
    return { ...base, text: lines.map((l) => l.text).join('\n'), lines, passes, relooked: { tried: 0, improved: 0 } };
  }
  const doubtful = await relookDoubtfulLines(pool, prepared, normal);
  const unread = await readUnreadRows(pool, prepared, normal);
  const relooked = { tried: doubtful.tried + unread.tried, improved: doubtful.improved + unread.improved };
  const readings = [normal];
  // Text the polarity normalisation turned light is read on the negative, only when much ink went unread.
  if (unreadShare(prepared, normal) > UNREAD_SHARE) readings.push(await readPass(pool, prepared, 'inverted'));
  const lines = mergePasses(readings);
  const passes = readings.map((r, i) => ({
    polarity: (i === 0 ? 'normalised' : 'inverted') as Polarity,
    scale,
    lines: r.length,
    kept: r.filter((l) => lines.includes(l)).length,
  }));
  return { ...base, text: lines.map((l) => l.text).join('\n'), lines, passes, relooked };
}

export function createOcrReader(options: OcrReaderOptions): OcrReader {
  const settings: Required<OcrReaderOptions> = {
    limitInputPixels: 50_000_000,
    maxWorkPixels: 24_000_000,
    timeoutMs: 60_000,
    ...options,
  };
  const pool = createOcrPool({
    size: settings.workers,
    tessdataDir: settings.tessdataDir,
    timeoutMs: settings.timeoutMs,
  });
  return {
    async readImage(bytes) {
      try {
        return await read(pool, bytes, settings);
      } catch (err) {
        throw toOcrError(err);
      }
    },
    close: () => pool.close(),
  };
}
