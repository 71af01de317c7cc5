// The OCR stage of case media, measured on one core: the pre-check's speed against its 50 images/s target, the
// images it skipped from which full OCR still reads three or more words (must be none), full OCR images/s on
// text-bearing and on text-free images, and the share of ingest time the stage adds. Sets: generated signs,
// captions and chat screenshots; generated photo-like scenes; real photographs from folders given on the command line
// (Meta's PDQ test photographs, Debian wallpaper packages unpacked with dpkg-deb -x).
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

import { forwardedCopy, offenderChat, renderChatScreenshot } from '../test/fixtures/screenshots.ts';
import { scenePhoto } from '../test/fixtures/photos.ts';
import { signPhoto } from '../test/fixtures/text-images.ts';
import { hashBuffer } from '../workers/hashing/multi-hash.ts';
import { analyseImage, decodeForHashing } from '../workers/imaging/analyse-image.ts';
import { lumaFromRgba } from '../workers/imaging/pdq.ts';
import { precheckImage, type Precheck } from '../workers/ocr/precheck.ts';
import { fromIngestRaster } from '../workers/ocr/precheck-raster.ts';
import type { OcrReader } from '../workers/ocr/read-image.ts';
import { readPageAndRegions } from '../workers/ocr/read-regions.ts';

const out = (line: string) => process.stdout.write(`${line}\n`);
const LIMIT = 268_402_689;
const WORDS_MISSED = 3;

type Sample = { name: string; bytes: Buffer };
type Measured = Sample & {
  precheck: Precheck;
  precheckMs: number;
  ocrMs: number;
  words: number;
  ingestMs: number;
  longSide: number;
};

// A word read: two letters or digits at tesseract confidence ≥ 60 (the stage's own count, case-ocr.ts). Specks of a
// stripe or a gradient come back as "lll", "rT", "If" at 14–58: those are not words anyone could search for.
const countWords = (lines: Array<{ words: Array<{ text: string; confidence: number }> }>) =>
  lines.reduce(
    (n, l) => n + l.words.filter((w) => w.confidence >= 60 && w.text.replace(/[^\p{L}\p{N}]/gu, '').length >= 2).length,
    0,
  );

async function generatedText(): Promise<Sample[]> {
  const samples: Sample[] = [];
  const lines = ['Bakkerij De Zonnebloem', 'Hoofdstraat 12 Zwolle'];
  for (const theme of ['light', 'dark'] as const) {
    for (const fontPx of [14, 18, 24, 32, 44]) {
      for (const kind of ['sign', 'caption'] as const) {
        const seed = fontPx + (kind === 'sign' ? 0 : 100);
        samples.push({
          name: `${kind}-${theme}-${fontPx}`,
          bytes: await signPhoto({ lines, fontPx, theme, kind, seed }),
        });
      }
    }
    // Small text on large photographs: the pre-check's rendition must still see it.
    for (const [width, fontPx] of [
      [1600, 14],
      [3200, 18],
    ] as const) {
      const bytes = await signPhoto({
        lines,
        fontPx,
        theme,
        kind: 'caption',
        width,
        height: (width * 3) / 4,
        seed: width,
      });
      samples.push({ name: `caption-${theme}-${fontPx}-on-${width}`, bytes });
    }
    const chat = await renderChatScreenshot({ theme, font: 'sans', messages: offenderChat() });
    samples.push(
      { name: `chat-${theme}`, bytes: chat },
      { name: `chat-${theme}-forwarded`, bytes: await forwardedCopy(chat) },
    );
  }
  return samples;
}

async function generatedPhotos(count: number): Promise<Sample[]> {
  const sizes: Array<[number, number]> = [
    [800, 600],
    [1600, 1200],
    [1200, 1600],
  ];
  return Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const [w, h] = sizes[i % sizes.length]!;
      return { name: `scene-${i + 1}-${w}x${h}`, bytes: await scenePhoto(500 + i, w, h) };
    }),
  );
}

async function folderImages(dir: string): Promise<Sample[]> {
  const found: Sample[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !/\.(jpe?g|png|webp)$/i.test(entry.name)) continue;
    const file = path.join(entry.parentPath, entry.name);
    found.push({ name: path.relative(dir, file), bytes: await readFile(file) });
  }
  return found.sort((a, b) => a.name.localeCompare(b.name));
}

// CPU time of this process (every thread: main, libuv pool, libvips, tesseract workers), in ms. On a shared machine
// wall time counts other people's work too; CPU time per image is what one core needs.
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = cpuMs();
  const result = await work();
  return [result, cpuMs() - started];
}

/**
 * What the pre-check costs where it runs: on ingest's own raster (images up to 1,536 px) only the verdict itself, timed
 * on that raster as ingest hands it over; on larger images its own decode and the verdict (precheckImage).
 */
