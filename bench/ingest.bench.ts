// npm run bench:ingest [-- --large 40 --small 200 --keep]   (--large 0 --small 10000 for the 10k-file RSS check)
// Generates synthetic camera-like JPEGs (12 MP and 1 MP), measures the raw sharp shrink-on-load
// decode rate on those files and cores (the physical bound), then ingests them end to end through
// the real pipeline (upload → unpack → hash → decode once → PDQ/blockhash/thumbnail → group, match) and
// prints images/s, the ratio to the bound (target ≥ 50 %), where the CPU went per image (by thread kind,
// and PostgreSQL), and peak RSS. It asserts nothing.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import sharp from 'sharp';
import { loadConfig } from '../server/config.ts';
import { ensureAdmin, startRuntime, type Runtime } from '../server/runtime.ts';
import { startAllWorkers } from '../server/workers.ts';
import { SYSTEM_ACTOR, type Actor } from '../server/services/actor.ts';
import { decodeForHashing } from '../workers/imaging/analyse-image.ts';
import { analyseBlob } from '../workers/ingest/analyse-blob.ts';
import { tarFolder } from '../server/cli/folder-tar.ts';
import { cpuSplit, describeSplit, type CpuSplit } from './proc-cpu.ts';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};

/** A camera-like frame: smooth gradient plus sensor-like noise, as raw RGB, so JPEG sizes resemble photos. */
async function cameraFrame(seed: number, width: number, height: number): Promise<Buffer> {
  const noise = await sharp({
    create: {
      width,
      height,
      channels: 3,
      background: { r: 0, g: 0, b: 0 },
      noise: { type: 'gaussian', mean: 128, sigma: 40 },
    },
  })
    .raw()
    .toBuffer();
  const gradient = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><defs><linearGradient id="g"><stop offset="0" stop-color="rgb(${(seed * 37) % 255},80,40)"/><stop offset="1" stop-color="rgb(30,${(seed * 91) % 255},180)"/></linearGradient></defs><rect width="100%" height="100%" fill="url(#g)"/><circle cx="${(seed * 131) % width}" cy="${height / 2}" r="${height / 4}" fill="rgb(240,230,${seed % 255})"/></svg>`,
  );
  return sharp(gradient)
    .composite([{ input: noise, raw: { width, height, channels: 3 }, blend: 'soft-light' }])
    .removeAlpha()
    .raw()
    .toBuffer();
}

/** A unique variant of a frame: a bright block pattern stamped at a position derived from i. */
function stamp(frame: Buffer, width: number, height: number, i: number): Buffer {
  const out = Buffer.from(frame);
  const size = Math.max(8, Math.round(width / 40));
  const x0 = (i * 7919) % (width - size);
  const y0 = (i * 104729) % (height - size);
  for (let y = y0; y < y0 + size; y++)
    for (let x = x0; x < x0 + size; x++)
      out.fill(((x ^ y ^ i) & 1) * 255, (y * width + x) * 3, (y * width + x) * 3 + 3);
  return out;
}

// Bursts of 25 shots from one scene: unique files, realistic near-duplicate groups, and cheap to make.
async function generate(dir: string, count: number, width: number, height: number, seed: number): Promise<string[]> {
  await fs.mkdir(dir, { recursive: true });
  const files: string[] = [];
  let frame: Buffer = Buffer.alloc(0);
  for (let i = 0; i < count; i++) {
    if (i % 25 === 0) frame = await cameraFrame(seed + i, width, height);
    const file = path.join(dir, `IMG_${String(i).padStart(5, '0')}.jpg`);
    await fs.writeFile(
      file,
      await sharp(stamp(frame, width, height, i), { raw: { width, height, channels: 3 } })
        .jpeg({ quality: 88 })
        .toBuffer(),
    );
    files.push(file);
  }
  return files;
}

/** The physical bound: one shrink-on-load decode per file, as many in flight as cores. */
async function decodeBound(files: string[], limitInputPixels: number, parallel: number): Promise<number> {
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < files.length) await decodeForHashing(await fs.readFile(files[next++]!), { limitInputPixels });
    }),
  );
  return files.length / ((performance.now() - started) / 1000);
}

type Bench = { runtime: Runtime; actor: Actor };

type Ingested = { seconds: number; evidenceId: string; stored: Reading };

async function ingestFolder({ runtime, actor }: Bench, folder: string, count: number): Promise<Ingested> {
  const c = await runtime.services.cases.create(actor, { number: `BENCH-${Date.now()}`, title: 'ingest benchmark' });
  const started = performance.now();
  const ev = await runtime.services.ingest.upload(actor, c.id, {
    body: tarFolder(folder),
    originalName: path.basename(folder),
    kind: 'folder',
  });
  const stored = reading();
  for (;;) {
    const p = await runtime.services.ingest.progress(actor, ev.id);
    if (p.done) {
      if (p.images !== count) throw new Error(`expected ${count} images, pipeline reports ${p.images}`);
      const seconds = (performance.now() - started) / 1000;
      await printTimeline(runtime, ev.id, started);
      return { seconds, evidenceId: ev.id, stored };
    }
    // Progress is five counting queries: polled often they would load the database being measured.
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** analyseBlob alone over (up to 400 of) the stored blobs, as blob.process runs it, without queue or database. */
async function processingOnly({ runtime }: Bench, evidenceId: string): Promise<{ rate: number; count: number }> {
  const { rows } = await runtime.pool.query<{ sha256: string; size: string }>(
    `SELECT DISTINCT b.sha256, b.size FROM items i JOIN blobs b ON b.sha256 = i.blob_sha256 WHERE i.evidence_id = $1
    LIMIT 400`,
    [evidenceId],
  );
  const started = performance.now();
  let next = 0;
  const lane = async () => {
    while (next < rows.length) {
      const { sha256, size } = rows[next++]!;
      await analyseBlob(runtime.store, { sha256, size: Number(size) }, runtime.config.ingest);
    }
  };
  await Promise.all(Array.from({ length: runtime.config.workerConcurrency }, lane));
  return { rate: rows.length / ((performance.now() - started) / 1000), count: rows.length };
}

/** Where the time went: upload, unpack, and the processing span, relative to the upload's start. */
async function printTimeline(runtime: Runtime, evidenceId: string, started: number): Promise<void> {
  const {
    rows: [t],
  } = await runtime.pool.query(
    `SELECT e.uploaded_at, e.unpack_started_at, e.unpacked_at,
      min(b.processed_at) AS first_processed, max(b.processed_at) AS last_processed
    FROM evidence e JOIN items i ON i.evidence_id = e.id JOIN blobs b ON b.sha256 = i.blob_sha256 WHERE e.id = $1
    GROUP BY e.id`,
    [evidenceId],
  );
  const origin = performance.timeOrigin + started;
  const at = (d: Date) => ((d.getTime() - origin) / 1000).toFixed(2);
  process.stdout.write(
    `  timeline (s): stored ${at(t.uploaded_at)}, unpack ${at(t.unpack_started_at)}–${at(t.unpacked_at)}, processing ${at(t.first_processed)}–${at(t.last_processed)}\n`,
  );
}

async function startBench(dataDir: string): Promise<Bench> {
  const config = loadConfig({
    SPOOR_DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    SPOOR_WORKER_CONCURRENCY: process.env.SPOOR_WORKER_CONCURRENCY ?? '3',
  });
  const runtime = await startRuntime(config);
  await ensureAdmin(runtime);
  const admin = (await runtime.services.users.byUsername('admin'))!;
  await startAllWorkers(runtime);
  return { runtime, actor: { ...SYSTEM_ACTOR, id: admin.id, username: 'admin', unitId: admin.unit_id } };
}

type Reading = { cpu: NodeJS.CpuUsage; split: CpuSplit };
const reading = (): Reading => ({ cpu: process.cpuUsage(), split: cpuSplit() });
const cpuMs = (a: Reading, b: Reading, n: number) => (b.cpu.user - a.cpu.user + b.cpu.system - a.cpu.system) / 1000 / n;

/**
 * The decode bound, then the same files end to end, then their processing alone: both rates and their ratio,
 * and the CPU per image by thread kind and by stage (upload, processing, and the rest).
 */
async function measureSet(bench: Bench, set: { label: string; folder: string; files: string[] }): Promise<string> {
  const { label, folder, files } = set;
  const n = files.length;
  let bytes = 0;
  for (const f of files) bytes += (await fs.stat(f)).size;
  const r0 = reading();
  const bound = await decodeBound(files, bench.runtime.config.ingest.maxImagePixels, os.availableParallelism());
  const r1 = reading();
  const { seconds, evidenceId, stored } = await ingestFolder(bench, folder, n);
  const r2 = reading();
  const alone = await processingOnly(bench, evidenceId);
  const r3 = reading();
  const rate = n / seconds;
  const [upload, processing] = [cpuMs(r1, stored, n), cpuMs(r2, r3, alone.count)];
  const rest = cpuMs(r1, r2, n) - upload - processing;
  return [
    `  ${label.padEnd(18)} ${String(n).padStart(6)} files ${(bytes / 1024 ** 2).toFixed(0).padStart(5)} MB |` +
      ` decode bound ${bound.toFixed(1).padStart(6)}/s | end-to-end ${rate.toFixed(1).padStart(6)}/s` +
      ` (${seconds.toFixed(1)} s) | ratio ${((rate / bound) * 100).toFixed(0)} % (target ≥ 50 %)`,
    `    CPU ms per image, decode bound: ${cpuMs(r0, r1, n).toFixed(1)} (${describeSplit(r0.split, r1.split, n)})`,
    `    end to end: ${cpuMs(r1, r2, n).toFixed(1)} + postgres (${describeSplit(r1.split, r2.split, n)})`,
    `      = upload ${upload.toFixed(1)} + processing ${processing.toFixed(1)} (alone ${alone.rate.toFixed(1)}/s)` +
      ` + unpack, database, queue, grouping and matching ${rest.toFixed(1)}`,
  ].join('\n');
}

async function main() {
  const sets = [
    { label: '12 MP camera JPEG', count: arg('large', 40), width: 4000, height: 3000 },
    { label: '1 MP JPEG', count: arg('small', 200), width: 1155, height: 866 },
  ];
  const cores = os.availableParallelism();
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'spoor-bench-ingest-'));
  await fs.chmod(root, 0o755);
  const lines = [
    '',
    `ingest benchmark (${cores} cores; the bound is sharp's shrink-on-load decode of the same files, ${cores} in flight;` +
      ` load average ${os.loadavg()[0].toFixed(1)} at the start)`,
  ];
  const bench = await startBench(path.join(root, 'data'));
  try {
    for (const [i, set] of sets.entries()) {
      if (set.count <= 0) continue;
      process.stdout.write(`Generating ${set.count} × ${set.label}…\n`);
      const folder = path.join(root, `set-${i}`);
      const files = await generate(folder, set.count, set.width, set.height, i * 100_000);
      lines.push(await measureSet(bench, { label: set.label, folder, files }));
    }
  } finally {
    await bench.runtime.stop();
    if (!process.argv.includes('--keep')) await fs.rm(root, { recursive: true, force: true });
  }
  lines.push(
    `  peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (whole process: generator, API, workers, upload)`,
    '',
  );
  process.stdout.write(lines.join('\n'));
}

await main();
