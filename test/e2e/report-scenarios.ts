// The Meldingen flow in the browser: a frontoffice user registers a melding with a generated chat screenshot,
// sees the phone number highlighted and the screenshot blurred; a melding with the same number in another unit
// raises a signal in the first unit's queue that shows hits only, which is acknowledged and closed.
import assert from 'node:assert/strict';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { renderChatScreenshot } from '../fixtures/screenshots.ts';
import { artifactsDir, launchBrowser } from './browser.ts';
import { apiFrom, imagePixels, shared, until } from './helpers.ts';
import type { Scenario } from './scenarios.ts';

const ONE_TIME = 'een lange zin voor de frontoffice';
const PASSWORD = 'nog een lange zin van de frontoffice';
const PHONE = '+31612345678';
const OTHER_TEXT = 'Melder uit de fictieve Havenstraat zegt dat een onbekende hem via +31 6 1234 5678 afperste.';

async function createUsers(page: Page): Promise<void> {
  for (const [username, unit] of [
    ['e2e-fo-am', 'Amsterdam'],
    ['e2e-fo-rt', 'Rotterdam'],
  ]) {
    const r = await apiFrom(page, 'POST', '/api/users', { username, unit, role: 'frontoffice', password: ONE_TIME });
    assert.equal(r.status, 201, JSON.stringify(r.body));
  }
}

async function signIn(page: Page, baseUrl: string, username: string): Promise<void> {
  await page.goto(baseUrl);
  await page.getByLabel('Gebruikersnaam').fill(username);
  await page.getByLabel('Wachtwoord').fill(PASSWORD);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.getByText(new RegExp(`Ingelogd als ${username}`)).waitFor();
}

/** Signs in from Node and replaces the one-time password an administrator set; returns the session cookie. */
async function ownPassword(baseUrl: string, username: string): Promise<string> {
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: ONE_TIME }),
  });
  assert.equal(login.status, 200);
  let cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const changed = await fetch(`${baseUrl}/api/auth/password`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ currentPassword: ONE_TIME, newPassword: PASSWORD }),
  });
  assert.equal(changed.status, 200, await changed.text());
  const renewed = changed.headers.getSetCookie().map((c) => c.split(';')[0]);
  if (renewed.length) cookie = renewed.join('; ');
  return cookie;
}

