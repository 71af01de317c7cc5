// Devices in a real Chromium: two cases share one camera body (make + serial written by code into EXIF); the grid's
// device section names the body with its link to the other case, filters the grid to it, and the detail panel
// shows the serial and the nearest place from the offline gazetteer.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { cameraPhoto } from '../fixtures/camera-photos.ts';
import { buildZip, sha256 } from '../fixtures/hostile-export.ts';
import { sessionCookie, waitUntilDone } from './grouped-case.ts';
import { apiFrom, tile, until } from './helpers.ts';
import type { Scenario } from './scenarios.ts';

async function ingestCase(page: Page, baseUrl: string, number: string, files: Record<string, Buffer>) {
  const created = await apiFrom<{ id: string }>(page, 'POST', '/api/cases', { number, title: number });
  assert.equal(created.status, 201);
  const cookie = await sessionCookie(page, baseUrl);
  const zip = buildZip(Object.entries(files).map(([name, data]) => ({ name, data })));
  const response = await fetch(`${baseUrl}/api/cases/${created.body.id}/evidence?name=camera.zip`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/octet-stream' },
    body: new Uint8Array(zip),
  });
  assert.equal(response.status, 201, await response.clone().text());
  await waitUntilDone(baseUrl, cookie, ((await response.json()) as { id: string }).id, 90_000);
  return created.body.id;
}

export const devicesScenarios: Array<[string, Scenario]> = [
  [
    'devices: a shared camera body links two cases, filters the grid and shows in the detail panel',
    async ({ page, baseUrl }) => {
      const body = { make: 'NIKON CORPORATION', model: 'NIKON D750', serial: '6012345' };
      const shared = await cameraPhoto({ seed: 601, ...body, gps: { lat: 52.37309, lon: 4.89294 } });
      const a = {
        'DCIM/shared.jpg': shared,
        'DCIM/other.jpg': await cameraPhoto({ seed: 602, ...body, serial: '777' }),
      };
      const caseA = await ingestCase(page, baseUrl, '2026-DEV-0001', a);
      await ingestCase(page, baseUrl, '2026-DEV-0002', { 'seized/x.jpg': await cameraPhoto({ seed: 603, ...body }) });

      await page.goto(`${baseUrl}/cases/${caseA}/media`);
      await tile(page, sha256(a['DCIM/other.jpg'])).waitFor();
      await page.getByText('Toestel, plaats en tijd').click();
      const select = page.getByLabel('Toestel (merk + serienummer)');
      await until('devices loaded', async () => (await select.locator('option').count()) > 1, 10_000);
      const option = select.locator('option', { hasText: '6012345' });
      assert.match(await option.innerText(), /Nikon D750 · 6012345 \(1\) · ook in 1 andere zaak/);
      await select.selectOption({ label: await option.innerText() });
      await until(
        'grid filtered to the body',
        async () => (await page.locator('[role="gridcell"]').count()) === 1,
        10_000,
      );
      assert.match(page.url(), /device=\d+/);

      await tile(page, sha256(shared)).click();
      await page.keyboard.press('i');
      const detail = page.locator('aside.detail');
      await detail.locator('dd', { hasText: '6012345' }).waitFor();
      await detail.locator('dd', { hasText: /Amsterdam, Amsterdam \(NL\)/ }).waitFor();
    },
  ],
];