async function timedPrecheck(bytes: Buffer): Promise<[Precheck, number, number]> {
  const decoded = await decodeForHashing(bytes, { limitInputPixels: LIMIT });
  const { width, height, channels } = decoded.info;
  const raster = { data: decoded.data, width, height, channels };
  const luma = lumaFromRgba(decoded.data, width, height, channels); // ingest computes it for PDQ anyway
  const [fused, fusedMs] = await timed(async () => fromIngestRaster(luma, raster, decoded));
  const longSide = Math.max(decoded.width, decoded.height);
  if (fused) return [fused, fusedMs, longSide];
  const [own, ownMs] = await timed(() => precheckImage(bytes, LIMIT));
  return [own, ownMs, longSide];
}

/** Everything about one image, each step timed alone, one at a time (one core). */
async function measure(reader: OcrReader, s: Sample): Promise<Measured> {
  // Ingest as it runs, without the pre-check (timed apart below, so the two columns add up).
  const [, ingestMs] = await timed(async () => {
    hashBuffer(s.bytes);
    await analyseImage(s.bytes, { limitInputPixels: LIMIT });
  });
  const [precheck, precheckMs, longSide] = await timedPrecheck(s.bytes);
  // Full OCR on every image, skipped or not: a skipped image that reads three words is a miss.
  const read = (b: Buffer) => reader.readImage(b);
  const [reading, ocrMs] = await timed(() => readPageAndRegions(read, s.bytes, precheck, LIMIT));
  return { ...s, precheck, precheckMs, ocrMs, words: countWords(reading.lines), ingestMs, longSide };
}

const perSecond = (ms: number, n: number) => (ms > 0 ? ((1000 * n) / ms).toFixed(1) : '∞');
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

function report(label: string, set: Measured[]): void {
  if (set.length === 0) return;
  const skipped = set.filter((m) => !m.precheck.textLike);
  const misses = skipped.filter((m) => m.words >= WORDS_MISSED);
  const withText = set.filter((m) => m.words >= WORDS_MISSED);
  // What the stage costs: the pre-check always, full OCR only where the pre-check passed the image on.
  const stageMs = sum(set.map((m) => m.precheckMs + (m.precheck.textLike ? m.ocrMs : 0)));
  const ingestMs = sum(set.map((m) => m.ingestMs));
  out(
    `${label.padEnd(30)} ${String(set.length).padStart(4)}  pre-check ${perSecond(sum(set.map((m) => m.precheckMs)), set.length).padStart(6)}/s` +
      ` (${String(set.filter((m) => m.precheck.source === 'ingest').length).padStart(3)} on ingest's raster)` +
      `  skipped ${String(skipped.length).padStart(3)}  misses ${misses.length}` +
      `  read≥3 words ${String(withText.length).padStart(3)}  full OCR ${perSecond(sum(set.map((m) => m.ocrMs)), set.length).padStart(5)}/s` +
      `  stage ${perSecond(stageMs, set.length).padStart(6)}/s  ingest ${perSecond(ingestMs, set.length).padStart(6)}/s` +
      `  OCR share ${((100 * stageMs) / (stageMs + ingestMs)).toFixed(0).padStart(3)}%`,
  );
  for (const m of misses) out(`  MISS ${m.name}: ${m.words} words read, pre-check ${JSON.stringify(m.precheck)}`);
}

/** Prints the case-media figures; `folders` are sets of real photographs (name=dir). */
export async function benchCaseMedia(reader: OcrReader, folders: string[], photoCount = 30): Promise<void> {
  const sets: Array<[string, Sample[]]> = [
    ['generated text-bearing', await generatedText()],
    ['generated photos, no text', await generatedPhotos(photoCount)],
  ];
  for (const folder of folders) {
    const [name, dir] = folder.includes('=') ? folder.split('=', 2) : [path.basename(folder), folder];
    sets.push([`real: ${name}`, await folderImages(dir!)]);
  }
  out('');
  out('OCR stage of case media, images per second per core from CPU time (pre-check target ≥ 50/s on photographs');
  out('without text; misses, images skipped from which full OCR reads ≥ 3 words, must be 0):');
  const all: Measured[] = [];
  for (const [label, samples] of sets) {
    const measured: Measured[] = [];
    for (const s of samples) {
      try {
        measured.push(await measure(reader, s));
      } catch (error) {
        out(`  (${s.name}: not an image Spoor reads: ${(error as Error).message.slice(0, 80)})`);
      }
    }
    report(label, measured);
    // Real photographs: the text-free ones alone (what full OCR reads fewer than three words from).
    if (label.startsWith('real'))
      report(
        `${label}, without text`,
        measured.filter((m) => m.words < WORDS_MISSED),
      );
    all.push(...measured);
  }
  report('all images', all);
  const photos = all.filter((m) => m.words < WORDS_MISSED);
  report('all images without text', photos);
  // By size: up to 1,536 px ingest's raster serves; above, the pre-check decodes at a third (1/2 shrink-on-load).
  for (const [label, lo, hi] of [
    ['  without text, ≤ 1,536 px', 0, 1536],
    ['  without text, 1,537–2,048 px', 1537, 2048],
    ['  without text, > 2,048 px', 2049, Infinity],
  ] as const) {
    report(
      label,
      photos.filter((m) => m.longSide >= lo && m.longSide <= hi),
    );
  }
}
