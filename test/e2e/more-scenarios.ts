// Filters, members, hash-set import and lookup, in the browser against the real server.
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { launchBrowser } from './browser.ts';
import { apiFrom, shared, tile, until } from './helpers.ts';
import type { Scenario } from './scenarios.ts';

export const moreScenarios: Array<[string, Scenario]> = [
  [
    'filters narrow the grid and live in the URL',
    async ({ page }) => {
      const { sha } = shared.fixture!;
      await page.getByRole('link', { name: 'Media', exact: true }).click();
      await tile(page, sha['dcim/original.jpg']!).waitFor();
      await page.getByLabel('Zoeken in pad of naam').fill('whatsapp');
      await until('search result', async () => (await page.locator('[role="gridcell"]').count()) === 1, 10_000);
      await tile(page, sha['whatsapp/recompressed.jpg']!).waitFor();
      assert.match(page.url(), /q=whatsapp/);
      await page.getByRole('button', { name: 'Filters wissen' }).click();
      await page.getByLabel('Met fout').selectOption('true');
      await until('error filter', async () => (await page.locator('[role="gridcell"]').count()) === 1, 10_000);
      await tile(page, sha['broken/truncated.jpg']!).waitFor();
      await page.getByLabel('Sorteren').selectOption('group');
      assert.match(page.url(), /hasError=true.*sort=group|sort=group.*hasError=true/);
      await page.getByRole('button', { name: 'Filters wissen' }).click();
      await until('all items back', async () => (await page.locator('[role="gridcell"]').count()) === 10, 10_000);
    },
  ],

  [
    'members can be added and removed',
    async ({ page }) => {
      const created = await apiFrom(page, 'POST', '/api/users', {
        username: 'e2e-analyst',
        unit: 'Amsterdam',
        role: 'analyst',
        password: 'e2e-analyst-password',
      });
      assert.equal(created.status, 201);
      await page.getByRole('link', { name: 'Leden' }).click();
      await page.getByLabel('Gebruikersnaam').fill('e2e-analyst');
      await page.getByRole('button', { name: 'Lid toevoegen' }).click();
      await page.getByRole('cell', { name: 'e2e-analyst (e2e-analyst)' }).waitFor();
      page.once('dialog', (d) => void d.accept());
      await page.getByRole('button', { name: 'e2e-analyst verwijderen uit de zaak' }).click();
      await page.getByRole('cell', { name: 'e2e-analyst (e2e-analyst)' }).waitFor({ state: 'detached' });
    },
  ],

  [
    'a one-time password must be changed first; then the password can be changed in the settings',
    async ({ page, baseUrl }) => {
      const created = await apiFrom(page, 'POST', '/api/users', {
        username: 'e2e-newcomer',
        unit: 'Amsterdam',
        role: 'analyst',
      });
      assert.equal(created.status, 201);
      const oneTime = (created.body as { password: string }).password;
      const browser = await launchBrowser(); // a second browser: the admin's session in the first stays as it is
      try {
        const other = await browser.newPage();
        await other.goto(baseUrl);
        await other.getByLabel('Gebruikersnaam').fill('e2e-newcomer');
        await other.getByLabel('Wachtwoord').fill(oneTime);
        await other.getByRole('button', { name: 'Inloggen' }).click();
        await other.getByRole('heading', { name: 'Kies een eigen wachtwoord' }).waitFor();
        assert.equal(await other.getByRole('link', { name: 'Zaken' }).count(), 0);
        const fill = async (current: string, next: string, repeat = next) => {
          await other.getByLabel('Huidig wachtwoord').fill(current);
          await other.getByLabel('Nieuw wachtwoord', { exact: true }).fill(next);
          await other.getByLabel('Nieuw wachtwoord herhalen').fill(repeat);
          await other.getByRole('button', { name: 'Wachtwoord wijzigen' }).click();
        };
        await fill(oneTime, 'aaaaaaaaaaaa');
        await other.getByText('herhalingen of een reeks', { exact: false }).waitFor();
        await fill(oneTime, 'lange zin van losse woorden', 'iets anders dan dat');
        await other.getByText('De twee nieuwe wachtwoorden verschillen').waitFor();
        await fill(oneTime, 'lange zin van losse woorden');
        await other.getByText(/Ingelogd als e2e-newcomer/).waitFor();
        await other.getByRole('button', { name: /Instellingen/ }).click();
        await fill('lange zin van losse woorden', 'nog een andere lange zin');
        await other.getByText('Uw wachtwoord is gewijzigd.').waitFor();
        const relogin = await apiFrom(other, 'POST', '/api/auth/login', {
          username: 'e2e-newcomer',
          password: 'nog een andere lange zin',
        });
        assert.equal(relogin.status, 200);
      } finally {
        await browser.close();
      }
    },
  ],

  [
    'hash-set admin: import a list with progress, see it listed, and the case content becomes known',
    async ({ page }) => {
      const { sha } = shared.fixture!;
      const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'spoor-e2e-set-'));
      const file = path.join(dir, 'e2e-list.txt');
      await fs.writeFile(file, `# synthetic test list\n${sha['dup/a.jpg']}\n`);
      await page.getByRole('link', { name: 'Hashsets' }).click();
      await page.getByLabel('Bestand').setInputFiles(file);
      await page.getByLabel('Naam').fill('e2e-list');
      await page.getByLabel('Versie').fill('1');
      await page.getByLabel('Formaat').selectOption('list');
      await page.getByRole('button', { name: 'Import starten' }).click();
      await page.getByText('Import voltooid.').waitFor({ timeout: 60_000 });
      await page.getByRole('cell', { name: 'e2e-list' }).waitFor();
      await until(
        'known after re-match',
        async () => {
          const r = await apiFrom<{ items: Array<{ sha256: string }> }>(
            page,
            'GET',
            `/api/cases/${shared.caseId}/media?known=true`,
          );
          return r.body.items.some((m) => m.sha256 === sha['dup/a.jpg']);
        },
        60_000,
      );
      await fs.rm(dir, { recursive: true, force: true });
    },
  ],

  [
    'the lookup page takes a pasted hash and shows where it is known',
    async ({ page }) => {
      await page.getByRole('link', { name: 'Opzoeken' }).click();
      await page.getByLabel('Hash', { exact: true }).fill('not-a-hash');
      await page.getByText('Geen geldige hash', { exact: false }).waitFor();
      await page.getByLabel('Hash', { exact: true }).fill(shared.fixture!.sha['dup/a.jpg']!);
      await page.getByText('Herkend als SHA256').waitFor();
      await page.getByRole('button', { name: 'Zoeken' }).click();
      await page.getByRole('heading', { name: /\d+ treffers/ }).waitFor();
      await page.getByText('Hashset e2e-list 1').waitFor();
      await page.getByRole('link', { name: 'Zaken' }).click();
      await page.getByRole('link', { name: '2026-LE-0001' }).click();
    },
  ],
];
