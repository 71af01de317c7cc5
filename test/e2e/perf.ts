// Grid performance in the real browser on synthetic cases (random hashes, no files): first paint for
// 10k items, and a bounded DOM while scrolling through 100k. Figures are printed with the results.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { apiFrom, serverDatabase } from './helpers.ts';
import type { Scenario } from './scenarios.ts';
import { seedSyntheticCase } from './synthetic-case.ts';

const report = (line: string) => process.stdout.write(`    ↳ ${line}\n`);
const MAX_TILES = 400;

async function syntheticCase(page: Page, dataDir: string, number: string, count: number): Promise<string> {
  const created = await apiFrom<{ id: string }>(page, 'POST', '/api/cases', { number, title: `synthetic ${count}` });
  assert.equal(created.status, 201);
  const db = await serverDatabase(dataDir);
  try {
    const started = Date.now();
    const items = await seedSyntheticCase(db, created.body.id, count);
    report(
      `${number}: ${items.toLocaleString('en')} synthetic items seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  } finally {
    await db.end();
  }
  return created.body.id;
}

/** Milliseconds from navigation start until the first tile with data is in the DOM, measured in the page. */
async function firstTileAfterNavigation(page: Page, url: string): Promise<{ firstTile: number; api: number }> {
  await page.goto(url);
  await page.waitForSelector('[role="gridcell"][data-sha256]');
  return page.evaluate(() => {
    const api = performance.getEntriesByType('resource').find((e) => /\/media\?/.test(e.name)) as
      PerformanceResourceTiming | undefined;
    return {
      firstTile: (window as unknown as { __firstTile: number }).__firstTile,
      api: api ? api.responseEnd - api.requestStart : -1,
    };
  });
}

async function watchFirstTile(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __firstTile?: number };
    const observer = new MutationObserver(() => {
      if (w.__firstTile === undefined && document.querySelector('[role="gridcell"][data-sha256]')) {
        w.__firstTile = performance.now();
        observer.disconnect();
      }
    });
    document.addEventListener('DOMContentLoaded', () =>
      observer.observe(document.body, { childList: true, subtree: true }),
    );
  });
}

const tileCount = (page: Page) => page.locator('[role="gridcell"]').count();

/** Scrolls the grid 500 px per animation frame for 240 frames; frame times and the most tiles seen. */
function scrollFrames(page: Page) {
  return page.evaluate(async () => {
    const el = document.querySelector('.grid-scroll')!;
    el.scrollTop = 0;
    let longTasks = 0;
    const observer = new PerformanceObserver((list) => {
      longTasks += list.getEntries().length;
    });
    observer.observe({ type: 'longtask' });
    const deltas: number[] = [];
    let maxTiles = 0;
    let last = performance.now();
    for (let i = 0; i < 240; i++) {
      el.scrollTop += 500;
      await new Promise((r) => requestAnimationFrame(r));
      const now = performance.now();
      deltas.push(now - last);
      last = now;
      maxTiles = Math.max(maxTiles, el.querySelectorAll('[role="gridcell"]').length);
    }
    observer.disconnect();
    deltas.sort((a, b) => a - b);
    return { p50: deltas[120]!, p95: deltas[228]!, max: deltas[239]!, maxTiles, longTasks };
  });
}

const frameText = (f: Awaited<ReturnType<typeof scrollFrames>>) =>
  `p50 ${f.p50.toFixed(1)} ms, p95 ${f.p95.toFixed(1)} ms, max ${f.max.toFixed(1)} ms, ${f.longTasks} script tasks > 50 ms, at most ${f.maxTiles} tiles`;

export const perfScenarios: Array<[string, Scenario]> = [
  [
    'first grid paint for a 10k-item case is under 1 s',
    async ({ page, baseUrl, dataDir }) => {
      const id = await syntheticCase(page, dataDir, 'PERF-10K', 10_000);
      await watchFirstTile(page);
      const cold = await firstTileAfterNavigation(page, `${baseUrl}/cases/${id}/media`);
      const warm = await firstTileAfterNavigation(page, `${baseUrl}/cases/${id}/media?sort=date`);
      report(
        `10k first paint: ${cold.firstTile.toFixed(0)} ms from navigation (media API ${cold.api.toFixed(0)} ms); sorted by date ${warm.firstTile.toFixed(0)} ms (API ${warm.api.toFixed(0)} ms)`,
      );
      assert.ok(cold.firstTile < 1000, `first paint ${cold.firstTile} ms`);
      assert.ok(warm.firstTile < 1000, `first paint (date) ${warm.firstTile} ms`);
      await page.locator('[role="grid"]').focus();
      await page.keyboard.press('Control+End');
      await page.waitForSelector('#tile-9999[data-sha256]');
      const frames = await scrollFrames(page);
      report(`10k, all pages loaded: continuous scroll ${frameText(frames)}`);
      assert.ok(frames.maxTiles <= MAX_TILES);
    },
  ],

  [
    'scrolling through 100k items renders only what is visible',
    async ({ page, baseUrl, dataDir }) => {
      const id = await syntheticCase(page, dataDir, 'PERF-100K', 100_000);
      const first = await firstTileAfterNavigation(page, `${baseUrl}/cases/${id}/media`);
      report(
        `100k first paint: ${first.firstTile.toFixed(0)} ms from navigation (media API ${first.api.toFixed(0)} ms)`,
      );
      await page.getByText(/100\.000 items/).waitFor();
      const counts: number[] = [];
      for (const fraction of [0.01, 0.25, 0.5, 0.75, 1]) {
        await page.evaluate((f) => {
          const el = document.querySelector('.grid-scroll')!;
          el.scrollTop = (el.scrollHeight - el.clientHeight) * f;
        }, fraction);
        await page.waitForTimeout(150);
        counts.push(await tileCount(page));
      }
      const frames = await scrollFrames(page);
      report(
        `100k: DOM tiles at 1/25/50/75/100% of the scroll height: ${counts.join(', ')}; continuous scroll while pages load: ${frameText(frames)}`,
      );
      assert.ok(Math.max(...counts, frames.maxTiles) <= MAX_TILES, `tiles ${counts} / ${frames.maxTiles}`);

      const grid = page.locator('[role="grid"]');
      await grid.focus();
      const started = Date.now();
      await page.keyboard.press('Control+End');
      await page.waitForSelector('#tile-99999[data-sha256]', { timeout: 120_000 });
      report(
        `100k: Ctrl+End to the last item loaded every keyset page in order in ${((Date.now() - started) / 1000).toFixed(1)} s; ${await tileCount(page)} tiles in the DOM`,
      );
      assert.ok((await tileCount(page)) <= MAX_TILES);
    },
  ],
];
