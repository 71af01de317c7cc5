import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';

export type E2eContext = { page: Page; baseUrl: string; adminPassword: string; dataDir: string };
export type Scenario = (ctx: E2eContext) => Promise<void>;

export const scenarios: Array<[string, Scenario]> = [
  ['sign in as admin', async ({ page, baseUrl, adminPassword }) => {
    await page.goto(baseUrl);
    await page.getByLabel(/gebruikersnaam|username/i).fill('admin');
    await page.getByLabel(/wachtwoord|password/i).fill(adminPassword);
    await page.getByRole('button', { name: /inloggen|sign in/i }).click();
    await page.getByText(/Administrator/).waitFor();
    assert.ok(await page.getByText(/Landelijke Eenheid/).isVisible());
  }],
];
