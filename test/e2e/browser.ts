// Shared browser plumbing for the e2e suite: Debian's Chromium driven by playwright-core.
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const artifactsDir = path.resolve('test-artifacts');

function chromiumPath(): string {
  const found = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((candidate) => existsSync(candidate));
  if (!found) throw new Error('Chromium not found. Install it with: apt-get install -y chromium');
  return found;
}

export async function launchBrowser(): Promise<BrowserContext> {
  const profile = await fs.mkdtemp(path.join(os.tmpdir(), 'spoor-chromium-'));
  return chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Collects every Content-Security-Policy violation in the context's pages (console reports and the
 * `securitypolicyviolation` event), so the suite fails when the client needs something the policy forbids.
 */
export async function watchCsp(context: BrowserContext): Promise<() => string[]> {
  const violations: string[] = [];
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const where = `${e.sourceFile}:${e.lineNumber}`;
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} at ${where}`);
    });
  });
  const watch = (page: Page) =>
    page.on('console', (message) => {
      const text = message.text();
      if (/Content Security Policy|CSP violation/i.test(text)) violations.push(`${page.url()}: ${text}`);
    });
  context.pages().forEach(watch);
  context.on('page', watch);
  return () => [...violations];
}
