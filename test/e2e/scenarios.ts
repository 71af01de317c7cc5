// The analyst's flow in a real Chromium against the real server: sign in, create a case, upload a
// generated export, watch it process, categorise with the keyboard, reveal, survive an expired
// session, and switch language. Performance scenarios follow (perf.ts).
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { artifactsDir } from './browser.ts';
import { apiFrom, categoriesOf, imagePixels, shared as state, tile, until, writeExport } from './helpers.ts';
import { moreScenarios } from './more-scenarios.ts';
import { perfScenarios } from './perf.ts';
import { reportScenarios } from './report-scenarios.ts';

type E2eContext = { page: Page; baseUrl: string; adminPassword: string; dataDir: string };
export type Scenario = (ctx: E2eContext) => Promise<void>;

const categoryOnTile = (page: Page, sha: string) =>
  tile(page, sha)
    .locator('.cat b')
    .textContent({ timeout: 5000 })
    .catch(() => null);

async function waitForCategory(page: Page, sha: string, expected: string | null) {
  await until(
    `category ${expected} on ${sha.slice(0, 8)}`,
    async () => (await categoryOnTile(page, sha)) === expected,
    10_000,
  );
}

export const scenarios: Array<[string, Scenario]> = [
  [
    'sign in as admin (Dutch by default)',
    async ({ page, baseUrl, adminPassword }) => {
      await page.goto(baseUrl);
      await page.getByLabel(/gebruikersnaam|username/i).fill('admin');
      await page.getByLabel(/wachtwoord|password/i).fill(adminPassword);
      await page.getByRole('button', { name: /inloggen|sign in/i }).click();
      await page.getByText('Ingelogd als Administrator (beheerder, Landelijke Eenheid)').waitFor();
      assert.equal(await page.getByRole('heading', { name: 'Zaken' }).count(), 1);
    },
  ],

  [
    'create a case',
    async ({ page }) => {
      await page.getByLabel('Zaaknummer').fill('2026-LE-0001');
      await page.getByLabel('Titel').fill('Operatie Testbeeld');
      await page.getByRole('button', { name: 'Zaak aanmaken' }).click();
      await page.getByRole('heading', { name: /2026-LE-0001/ }).waitFor();
      state.caseId = /\/cases\/([0-9a-f-]{36})/.exec(page.url())![1];
      assert.ok(state.caseId);
    },
  ],

  [
    'upload a generated export, watch processing complete, see custody and per-file errors',
    async ({ page }) => {
      const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'spoor-e2e-export-'));
      state.fixture = await writeExport(dir);
      await page.locator('input[type="file"]').setInputFiles(state.fixture.file);
      await page.getByText('Ontvangen en vastgelegd.').waitFor({ timeout: 30_000 });
      await page.getByText('Verwerking voltooid.').first().waitFor({ timeout: 90_000 });
      const zipSha = (await import('../fixtures/hostile-export.ts')).sha256(await fs.readFile(state.fixture.file));
      await page.getByText(zipSha).waitFor();
      await page.getByRole('cell', { name: 'admin' }).first().waitFor();
      await page.getByText('phone-export.zip!/broken/truncated.jpg').waitFor();
      // The same export again, dropped this time: the server answers 409 and the message is shown.
      const bytes = (await fs.readFile(state.fixture.file)).toString('base64');
      const dataTransfer = await page.evaluateHandle((b64) => {
        const dt = new DataTransfer();
        dt.items.add(new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], 'phone-export.zip'));
        return dt;
      }, bytes);
      await page.getByTestId('dropzone').dispatchEvent('drop', { dataTransfer });
      await page.getByText(/already evidence in case 2026-LE-0001/).waitFor();
      await page.screenshot({ path: path.join(artifactsDir, 'intake.png') });
      await fs.rm(dir, { recursive: true, force: true });
    },
  ],

  [
    'the grid shows thumbnails blurred and greyscale by default',
    async ({ page }) => {
      await page.getByRole('link', { name: 'Media', exact: true }).click();
      const { sha } = state.fixture!;
      const img = tile(page, sha['dcim/original.jpg']!).locator('img');
      await img.waitFor();
      await page.waitForFunction((s) => {
        const el = document.querySelector(`[data-sha256="${s}"] img`) as HTMLImageElement | null;
        return el?.complete && el.naturalWidth > 0;
      }, sha['dcim/original.jpg']);
      const filters = await page
        .locator('[role="gridcell"] img')
        .evaluateAll((els) => els.map((e) => getComputedStyle(e).filter));
      assert.ok(filters.length >= 8, `expected thumbnails, got ${filters.length}`);
      for (const f of filters) assert.match(f, /blur\(16px\).*grayscale\(1\)/);
      // Under the CSS layer, the bytes themselves are the server's small greyscale, blurred rendition.
      const pixels = await imagePixels(img);
      assert.ok(pixels.width <= 64 && pixels.grey, `safe rendition expected, got ${JSON.stringify(pixels)}`);
      const gridCount = await page.locator('[role="gridcell"]').count();
      assert.equal(gridCount, 10);
      await page.screenshot({ path: path.join(artifactsDir, 'grid-blurred.png') });
    },
  ],

  [
    'categorise with the keyboard: one item, a range, a whole near-duplicate group, and undo',
    async ({ page }) => {
      const { sha, nearGroupNames } = state.fixture!;
      await tile(page, sha['other/unrelated.jpg']!).click();
      await page.keyboard.press('1');
      await waitForCategory(page, sha['other/unrelated.jpg']!, '1');

      await tile(page, sha['dcim/original.jpg']!).click();
      await page.keyboard.press('Shift+Digit2');
      for (const name of nearGroupNames) await waitForCategory(page, sha[name]!, '2');

      await tile(page, sha['dup/a.jpg']!).click();
      await page.keyboard.press('Shift+ArrowRight');
      await page.keyboard.press('Shift+ArrowRight');
      assert.equal(await page.locator('[role="gridcell"][aria-selected="true"]').count(), 3);
      await page.keyboard.press('4');
      await waitForCategory(page, sha['dup/a.jpg']!, '4');
      await page.keyboard.press('u');
      await until('undo', async () => (await tile(page, sha['dup/a.jpg']!).locator('.cat-none').count()) === 1, 10_000);

      await tile(page, sha['other/second.jpg']!).click();
      await page.keyboard.press('g');
      await page.getByText('groepsmodus: kies een categorie').waitFor();
      await page.keyboard.press('3');
      await waitForCategory(page, sha['other/second.jpg']!, '3');

      await page.keyboard.press('?');
      await page.getByRole('dialog', { name: 'Sneltoetsen' }).waitFor();
      await page.screenshot({ path: path.join(artifactsDir, 'help.png') });
      await page.keyboard.press('Escape');
    },
  ],

  [
    'categories, focus and selection persist across a reload; the reveal is explicit, visible and audited',
    async ({ page }) => {
      const { sha, nearGroupNames } = state.fixture!;
      await tile(page, sha['other/second.jpg']!).click();
      await page.keyboard.press('Shift+ArrowLeft');
      const focus = await page.locator('[role="grid"]').getAttribute('aria-activedescendant');
      await page.reload();
      await tile(page, sha['dcim/original.jpg']!).waitFor();
      await until(
        'restored focus',
        async () => (await page.locator('[role="grid"]').getAttribute('aria-activedescendant')) === focus,
        10_000,
      );
      assert.equal(await page.locator('[role="gridcell"][aria-selected="true"]').count(), 2);
      for (const name of nearGroupNames) await waitForCategory(page, sha[name]!, '2');
      const stored = await categoriesOf(page, state.caseId!);
      assert.equal(stored.get(sha['other/unrelated.jpg']!), '1');
      assert.equal(stored.get(sha['dup/a.jpg']!), null);
      assert.equal(stored.get(sha['other/second.jpg']!), '3');

      await tile(page, sha['other/unrelated.jpg']!).click();
      await page.keyboard.press('r');
      await page.locator('.reveal-banner').waitFor();
      const revealedImg = tile(page, sha['other/unrelated.jpg']!).locator('img');
      const revealed = await revealedImg.evaluate((e) => getComputedStyle(e).filter);
      assert.equal(revealed, 'none');
      // Only now does the browser get the sharp, colour thumbnail, through the audited reveal.
      await until(
        'sharp thumbnail',
        () =>
          revealedImg.evaluate(
            (e) =>
              (e as HTMLImageElement).complete &&
              (e as HTMLImageElement).src.includes('?reveal=') &&
              (e as HTMLImageElement).naturalWidth > 64,
          ),
        10_000,
      );
      const sharpPixels = await imagePixels(revealedImg);
      assert.ok(sharpPixels.width === 256 && !sharpPixels.grey, `sharp thumbnail, got ${JSON.stringify(sharpPixels)}`);
      await page.keyboard.press('ArrowRight');
      await page.locator('.reveal-banner').waitFor({ state: 'detached' });
      assert.ok(
        !(await revealedImg.getAttribute('src'))!.includes('reveal'),
        'back to the safe rendition after moving on',
      );

      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: 'Hashes' }).waitFor();
      await page.screenshot({ path: path.join(artifactsDir, 'detail.png') });
      await page
        .getByText('Het zoeken naar treffers is nog niet beschikbaar', { exact: false })
        .or(page.getByRole('heading', { name: /Treffers/ }))
        .first()
        .waitFor();
      await page.keyboard.press('Escape');
    },
  ],

  [
    'every categorisation, view, thumbnail and reveal is in the audit log (API and audit tab)',
    async ({ page }) => {
      const { sha, nearGroupNames } = state.fixture!;
      const audit = await apiFrom<Array<{ action: string; details: Record<string, unknown>; targetId: string | null }>>(
        page,
        'GET',
        `/api/audit?caseId=${state.caseId}&limit=500`,
      );
      assert.equal(audit.status, 200);
      const categorise = audit.body.filter((e) => e.action === 'media.categorise');
      const group = categorise.find((e) => typeof e.details.nearGroup === 'number');
      assert.ok(group, 'group categorisation audited');
      assert.deepEqual([...(group!.details.sha256s as string[])].sort(), nearGroupNames.map((n) => sha[n]).sort());
      assert.ok(
        categorise.some((e) => e.details.undo === true),
        'undo audited',
      );
      assert.ok(audit.body.some((e) => e.action === 'media.reveal' && e.targetId === sha['other/unrelated.jpg']));
      assert.ok(
        audit.body.some((e) => e.action === 'media.thumbnail.revealed' && e.targetId === sha['other/unrelated.jpg']),
      );
      assert.ok(
        audit.body.some(
          (e) => e.action === 'media.thumbnail' && (e.details.sha256s as string[]).includes(sha['dcim/original.jpg']!),
        ),
      );
      assert.ok(audit.body.some((e) => e.action === 'media.view'));
      await page.getByRole('link', { name: 'Auditlog' }).click();
      await page.locator('tr[data-action="media.categorise"]').first().waitFor();
      await page.locator('tr[data-action="media.reveal"]').first().waitFor();
    },
  ],

  [
    'an expired session returns to sign-in and back to the same place, and the pending action is carried out',
    async ({ page, adminPassword }) => {
      const { sha } = state.fixture!;
      await page.getByRole('link', { name: 'Media', exact: true }).click();
      await tile(page, sha['dup/a.jpg']!).click();
      await page.keyboard.press('Shift+ArrowRight');
      const before = await page.locator('[role="grid"]').getAttribute('aria-activedescendant');
      await page.context().clearCookies();
      await page.keyboard.press('0');
      await page.getByRole('dialog').getByText('Uw sessie is verlopen').waitFor();
      await page.screenshot({ path: path.join(artifactsDir, 'session-expired.png') });
      await page.getByLabel('Wachtwoord').fill(adminPassword);
      await page.getByRole('button', { name: 'Inloggen' }).click();
      await waitForCategory(page, sha['dup/a.jpg']!, '0');
      assert.equal(await page.locator('[role="grid"]').getAttribute('aria-activedescendant'), before);
      assert.equal(await page.locator('[role="gridcell"][aria-selected="true"]').count(), 2);
      assert.match(page.url(), /\/media/);
    },
  ],

  [
    'the groups view categorises a whole group at once',
    async ({ page }) => {
      await page.getByRole('link', { name: 'Groepen' }).click();
      const card = page.getByRole('option', { name: /Groep \d+: 5 items/ });
      await card.waitFor();
      await card.click();
      await page.keyboard.press('4');
      await page.getByText(/Hele groep, 5 items: 4 Vergelijkingsmateriaal/).waitFor();
    },
  ],

  ...moreScenarios,

  ...reportScenarios,

  [
    'switching the language turns Dutch into English and is saved for the user',
    async ({ page }) => {
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('link', { name: 'Cases' }).waitFor();
      await page.getByRole('link', { name: 'Groups' }).waitFor();
      const me = await apiFrom<{ user: { settings: { language: string } } }>(page, 'GET', '/api/auth/me');
      assert.equal(me.body.user.settings.language, 'en');
      await page.reload();
      await page.getByText(/Signed in as Administrator/).waitFor();
      await page.getByRole('button', { name: 'Nederlands' }).click();
      await page.getByRole('link', { name: 'Zaken' }).waitFor();
    },
  ],

  ...perfScenarios,
];
