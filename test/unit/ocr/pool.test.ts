// The worker pool and its language models: models come from the npm packages into a local folder (never a
// download), a closed pool fails its queued work with OcrError('closed') instead of leaving callers waiting.
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { OcrError } from '../../../workers/ocr/ocr-error.ts';
import { createOcrPool } from '../../../workers/ocr/pool.ts';
import { createOcrReader } from '../../../workers/ocr/read-image.ts';
import { assertLocalLangPath, ensureTessdata } from '../../../workers/ocr/tessdata.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'spoor-ocr-pool-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const textPng = (text: string) =>
  sharp({ text: { text, font: 'sans 24px', dpi: 72, rgba: true } })
    .flatten({ background: '#ffffff' })
    .extend({ top: 20, bottom: 20, left: 20, right: 20, background: '#ffffff' })
    .png()
    .toBuffer();

describe('language models', () => {
  it('copies eng and nld from the npm packages into the folder, once', async () => {
    const folder = path.join(dir, 'models');
    expect(await ensureTessdata(folder)).toBe(folder);
    expect((await readdir(folder)).sort()).toEqual(['eng.traineddata.gz', 'nld.traineddata.gz']);
    const first = (await stat(path.join(folder, 'eng.traineddata.gz'))).mtimeMs;
    await ensureTessdata(folder);
    expect((await stat(path.join(folder, 'eng.traineddata.gz'))).mtimeMs).toBe(first);
  });

  it('refuses a URL, a relative path or a folder without models, which would make tesseract.js download', async () => {
    await expect(
      assertLocalLangPath('https://cdn.jsdelivr.net/npm/@tesseract.js-data/eng/4.0.0_best_int'),
    ).rejects.toThrow(/absolute local path/);
    await expect(assertLocalLangPath('tessdata')).rejects.toThrow(/absolute local path/);
    await expect(assertLocalLangPath(dir)).rejects.toThrow(/ENOENT/);
  });
});

describe('worker pool', { timeout: 60_000 }, () => {
  it('recognises in parallel on two workers and fails queued work with "closed" on close', async () => {
    const pool = createOcrPool({ size: 2, tessdataDir: path.join(dir, 'pool') });
    const [a, b] = await Promise.all([
      pool.recognize(await textPng('Spoor one')),
      pool.recognize(await textPng('two')),
    ]);
    expect(a.blocks?.[0].text).toContain('Spoor');
    expect(b.blocks?.[0].text).toContain('two');
    const png = await textPng('queued');
    const queued = Promise.allSettled([1, 2, 3].map(() => pool.recognize(png))); // two run, one waits
    await pool.close();
    for (const result of await queued) {
      expect(result.status).toBe('rejected');
      expect((result as PromiseRejectedResult).reason).toMatchObject({ reason: 'closed' });
    }
    await expect(pool.recognize(await textPng('late'))).rejects.toBeInstanceOf(OcrError);
  });

  it('gives a reader closed before its first image a typed "closed" error', async () => {
    const reader = createOcrReader({ workers: 1, tessdataDir: path.join(dir, 'reader') });
    await reader.close();
    await expect(reader.readImage(await textPng('after close'))).rejects.toMatchObject({ reason: 'closed' });
  });
});
