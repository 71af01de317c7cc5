// Mirrored, turned and padded copies in the browser: a generated case of ~100 images, ingested through the real
// server, shows every original with exactly its three copies in the groups view, and unrelated images alone.
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { apiFrom } from './helpers.ts';
import {
  groupCards,
  groupInGrid,
  matchFamily,
  sessionCookie,
  uploadFolder,
  waitUntilDone,
  writeGroupedCase,
} from './grouped-case.ts';
import type { Scenario } from './scenarios.ts';

const report = (line: string) => process.stdout.write(`    ↳ ${line}\n`);

export const groupedScenarios: Array<[string, Scenario]> = [
  [
    'mirrored, turned and padded copies show grouped with their original',
    async ({ page, baseUrl }) => {
      const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'spoor-e2e-grouped-'));
      try {
        const generated = await writeGroupedCase(path.join(dir, 'grouped-export'), { families: 12, singles: 60 });
        const created = await apiFrom<{ id: string }>(page, 'POST', '/api/cases', {
          number: '2026-GRP-0001',
          title: 'Gespiegelde en gedraaide kopieën',
        });
        assert.equal(created.status, 201);
        const caseId = created.body.id;
        const cookie = await sessionCookie(page, baseUrl);
        const started = Date.now();
        const evidenceId = await uploadFolder(baseUrl, cookie, caseId, generated.folder);
        const progress = await waitUntilDone(baseUrl, cookie, evidenceId, 180_000);
        assert.equal(progress.images, generated.files, JSON.stringify(progress));
        const cards = await groupCards(page, baseUrl, caseId);
        report(
          `${generated.files} files ingested in ${((Date.now() - started) / 1000).toFixed(1)} s; ` +
            `groups shown ${cards.size} (expected ${generated.families.length})`,
        );
        assert.equal(cards.size, generated.families.length, `groups shown: ${[...cards.values()].join(', ')}`);
        assert.ok(
          [...cards.values()].every((n) => n === 4),
          `group sizes: ${[...cards.values()].join(', ')}`,
        );
        // Each card, opened in the grid, holds one original with exactly its mirrored, turned and padded copies.
        const seen = new Set<number>();
        for (const group of cards.keys()) {
          const found = matchFamily(generated, await groupInGrid(page, baseUrl, caseId, group));
          assert.ok('family' in found, `group ${group} holds ${'mismatch' in found ? found.mismatch : ''}`);
          seen.add(found.family);
        }
        assert.equal(seen.size, generated.families.length);
      } finally {
        await fs.rm(dir, { recursive: true, force: true });
      }
    },
  ],
];
