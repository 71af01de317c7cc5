// Grid API latency on synthetic cases of 10k, 100k and 1M contents, side by side: first page with its total and a
// deep keyset page per sort, a filtered page, counts, facets and a page of near groups (p50 of several runs). Beside
// each size, the floor measured in the same run: one indexed row of the projection read through the same pool.
// The cases are seeded straight in SQL; the projection then catches up through its drain, as after an ingest.
// Run: npm run bench:grid [-- 10000 100000 1000000]   (asserts nothing; prints the targets of issue 10 item 5)
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../server/config.ts';
import { startRuntime, type Runtime } from '../server/runtime.ts';
import { SYSTEM_ACTOR } from '../server/services/actor.ts';
import { seedSyntheticCase } from '../test/e2e/synthetic-case.ts';

const RUNS = 7;
const sizes = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0);

type Row = { name: string; target?: number; p50: Record<number, number> };

async function p50(work: () => Promise<unknown>): Promise<number> {
  await work(); // warm: plans and pages cached, as on a grid in use
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)]!;
}

/** The grid's use cases on one case, by name, with the issue's target where it sets one. */
async function measureCase(runtime: Runtime, caseId: string) {
  const { media } = runtime.services;
  const out: Array<[string, number, number?]> = [];
  const sha = (await runtime.pool.query('SELECT sha256 FROM media_projection WHERE case_id = $1 LIMIT 1', [caseId]))
    .rows[0].sha256 as string;
  const floor = () =>
    runtime.pool.query('SELECT 1 FROM media_projection WHERE case_id = $1 AND sha256 = $2', [caseId, sha]);
  out.push(['floor: one indexed row', await p50(floor)]);
  for (const sort of ['path', 'date', 'group'] as const) {
    out.push([
      `first page + total, ${sort}`,
      await p50(() => media.page(SYSTEM_ACTOR, caseId, { sort, limit: 200 })),
      100,
    ]);
    let next = (await media.page(SYSTEM_ACTOR, caseId, { sort, limit: 200 })).next;
    for (let hop = 0; hop < 3 && next; hop++)
      next = (await media.page(SYSTEM_ACTOR, caseId, { sort, limit: 2000, after: next })).next;
    const deep = () => media.page(SYSTEM_ACTOR, caseId, { sort, limit: 200, after: next! });
    out.push([`page after 6,200, ${sort}`, await p50(deep), 50]);
  }
  const uncategorisedText = { sort: 'path' as const, limit: 200, category: 'none', q: 'dir042' };
  out.push([
    'first page, uncategorised + camera',
    await p50(() =>
      media.page(SYSTEM_ACTOR, caseId, {
        limit: 200,
        category: 'none',
        make: 'Synthcam',
      }),
    ),
  ]);
  out.push([
    'first page, uncategorised + path text',
    await p50(() => media.page(SYSTEM_ACTOR, caseId, uncategorisedText)),
  ]);
  out.push(['counts', await p50(() => media.counts(SYSTEM_ACTOR, caseId)), 150]);
  out.push(['facets', await p50(() => media.facets(SYSTEM_ACTOR, caseId)), 150]);
  out.push(['near groups, first 100', await p50(() => media.groups(SYSTEM_ACTOR, caseId, 0, 100))]);
  return out;
}

function print(rows: Row[], measured: number[]) {
  const label = (n: number) => (n >= 1e6 ? `${n / 1e6}M` : `${n / 1e3}k`);
  const head = ['p50 ms'.padEnd(40), ...measured.map((n) => label(n).padStart(9)), 'target'.padStart(9)];
  process.stdout.write(`\n${head.join('')}\n`);
  for (const r of rows) {
    const cells = measured.map((n) => (r.p50[n] ?? NaN).toFixed(1).padStart(9));
    const largest = r.p50[measured[measured.length - 1]!]!;
    const verdict =
      r.target === undefined ? '' : `${`≤ ${r.target}`.padStart(9)} ${largest <= r.target ? 'met' : 'MISSED'}`;
    process.stdout.write(`${r.name.padEnd(40)}${cells.join('')}${verdict}\n`);
  }
}

const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'spoor-grid-bench-'));
const runtime = await startRuntime(loadConfig({ SPOOR_DATA_DIR: dataDir, LOG_LEVEL: 'silent' }));
try {
  const rows: Row[] = [];
  const measured: number[] = [];
  for (const size of sizes.length ? sizes : [10_000, 100_000, 1_000_000]) {
    const c = await runtime.services.cases.create(SYSTEM_ACTOR, {
      number: `BENCH-${size}`,
      title: 'grid bench',
      unit: 'Landelijke Eenheid',
    });
    const started = performance.now();
    const items = await seedSyntheticCase(runtime.pool, c.id, size);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const what = `${size.toLocaleString('en')} contents (${items.toLocaleString('en')} items)`;
    process.stdout.write(`${what}: seeded and projected in ${seconds} s\n`);
    for (const [name, ms, target] of await measureCase(runtime, c.id)) {
      const row = rows.find((r) => r.name === name) ?? rows[rows.push({ name, target, p50: {} }) - 1]!;
      row.p50[size] = ms;
    }
    measured.push(size);
  }
  print(rows, measured);
} finally {
  await runtime.stop();
  await fs.rm(dataDir, { recursive: true, force: true });
}
