// Grid API latency on synthetic cases of 10k and 100k contents: first page (with total), a deep keyset
// page, counts and facets, per sort. Run: node --import tsx bench/grid.bench.ts [sizes…]
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../server/config.ts';
import { startRuntime } from '../server/runtime.ts';
import { SYSTEM_ACTOR } from '../server/services/actor.ts';
import { seedSyntheticCase } from '../test/e2e/synthetic-case.ts';

const sizes = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0);
const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'spoor-grid-bench-'));
const runtime = await startRuntime(loadConfig({ SPOOR_DATA_DIR: dataDir, LOG_LEVEL: 'silent' }));
const { media, cases } = runtime.services;

async function time<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const started = performance.now();
  const result = await fn();
  return [performance.now() - started, result];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

try {
  for (const size of sizes.length ? sizes : [10_000, 100_000]) {
    const c = await cases.create(SYSTEM_ACTOR, {
      number: `BENCH-${size}`,
      title: 'grid bench',
      unit: 'Landelijke Eenheid',
    });
    const [seedMs, items] = await time(() => seedSyntheticCase(runtime.pool, c.id, size));
    process.stdout.write(
      `\n${size.toLocaleString('en')} contents (${items.toLocaleString('en')} items), seeded in ${(seedMs / 1000).toFixed(1)} s\n`,
    );
    for (const sort of ['path', 'date', 'group'] as const) {
      const firsts: number[] = [];
      const deeps: number[] = [];
      for (let run = 0; run < 5; run++) {
        const [first, page] = await time(() => media.page(SYSTEM_ACTOR, c.id, { sort, limit: 200 }));
        firsts.push(first);
        let next = page.next;
        for (let hop = 0; hop < 3 && next; hop++)
          next = (await media.page(SYSTEM_ACTOR, c.id, { sort, limit: 2000, after: next })).next;
        const [deep] = await time(() => media.page(SYSTEM_ACTOR, c.id, { sort, limit: 200, after: next! }));
        deeps.push(deep);
      }
      process.stdout.write(
        `  sort=${sort.padEnd(5)} first page + total: p50 ${median(firsts).toFixed(0)} ms; page after 6,200: p50 ${median(deeps).toFixed(0)} ms\n`,
      );
    }
    const [filtered] = await time(() =>
      media.page(SYSTEM_ACTOR, c.id, { sort: 'path', limit: 200, category: 'none', q: 'dir042' }),
    );
    const [counts] = await time(() => media.counts(SYSTEM_ACTOR, c.id));
    const [facets] = await time(() => media.facets(SYSTEM_ACTOR, c.id));
    process.stdout.write(
      `  filtered page (uncategorised + path text): ${filtered.toFixed(0)} ms; counts: ${counts.toFixed(0)} ms; facets: ${facets.toFixed(0)} ms\n`,
    );
  }
} finally {
  await runtime.stop();
  await fs.rm(dataDir, { recursive: true, force: true });
}
