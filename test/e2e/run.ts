// The browser suite: builds nothing itself (run `npm run build` first), starts the real server on a
// temp data directory, and drives Chromium through the analyst's flow. Prints "N passed, N failed".
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startServer } from '../integration/helpers/process.ts';
import { artifactsDir, launchBrowser } from './browser.ts';
import { scenarios } from './scenarios.ts';

async function main(): Promise<void> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'spoor-e2e-'));
  await fs.mkdir(artifactsDir, { recursive: true });
  const server = await startServer({ SPOOR_DATA_DIR: dataDir, SPOOR_ADMIN_PASSWORD: 'e2e-admin-password' });
  const browser = await launchBrowser();
  let passed = 0;
  let failed = 0;
  try {
    const page = await browser.newPage();
    const ctx = { page, baseUrl: server.url, adminPassword: 'e2e-admin-password', dataDir };
    for (const [name, scenario] of scenarios) {
      const started = Date.now();
      try {
        await scenario(ctx);
        passed += 1;
        process.stdout.write(`  ✓ ${name} (${Date.now() - started} ms)\n`);
      } catch (error) {
        failed += 1;
        process.stdout.write(`  ✗ ${name}\n    ${(error as Error).stack ?? error}\n`);
        await page.screenshot({ path: path.join(artifactsDir, `failed-${name.replace(/\W+/g, '-')}.png`) }).catch(() => undefined);
      }
    }
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
