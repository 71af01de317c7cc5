// Dossier generation (issue 13) on synthetic cases of 10k and 100k items: wall time, peak RSS of this process, and
// pages per second of the PDF. Items are seeded straight in SQL (test/e2e/synthetic-case.ts); a share of them is
// then categorised (by hand and from a hash set) and a share made unprocessable, so every listing has rows.
// Run: npm run bench:dossier [-- 10000 100000]   (asserts nothing; prints the figures; keeps nothing)
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
const KEEP = process.env.BENCH_KEEP_DOSSIER; // a folder: the last dossier's PDF is copied there to look at

const categorise = `INSERT INTO case_media (case_id, blob_sha256, category, scheme, source, provenance, categorised_at)
  SELECT DISTINCT ON (i.blob_sha256) i.case_id, i.blob_sha256, CASE WHEN b.id % 3 = 0 THEN '1' ELSE '2' END, 'vics2',
    CASE WHEN b.id % 20 = 0 THEN 'hashset' ELSE 'manual' END,
    CASE WHEN b.id % 20 = 0 THEN '{"hashSet": "Bench", "version": "1"}'::jsonb ELSE '{}'::jsonb END, now()
  FROM items i JOIN blobs b ON b.sha256 = i.blob_sha256 WHERE i.case_id = $1 AND b.id % 10 = 0
  ON CONFLICT DO NOTHING`;
const spoil = `UPDATE blobs b SET status = 'error', decode_error = 'synthetic: not a decodable image'
  FROM items i WHERE i.case_id = $1 AND i.blob_sha256 = b.sha256 AND b.id % 97 = 0`;

const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'spoor-dossier-bench-'));
const runtime = await startRuntime(loadConfig({ SPOOR_DATA_DIR: dataDir, LOG_LEVEL: 'silent' }));
try {
  process.stdout.write('items      | seconds | peak RSS MB (start) | PDF pages | PDF s | pages/s | zip-able bytes\n');
  for (const size of sizes.length ? sizes : [10_000, 100_000]) {
    const number = `BENCH-${size}`;
    const c = await runtime.services.cases.create(SYSTEM_ACTOR, { number, title: 'dossier bench', unit: 'Amsterdam' });
    const items = await seedSyntheticCase(runtime.pool, c.id, size);
    await runtime.pool.query(categorise, [c.id]);
    await runtime.pool.query(spoil, [c.id]);
    global.gc?.();
    const startRss = process.memoryUsage().rss;
    let peak = startRss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const steps = new Map<number, number>();
    const started = performance.now();
    const { job } = await runtime.services.dossiers.generate(SYSTEM_ACTOR, number, (p) => {
      if (p.step && !steps.has(p.step)) steps.set(p.step, performance.now());
    });
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    const result = (await runtime.pool.query('SELECT result FROM long_jobs WHERE id = $1', [job.job_id])).rows[0]
      .result as { pages: number; files: Array<{ name: string; bytes: number }> };
    const pdfSeconds = ((steps.get(5) ?? performance.now()) - (steps.get(4) ?? started)) / 1000;
    const bytes = result.files.reduce((s, f) => s + f.bytes, 0);
    const mb = (n: number) => (n / 1024 ** 2).toFixed(0);
    process.stdout.write(
      `${String(items).padEnd(10)} | ${seconds.toFixed(1).padStart(7)} | ${mb(peak).padStart(6)} (${mb(startRss)})` +
        `${' '.repeat(7)} | ${String(result.pages).padStart(9)} | ${pdfSeconds.toFixed(1).padStart(5)} | ` +
        `${(result.pages / pdfSeconds).toFixed(0).padStart(7)} | ${bytes}\n`,
    );
    if (KEEP) {
      const pdf = result.files.find((f) => f.name === 'dossier.pdf') as unknown as { sha256: string };
      const key = `dossiers/${pdf.sha256.slice(0, 2)}/${pdf.sha256}`;
      await fs.copyFile(runtime.store.localPath(key)!, path.join(KEEP, `dossier-${size}.pdf`));
    }
  }
} finally {
  await runtime.stop();
  await fs.rm(dataDir, { recursive: true, force: true });
}
