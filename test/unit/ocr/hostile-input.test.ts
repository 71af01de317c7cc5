// Unreadable input ends in a typed OcrError with a clear reason, quickly, and the reader keeps working after it.
// Images without text are answered without running tesseract. Real tesseract, one reader for the file.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { OcrError } from '../../../workers/ocr/ocr-error.ts';
import { createOcrReader, type OcrReader } from '../../../workers/ocr/read-image.ts';
import { hugeDimensionsPng } from '../../fixtures/media.ts';
import { scenePhoto } from '../../fixtures/photos.ts';
import { offenderChat, PLANTED, renderChatScreenshot } from '../../fixtures/screenshots.ts';

let dir: string;
let reader: OcrReader;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'spoor-ocr-hostile-'));
  reader = createOcrReader({ workers: 1, tessdataDir: path.join(dir, 'tessdata'), limitInputPixels: 40_000_000 });
});
afterAll(async () => {
  await reader?.close();
  await rm(dir, { recursive: true, force: true });
});

async function failure(bytes: Buffer): Promise<OcrError> {
  const error = await reader.readImage(bytes).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OcrError);
  return error as OcrError;
}

describe('readImage on hostile input', { timeout: 60_000 }, () => {
  it('refuses a 0-byte file as empty', async () => {
    const error = await failure(Buffer.alloc(0));
    expect(error.reason).toBe('empty');
    expect(error.messages.nl).toMatch(/leeg/);
    expect(error.messages.en).toMatch(/empty/);
  });

  it('refuses bytes that are no image', async () => {
    expect((await failure(Buffer.from('%PDF-1.4 not an image at all, just text'))).reason).toBe('unsupported-format');
  });

  it('refuses a truncated PNG', async () => {
    const png = await renderChatScreenshot({ theme: 'light', font: 'sans', messages: offenderChat().slice(0, 2) });
    expect((await failure(png.subarray(0, Math.floor(png.length / 2)))).reason).toBe('truncated');
  });

  it('refuses a JPEG with garbage after its header as corrupt or truncated, without crashing', async () => {
    const jpeg = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#808080' } })
      .jpeg()
      .toBuffer();
    const damaged = Buffer.concat([jpeg.subarray(0, 200), Buffer.alloc(400, 0xff)]);
    expect(['corrupt', 'truncated']).toContain((await failure(damaged)).reason);
  });

  it('refuses a decompression bomb by its declared size before decoding it', async () => {
    const started = performance.now();
    const error = await failure(await hugeDimensionsPng(30_000));
    expect(error.reason).toBe('pixel-limit');
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('answers an image without text quickly, without tesseract', async () => {
    const blank = await sharp({ create: { width: 1080, height: 2340, channels: 3, background: '#0b141a' } })
      .png()
      .toBuffer();
    const gradient = await sharp(
      Buffer.from(
        '<svg xmlns="http://www.w3.org/2000/svg" width="900" height="1600"><defs><linearGradient id="g" x2="1" y2="1">' +
          '<stop offset="0" stop-color="#123"/><stop offset="1" stop-color="#eee"/></linearGradient></defs>' +
          '<rect width="100%" height="100%" fill="url(#g)"/></svg>',
      ),
    )
      .png()
      .toBuffer();
    for (const image of [blank, gradient]) {
      const started = performance.now();
      const result = await reader.readImage(image);
      const ms = performance.now() - started;
      expect(result).toMatchObject({ text: '', lines: [], passes: [], skipped: 'no-text' });
      expect(ms).toBeLessThan(500);
    }
  });

  it('reads a photo without text to (almost) nothing, and still reads a screenshot afterwards', async () => {
    const photo = await reader.readImage(await scenePhoto(7));
    expect(photo.text.replace(/[^\p{L}\p{N}]/gu, '').length).toBeLessThan(20);
    const png = await renderChatScreenshot({ theme: 'light', font: 'sans', messages: offenderChat().slice(0, 1) });
    expect((await reader.readImage(png)).text).toContain(PLANTED.phone);
  });
});
