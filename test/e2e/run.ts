// The browser suite: builds nothing itself (run `npm run build` first), starts the real server on a
// temp data directory, and drives Chromium through the analyst's flow. Prints "N passed, N failed".
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { startServer } from '../integration/helpers/process.ts';
import { artifactsDir, launchBrowser, watchCsp } from './browser.ts';
import { boardScenarios } from './board-scenarios.ts';
import { devicesScenarios } from './devices-scenarios.ts';
import { dossierScenarios } from './dossier-scenarios.ts';
import { groupedScenarios } from './grouped-scenarios.ts';
import { scenarios as mainScenarios } from './scenarios.ts';
import { videoScenarios } from './video-scenarios.ts';

const scenarios = [
  ...mainScenarios,
  ...groupedScenarios,
  ...boardScenarios,
  ...devicesScenarios,
  ...videoScenarios,
  ...dossierScenarios,
];

/** The client must work under the server's Content-Security-Policy: any violation during the scenarios fails. */
async function cspHeld(page: Page, baseUrl: string, violationsSoFar: () => string[]): Promise<boolean> {
  const during = violationsSoFar();
  const violations = [...during];
  const policy = (await fetch(baseUrl)).headers.get('content-security-policy') ?? '';
  if (!policy.includes("default-src 'self'"))
    violations.push(`the workbench is served without the strict policy: "${policy}"`);
  // A canary inline script the policy must block proves the watch is live.
  await page.goto(baseUrl);
  await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'void 0';
    document.body.append(s);
  });
  await page.waitForTimeout(300);
  if (violationsSoFar().length === during.length)
    violations.push('the CSP watch did not report a blocked inline script');
  if (violations.length === 0) {
    process.stdout.write('  ✓ no Content-Security-Policy violations\n');
    return true;
  }
  process.stdout.write(
    `  ✗ Content-Security-Policy violations (${violations.length}):\n    ${violations.join('\n    ')}\n`,
  );
  return false;
}

async function main(): Promise<void> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'spoor-e2e-'));
  await fs.mkdir(artifactsDir, { recursive: true });
  const server = await startServer({ SPOOR_DATA_DIR: dataDir, SPOOR_ADMIN_PASSWORD: 'e2e-admin-password' });
  const browser = await launchBrowser();
  const cspViolations = await watchCsp(browser);
  let passed = 0;
  let failed = 0;
  try {
    const page = await browser.newPage();
    const ctx = { page, baseUrl: server.url, adminPassword: 'e2e-admin-password', dataDir };
    // SPOOR_E2E_ONLY=<regex> runs only the matching scenarios (after the first, which signs in).
    const only = process.env.SPOOR_E2E_ONLY ? new RegExp(process.env.SPOOR_E2E_ONLY) : null;
    const chosen = only ? scenarios.filter(([name], i) => i === 0 || only.test(name)) : scenarios;
    for (const [name, scenario] of chosen) {
      const started = Date.now();
      try {
        await scenario(ctx);
        passed += 1;
        process.stdout.write(`  ✓ ${name} (${Date.now() - started} ms)\n`);
      } catch (error) {
        failed += 1;
        process.stdout.write(`  ✗ ${name}\n    ${(error as Error).stack ?? error}\n`);
        await page
          .screenshot({ path: path.join(artifactsDir, `failed-${name.replace(/\W+/g, '-')}.png`) })
          .catch(() => undefined);
      }
    }
    if (await cspHeld(page, server.url, cspViolations)) passed += 1;
    else failed += 1;
  } finally {
    await browser.close();
    server.child.kill('SIGTERM');
    await server.exited;
    await fs.rm(dataDir, { recursive: true, force: true });
  }
  process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
  process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
}

await main();