/** The other unit registers its melding through the API, as its own frontoffice user (a session of its own). */
async function registerElsewhere(baseUrl: string, cookie: string): Promise<void> {
  const created = await fetch(`${baseUrl}/api/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({
      number: 'E2E-RT-0001',
      received: '2026-02-10',
      offence: 'sextortion',
      victimMinor: false,
      aangifte: true,
      text: OTHER_TEXT,
    }),
  });
  assert.equal(created.status, 201, await created.text());
}

const screenshot = () =>
  renderChatScreenshot({
    theme: 'light',
    font: 'sans',
    title: 'Onbekend',
    messages: [
      { from: 'them', text: 'Stuur het geld of ik deel alles' },
      { from: 'them', text: 'Bel me op 06-12345678' },
    ],
  });

async function fillNewMelding(fo: Page): Promise<void> {
  await fo.getByRole('link', { name: 'Meldingen' }).click();
  await fo.getByRole('heading', { name: 'Meldingen' }).waitFor();
  await fo.getByRole('link', { name: 'Nieuwe melding' }).click();
  await fo.getByLabel('Registratienummer').fill('E2E-AM-0001');
  await fo.getByLabel('Ontvangen op').fill('2026-03-02');
  await fo.getByLabel('Delict').selectOption('sextortion');
  await fo.getByLabel('Slachtoffer is minderjarig').check();
  await fo
    .getByLabel('Tekst van de melding')
    .fill(
      'Mijn dochter werd benaderd. De dader stuurde berichten vanaf 06-12345678 en eiste geld.\n' +
        'Telefoonnummer slachtoffer: 06-12345001',
    );
  const png = await screenshot();
  await fo.locator('input[type="file"]').setInputFiles({ name: 'chat.png', mimeType: 'image/png', buffer: png });
  await fo.getByText('chat.png — Wacht').waitFor();
  await fo.getByRole('button', { name: 'Melding registreren' }).click();
}

async function seeExtracted(fo: Page): Promise<void> {
  await fo.getByRole('heading', { name: 'Melding E2E-AM-0001' }).waitFor({ timeout: 30_000 });
  assert.match(fo.url(), /\/reports\/[0-9a-f-]{36}$/);
  await fo.getByText('Uitgelezen').first().waitFor({ timeout: 120_000 });
  const offender = fo.locator(`mark.selector[data-value="${PHONE}"]`).first();
  await offender.waitFor();
  assert.match((await offender.textContent()) ?? '', /06-12345678/);
  const own = fo.locator('mark.selector.own');
  await own.first().waitFor();
  assert.match((await own.first().textContent()) ?? '', /06-12345001.*eigen contact, koppelt niet/);
  // The screenshot arrives as the server's greyscale, blurred rendition; its boxes mark the number OCR read.
  const img = fo.locator('figure.attachment img');
  await until('attachment loaded', () => img.evaluate((e) => (e as HTMLImageElement).naturalWidth > 0), 20_000);
  const pixels = await imagePixels(img);
  assert.ok(pixels.grey, 'the attachment is shown in greyscale');
  assert.ok(Math.max(pixels.width, pixels.height) <= 64, `blurred rendition is small, got ${pixels.width}`);
  await fo.locator(`svg.ocr-boxes rect[data-value="${PHONE}"]`).first().waitFor({ state: 'attached', timeout: 60_000 });
}

async function handleSignal(fo: Page): Promise<void> {
  await fo.getByRole('link', { name: 'Signalen' }).click();
  const row = fo.locator('.signals-table tbody tr').first();
  await until('a signal in the queue', async () => (await fo.locator('.signals-table tbody tr').count()) > 0, 90_000);
  await row.click();
  const detail = fo.locator('.signal-detail');
  await detail.getByRole('row', { name: /E2E-RT-0001/ }).waitFor();
  const other = await detail.getByRole('row', { name: /E2E-RT-0001/ }).textContent();
  assert.match(other ?? '', /Rotterdam/);
  assert.match(other ?? '', /treffer \(andere eenheid\)/);
  assert.match(other ?? '', /2026-02-10/);
  assert.equal(await fo.getByText(/Havenstraat|afperste/).count(), 0, "no text of the other unit's melding");
  await fo.screenshot({ path: path.join(artifactsDir, 'signal.png'), fullPage: true });
  await detail.getByRole('button', { name: 'Gezien' }).click();
  await fo.locator('.signals-table tbody tr').first().getByText('Gezien').waitFor();
  await detail.getByLabel('Notitie: wat is er gedaan?').fill('Contact opgenomen met de frontoffice Rotterdam.');
  await detail.getByRole('button', { name: 'Sluiten met notitie' }).click();
  await fo.getByText('Gesloten: Contact opgenomen met de frontoffice Rotterdam.').waitFor();
  const queue = await apiFrom<{ signals: Array<{ state: string }> }>(fo, 'GET', '/api/signals');
  assert.deepEqual(
    queue.body.signals.map((s) => s.state),
    ['closed'],
  );
}

export const reportScenarios: Array<[string, Scenario]> = [
  [
    'meldingen: frontoffice registers a melding; selectors highlighted, screenshot blurred; a cross-unit signal is handled',
    async ({ page, baseUrl }) => {
      await createUsers(page);
      await ownPassword(baseUrl, 'e2e-fo-am');
      const elsewhere = await ownPassword(baseUrl, 'e2e-fo-rt');
      const browser = await launchBrowser();
      const fo = await browser.newPage();
      try {
        await signIn(fo, baseUrl, 'e2e-fo-am');
        await fillNewMelding(fo);
        await seeExtracted(fo);
        await fo.screenshot({ path: path.join(artifactsDir, 'melding.png'), fullPage: true });
        await registerElsewhere(baseUrl, elsewhere);
        await handleSignal(fo);
      } catch (error) {
        // The frontoffice's own browser is the one worth seeing when this fails.
        await fo.screenshot({ path: path.join(artifactsDir, 'failed-meldingen-frontoffice.png') }).catch(() => null);
        throw error;
      } finally {
        await browser.close();
      }
    },
  ],

  [
    'meldingen: the lookup page answers a selector written any way',
    async ({ page, baseUrl }) => {
      await page.goto(`${baseUrl}/lookup`);
      await page.getByLabel('Selector', { exact: true }).fill('0031 6 12 34 56 78');
      await page.getByRole('button', { name: 'Zoek selector' }).click();
      await page.getByRole('heading', { name: '2 meldingen' }).waitFor({ timeout: 20_000 });
      await page.getByText(`Gezocht als phone: ${PHONE}`).waitFor();
      if (shared.caseId) await page.goto(`${baseUrl}/cases/${shared.caseId}`);
    },
  ],
];
