// The dossier for the prosecutor (issue 13) in a real Chromium: start a generation with the keyboard on the case's
// dossier tab, see it queued or running and then done, download the zip, and check that zip in the same tab.
import assert from 'node:assert/strict';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { buildZip } from '../fixtures/hostile-export.ts';
import { scenePhoto } from '../fixtures/photos.ts';
import { findDossierPublicKey } from '../../storage/dossier-keys.ts';
import { verifyDossier } from '../../workers/dossier/verify.ts';
import { artifactsDir } from './browser.ts';
import { sessionCookie, waitUntilDone } from './grouped-case.ts';
import { apiFrom } from './helpers.ts';
import type { Scenario } from './scenarios.ts';

async function ingestCase(page: Page, baseUrl: string): Promise<string> {
  const created = await apiFrom<{ id: string }>(page, 'POST', '/api/cases', { number: '2026-DOS-0001', title: 'OM' });
  assert.equal(created.status, 201);
  const cookie = await sessionCookie(page, baseUrl);
  const photos = await Promise.all([1, 2, 3].map((i) => scenePhoto(7100 + i, 320, 240)));
  const zip = buildZip([
    ...photos.map((data, i) => ({ name: `DCIM/${i}.jpg`, data })),
    { name: 'x.jpg', data: photos[0]! },
  ]);
  const response = await fetch(`${baseUrl}/api/cases/${created.body.id}/evidence?name=om.zip`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/octet-stream' },
    body: new Uint8Array(zip),
  });
  assert.equal(response.status, 201, await response.clone().text());
  await waitUntilDone(baseUrl, cookie, ((await response.json()) as { id: string }).id, 90_000);
  return created.body.id;
}

export const dossierScenarios: Array<[string, Scenario]> = [
  [
    'dossier: generate with the keyboard, follow its progress, download the zip and check it',
    async ({ page, baseUrl, dataDir }) => {
      const caseId = await ingestCase(page, baseUrl);
      await page.goto(`${baseUrl}/cases/${caseId}/dossier`);
      await page.getByRole('heading', { name: 'Dossier voor het Openbaar Ministerie' }).waitFor();
      await page.getByRole('button', { name: 'Dossier maken' }).focus();
      await page.keyboard.press('Enter');
      // The new generation shows at once as queued or running, with its progress, then as done.
      await page
        .locator('tr[data-status="queued"], tr[data-status="running"], tr[data-status="done"]')
        .first()
        .waitFor();
      await page.locator('tr[data-status="done"]').waitFor({ timeout: 120_000 });
      await page.getByText(/4 bestanden · 4 niet gecategoriseerd · 0 niet verwerkbaar/).waitFor();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'Zip downloaden' }).click(),
      ]);
      const file = path.join(artifactsDir, 'dossier-e2e.zip');
      await download.saveAs(file);
      const keys = path.join(dataDir, 'dossier-keys');
      const verdict = await verifyDossier(file, (unit) => findDossierPublicKey(keys, unit));
      assert.ok(verdict.ok, JSON.stringify(verdict));
      await page.getByLabel('Dossier-zip kiezen').setInputFiles(file);
      await page.getByText(/Intact: 4 bestanden kloppen met het manifest/).waitFor();
    },
  ],
];
