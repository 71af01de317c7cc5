// A generated case in which a share of the photo-like images travel with a mirrored, a 90°-turned and a padded
// copy: written as a folder, uploaded to the real server as one tar (the `spoor ingest <folder>` capture), and
// read back from the browser's groups view, so a test or a benchmark can compare the groups shown with the truth.
import fs from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { Page } from 'playwright-core';
import { tarFolder } from '../../server/cli/folder-tar.ts';
import { sha256 } from '../fixtures/hostile-export.ts';
import { borderedCopies, orientedCopies } from '../fixtures/copies.ts';
import { scenePhoto } from '../fixtures/photos.ts';
import { analyseImage } from '../../workers/imaging/analyse-image.ts';
import { PDQ_MIN_QUALITY } from '../../workers/signals/index.ts';

export type GroupedCase = { folder: string; files: number; families: string[][]; singles: string[] };

const name = (i: number) => String(i).padStart(5, '0');

/** Runs `work` for 0..count-1 with `lanes` in flight (sharp encodes on the libuv pool). */
async function eachLimited(count: number, lanes: number, work: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (next < count) await work(next++);
    }),
  );
}

const quality = async (image: Buffer) => (await analyseImage(image, { limitInputPixels: 1e9 })).pdqQuality;

/**
 * An original whose copies all have a PDQ good enough to group on. A generated scene is sometimes too plain: its
 * hashes fall under PDQ_MIN_QUALITY, and by design (as in Meta's matcher) such hashes never group or match, so
 * such a scene would be a family no rule may find (≈ 1 in 100 at 640×480). The next seed is taken instead.
 */
async function groupableFamily(seed: number, width: number, height: number) {
  for (let s = seed; ; s++) {
    const original = await scenePhoto(s, width, height);
    const copies = { original, ...(await orientedCopies(original)), ...(await borderedCopies(original)) };
    const used = [copies.original, copies.mirrored, copies.turned90, copies.whitePad];
    if ((await Promise.all(used.map(quality))).every((q) => q >= PDQ_MIN_QUALITY)) return copies;
  }
}

/**
 * `families` originals each with a mirrored, a 90°-turned and a white-padded copy (4 files a family), and
 * `singles` unrelated images. Returns the SHA-256 of every family's files (original first) and of the singles.
 */
export async function writeGroupedCase(
  folder: string,
  opts: { families: number; singles: number; width?: number; height?: number },
): Promise<GroupedCase> {
  const [width, height] = [opts.width ?? 640, opts.height ?? 480];
  for (const dir of ['dcim', 'whatsapp', 'telegram', 'screens', 'other'])
    await fs.mkdir(path.join(folder, dir), { recursive: true });
  const families: string[][] = Array.from({ length: opts.families }, () => []);
  const singles: string[] = new Array<string>(opts.singles);
  const write = async (rel: string, data: Buffer) => {
    await fs.writeFile(path.join(folder, rel), data);
    return sha256(data);
  };
  await eachLimited(opts.families, 2, async (i) => {
    const { original, mirrored, turned90, whitePad } = await groupableFamily(100_000 + i * 100, width, height);
    families[i] = [
      await write(`dcim/IMG_${name(i)}.jpg`, original),
      await write(`whatsapp/IMG-${name(i)}-mirrored.jpg`, mirrored),
      await write(`telegram/${name(i)}-turned.jpg`, turned90),
      await write(`screens/Screenshot_${name(i)}.jpg`, whitePad),
    ];
  });
  await eachLimited(opts.singles, 2, async (i) => {
    // Portrait and landscape alike, so no two unrelated scenes share more than their generator.
    const [w, h] = i % 3 === 0 ? [height, width] : [width, height];
    singles[i] = await write(`other/DSC_${name(i)}.jpg`, await scenePhoto(500_000 + i, w, h));
  });
  return { folder, files: opts.families * 4 + opts.singles, families, singles };
}

/** The browser session's cookie, so Node can stream a large upload to the server as the signed-in user. */
export async function sessionCookie(page: Page, baseUrl: string): Promise<string> {
  return (await page.context().cookies(baseUrl)).map((c) => `${c.name}=${c.value}`).join('; ');
}

