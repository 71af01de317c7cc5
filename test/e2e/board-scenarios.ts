// The victim-identification board in a real Chromium: attach an image to a new victim with the grid's keys (V, N,
// the label, Enter), open the board, see the victim's image blurred and greyscale, and pin a clue note by keyboard.
import assert from 'node:assert/strict';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { buildZip, sha256 } from '../fixtures/hostile-export.ts';
import { scenePhoto } from '../fixtures/photos.ts';
import { artifactsDir } from './browser.ts';
import { sessionCookie, waitUntilDone } from './grouped-case.ts';
import { apiFrom, imagePixels, tile, until } from './helpers.ts';
import type { Scenario } from './scenarios.ts';

async function ingestCase(page: Page, baseUrl: string, files: Buffer[]): Promise<string> {
  const created = await apiFrom<{ id: string }>(page, 'POST', '/api/cases', {
    number: '2026-BRD-0001',
    title: 'Identificatiebord',
  });
  assert.equal(created.status, 201);
  const cookie = await sessionCookie(page, baseUrl);
  const zip = buildZip(files.map((data, i) => ({ name: `DCIM/IMG_${i}.jpg`, data })));
  const response = await fetch(`${baseUrl}/api/cases/${created.body.id}/evidence?name=board.zip`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/octet-stream' },
    body: new Uint8Array(zip),
  });
  assert.equal(response.status, 201, await response.clone().text());
  await waitUntilDone(baseUrl, cookie, ((await response.json()) as { id: string }).id, 90_000);
  return created.body.id;
}

/** Loaded, filtered by the workbench's blur and greyscale, and the server's small grey rendition underneath. */
async function assertBlurred(img: Locator) {
  await img.waitFor();
  await until('thumbnail loaded', () => img.evaluate((e) => (e as HTMLImageElement).naturalWidth > 0), 10_000);
  assert.match(await img.evaluate((e) => getComputedStyle(e).filter), /blur\(\d+px\).*grayscale\(1\)/);
  const pixels = await imagePixels(img);
  assert.ok(pixels.width <= 64 && pixels.grey, `safe rendition expected, got ${JSON.stringify(pixels)}`);
}

export const boardScenarios: Array<[string, Scenario]> = [
  [
    'victim-identification board: attach by keyboard, blurred thumbnails, a clue note pinned by keyboard',
    async ({ page, baseUrl }) => {
      const files = await Promise.all([501, 502, 503].map((seed) => scenePhoto(seed, 400, 300)));
      const sha = sha256(files[0]!);
      const caseId = await ingestCase(page, baseUrl, files);

      await page.goto(`${baseUrl}/cases/${caseId}/media`);
      await tile(page, sha).click();
      await page.keyboard.press('v');
      await page.getByRole('dialog', { name: 'Koppelen aan slachtoffer' }).waitFor();
      await page.keyboard.press('n');
      await page.keyboard.type('S-01');
      await page.keyboard.press('Enter');
      await page.getByText('1 gekoppeld aan S-01.').waitFor();
      // The grid's detail panel names the victim the image is attached to (label only).
      await page.keyboard.press('i');
      await page.locator('aside.detail dd', { hasText: 'S-01' }).waitFor();
      await page.keyboard.press('Escape');
      const victims = await apiFrom<{ items: Array<{ label: string; media: string[] }> }>(
        page,
        'GET',
        `/api/cases/${caseId}/victims`,
      );
      assert.deepEqual(
        victims.body.items.map((v) => [v.label, v.media]),
        [['S-01', [sha]]],
      );

      await page.getByRole('link', { name: 'Identificatiebord' }).click();
      await page.getByRole('heading', { name: /Slachtoffers en series/ }).waitFor();
      await page.locator('body').press('4');
      assert.equal(
        await page.evaluate(() => document.activeElement?.getAttribute('aria-labelledby')),
        'board-subjects',
      );
      await assertBlurred(page.locator(`[data-subject="S-01"] [data-sha256="${sha}"] img`));

      await page.locator('body').press('6');
      await page.getByLabel('Kies een beeld').selectOption(sha);
      const canvas = page.getByRole('application', { name: 'Vervaagd beeld om een kader op te tekenen' });
      await canvas.focus();
      for (const key of ['ArrowDown', 'ArrowRight', 'Shift+ArrowLeft']) await canvas.press(key);
      await page.getByTestId('clue-box').waitFor();
      await page.getByLabel('Notitie bij het kader').fill('Logo op de muur: "Sportclub"');
      await page.getByLabel('Notitie bij het kader').press('Enter');
      await page.getByText('Aanwijzing vastgepind.').waitFor();
      const notes = await apiFrom<{ notes: Array<{ sha256: string; text: string; box: Record<string, number> }> }>(
        page,
        'GET',
        `/api/cases/${caseId}/clue-notes`,
      );
      assert.deepEqual(
        notes.body.notes.map((n) => [n.sha256, n.text, n.box]),
        [[sha, 'Logo op de muur: "Sportclub"', { x: 0.3, y: 0.25, w: 0.45, h: 0.5 }]],
      );
      await page.locator('.clue-list li').first().waitFor();
      await assertBlurred(page.locator('.clue-canvas img'));
      const filters = await page.locator('.board img').evaluateAll((els) => els.map((e) => getComputedStyle(e).filter));
      for (const f of filters) assert.match(f, /blur\(\d+px\).*grayscale\(1\)/);
      await page.screenshot({ path: path.join(artifactsDir, 'board.png'), fullPage: true });
    },
  ],
];
