// Small helpers for the browser scenarios: API calls from the page (same session cookie), the
// generated export, and the database of the server under test.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import pg from 'pg';
import { buildZip, gradientJpeg, sha256 } from '../fixtures/hostile-export.ts';
import { scenePhoto, travelled } from '../fixtures/photos.ts';

export type ApiResult<T = unknown> = { status: number; body: T };

/** What the scenarios hand on to each other (they run in order on one page). */
export const shared: { caseId?: string; fixture?: ExportFixture } = {};

/** Calls the API from inside the page, so the request carries the page's session cookie. */
export function apiFrom<T = unknown>(page: Page, method: string, url: string, body?: unknown): Promise<ApiResult<T>> {
  return page.evaluate(
    async ([m, u, b]) => {
      const r = await fetch(u as string, {
        method: m as string,
        headers: b === undefined ? {} : { 'content-type': 'application/json' },
        body: b === undefined ? undefined : JSON.stringify(b),
      });
      return { status: r.status, body: await r.json().catch(() => null) };
    },
    [method, url, body] as const,
  ) as Promise<ApiResult<T>>;
}

export type ExportFixture = { file: string; sha: Record<string, string>; nearGroupNames: string[] };

/** A synthetic phone export: a near-duplicate family of 5, unrelated scenes, an exact duplicate, a text file and a broken JPEG. */
export async function writeExport(dir: string): Promise<ExportFixture> {
  const original = await scenePhoto(11);
  const copies = await travelled(original);
  const dup = await gradientJpeg(4, 160, 120);
  const files: Record<string, Buffer> = {
    'dcim/original.jpg': original,
    'whatsapp/recompressed.jpg': copies.recompressed,
    'telegram/resized.jpg': copies.resized,
    'web/watermarked.jpg': copies.watermarked,
    'screens/copy.png': copies.png,
    'other/unrelated.jpg': await scenePhoto(99),
    'other/second.jpg': await scenePhoto(42),
    'dup/a.jpg': dup,
    'dup/b.jpg': dup,
    'notes/readme.txt': Buffer.from('synthetic note\n'),
    'broken/truncated.jpg': original.subarray(0, 700),
  };
  const file = path.join(dir, 'phone-export.zip');
  await fs.writeFile(file, buildZip(Object.entries(files).map(([name, data]) => ({ name, data }))));
  const sha = Object.fromEntries(Object.entries(files).map(([name, data]) => [name, sha256(data)]));
  return {
    file,
    sha,
    nearGroupNames: [
      'dcim/original.jpg',
      'whatsapp/recompressed.jpg',
      'telegram/resized.jpg',
      'web/watermarked.jpg',
      'screens/copy.png',
    ],
  };
}

/** The server under test writes its database URL next to its data. */
export async function serverDatabase(dataDir: string): Promise<pg.Client> {
  const info = JSON.parse(await fs.readFile(path.join(dataDir, 'runtime.json'), 'utf8')) as { databaseUrl: string };
  const client = new pg.Client({ connectionString: info.databaseUrl });
  await client.connect();
  return client;
}

export async function until<T>(
  what: string,
  fn: () => Promise<T | null | undefined | false>,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The pixels the browser received for an image (before any CSS filter): natural size, and whether all are grey. */
export function imagePixels(img: Locator): Promise<{ width: number; height: number; grey: boolean }> {
  return img.evaluate((e) => {
    const image = e as HTMLImageElement;
    const canvas = document.createElement('canvas');
    [canvas.width, canvas.height] = [image.naturalWidth, image.naturalHeight];
    const context = canvas.getContext('2d')!;
    context.drawImage(image, 0, 0);
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    let grey = true;
    for (let i = 0; i < data.length && grey; i += 4) grey = data[i] === data[i + 1] && data[i + 1] === data[i + 2];
    return { width: image.naturalWidth, height: image.naturalHeight, grey };
  });
}

export const tile = (page: Page, sha: string) => page.locator(`[role="gridcell"][data-sha256="${sha}"]`);

export const categoriesOf = async (page: Page, caseId: string) => {
  const r = await apiFrom<{ items: Array<{ sha256: string; category: string | null; categorySource: string | null }> }>(
    page,
    'GET',
    `/api/cases/${caseId}/media?limit=500`,
  );
  return new Map(r.body.items.map((m) => [m.sha256, m.category]));
};