/** Streams the folder as one tar to the server's evidence upload; returns the evidence id. */
export async function uploadFolder(baseUrl: string, cookie: string, caseId: string, folder: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/cases/${caseId}/evidence?name=${path.basename(folder)}.tar`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/octet-stream' },
    body: Readable.toWeb(Readable.from(tarFolder(folder))) as ReadableStream, // tar-stream's pack is a streamx stream
    duplex: 'half',
  } as RequestInit);
  if (response.status !== 201) throw new Error(`upload answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { id: string }).id;
}

/** Waits until the evidence is processed, grouped and matched (the server's own `done`); returns its images. */
export async function waitUntilDone(baseUrl: string, cookie: string, evidenceId: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await fetch(`${baseUrl}/api/evidence/${evidenceId}/progress`, { headers: { cookie } });
    const progress = (await response.json()) as { done: boolean; images: number; failed: number; error: string | null };
    if (progress.done) return progress;
    if (Date.now() > deadline) throw new Error(`ingest not done in time: ${JSON.stringify(progress)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Every card of the case's groups view (loading more pages while the button is there): group id → members. */
export async function groupCards(page: Page, baseUrl: string, caseId: string): Promise<Map<number, number>> {
  await page.goto(`${baseUrl}/cases/${caseId}/groups`);
  const list = page.getByRole('listbox', { name: /Bijna-duplicaatgroepen|Near-duplicate groups/ });
  await list.waitFor();
  await page.locator('.group-card').first().waitFor();
  for (;;) {
    const more = page.getByRole('button', { name: /Meer laden|Load more/ });
    if ((await more.count()) === 0) break;
    const before = await page.locator('.group-card').count();
    await more.click();
    await page.waitForFunction((n) => document.querySelectorAll('.group-card').length > n, before);
  }
  // The id attribute carries the group id; the label's first number after the colon is the member count,
  // written with the language's thousands separator ("Groep 1.234: 4 items").
  const found = await page.locator('.group-card').evaluateAll((cards) => cards.map((c) => [c.id, c.ariaLabel ?? '']));
  const cards = new Map<number, number>();
  for (const [id, label] of found) {
    const members = /:\s*([\d.,\u202f\u00a0]+)/.exec(label!)?.[1]?.replace(/\D/g, '');
    cards.set(Number(id!.replace('group-', '')), Number(members ?? NaN));
  }
  return cards;
}

/** The contents the grid shows for one group, opened from the groups view's link target (Enter on a card). */
export async function groupInGrid(page: Page, baseUrl: string, caseId: string, group: number): Promise<string[]> {
  await page.goto(`${baseUrl}/cases/${caseId}/media?nearGroup=${group}&sort=group`);
  await page.locator('[role="gridcell"][data-sha256]').first().waitFor();
  await page.waitForTimeout(100); // the first page renders at once; let it settle
  return page
    .locator('[role="gridcell"][data-sha256]')
    .evaluateAll((tiles) => tiles.map((t) => t.getAttribute('data-sha256') ?? ''));
}

/** Milliseconds from navigation to the first thumbnail tile of the case's grid. */
export async function firstGridPage(page: Page, baseUrl: string, caseId: string): Promise<number> {
  const started = Date.now();
  await page.goto(`${baseUrl}/cases/${caseId}/media`);
  await page.locator('[role="gridcell"][data-sha256]').first().waitFor();
  return Date.now() - started;
}

/** Which expected family a set of members is: exactly one family, or a description of the mismatch. */
export function matchFamily(c: GroupedCase, members: string[]): { family: number } | { mismatch: string } {
  const owner = (sha: string) => {
    const f = c.families.findIndex((family) => family.includes(sha));
    return f >= 0 ? `family ${f}` : c.singles.includes(sha) ? `single ${c.singles.indexOf(sha)}` : 'unknown';
  };
  const family = c.families.findIndex((f) => f.includes(members[0] ?? ''));
  const exact = family >= 0 && members.length === 4 && c.families[family]!.every((sha) => members.includes(sha));
  return exact ? { family } : { mismatch: members.map(owner).join(', ') };
}

/** Bytes on disk of the generated case (for the printed figures). */
export async function folderBytes(c: GroupedCase): Promise<number> {
  let total = 0;
  for (const dir of await fs.readdir(c.folder)) {
    for (const file of await fs.readdir(path.join(c.folder, dir)))
      total += (await fs.stat(path.join(c.folder, dir, file))).size;
  }
  return total;
}
