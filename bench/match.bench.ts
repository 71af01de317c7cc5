// npm run bench:match [-- --records 1000000 --sizes 1000000,10000000 --queries 200]
// 1. VICS import end to end: a generated 1M-record VICS 2.0 file streamed through the real import
//    service into PostgreSQL (embedded), printing records/s and peak RSS, next to the raw read rate
//    of the same file (the physical limit for the parser) measured in the same run.
// 2. The PDQ index: MIH against a linear scan over random and clustered 256-bit hashes (bench/mih.bench.ts).
// It prints figures and asserts nothing.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { loadConfig } from '../server/config.ts';
import { ensureAdmin, startRuntime } from '../server/runtime.ts';
import { SYSTEM_ACTOR } from '../server/services/actor.ts';
import { vicsStream } from '../test/fixtures/vics-generator.ts';
import { benchMih } from './mih.bench.ts';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};

async function rawReadRate(file: string): Promise<number> {
  const started = performance.now();
  let bytes = 0;
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) bytes += (chunk as Buffer).length;
  return bytes / ((performance.now() - started) / 1000);
}

async function benchVicsImport(records: number): Promise<string[]> {
  const root = await fsp.mkdtemp(path.join(os.tmpdir(), 'spoor-bench-match-'));
  await fsp.chmod(root, 0o755);
  const file = path.join(root, 'vics.json');
  try {
    await pipeline(vicsStream({ records, version: '2.0', profile: 'US', seed: 7 }), fs.createWriteStream(file));
    const size = (await fsp.stat(file)).size;
    const readRate = await rawReadRate(file);
    const runtime = await startRuntime(loadConfig({ SPOOR_DATA_DIR: path.join(root, 'data'), LOG_LEVEL: 'silent' }));
    try {
      await ensureAdmin(runtime);
      const admin = (await runtime.services.users.byUsername('admin'))!;
      const actor = { ...SYSTEM_ACTOR, id: admin.id, username: 'admin', unitId: admin.unit_id };
      const rssBefore = process.memoryUsage().rss;
      let peak = rssBefore;
      const sampler = setInterval(() => {
        peak = Math.max(peak, process.memoryUsage().rss);
      }, 50);
      const started = performance.now();
      const result = await runtime.services.hashSets.importSet(
        actor,
        fs.createReadStream(file, { highWaterMark: 1 << 20 }),
        { name: 'bench VICS', version: 'bench' },
      );
      const seconds = (performance.now() - started) / 1000;
      clearInterval(sampler);
      return [
        `VICS import into PostgreSQL (${records.toLocaleString('en')} records, ${(size / 1024 ** 2).toFixed(0)} MB, VICS 2.0 US):`,
        `  imported ${result.entries.toLocaleString('en')} entries in ${seconds.toFixed(1)} s = ${(result.entries / seconds / 1000).toFixed(1)}k records/s (target ≥ 50k/s), ${(size / seconds / 1024 ** 2).toFixed(0)} MB/s`,
        `  raw read of the same file: ${(readRate / 1024 ** 2).toFixed(0)} MB/s (the floor for any parser)`,
        `  peak RSS during import ${(peak / 1024 ** 2).toFixed(0)} MB (${((peak - rssBefore) / 1024 ** 2).toFixed(0)} MB above the idle runtime; target < 1 GB)`,
      ];
    } finally {
      await runtime.stop();
    }
  } finally {
    await fsp.rm(root, { recursive: true, force: true });
  }
}

const lines = await benchVicsImport(Number(arg('records', '1000000')));
process.stdout.write(`\n${lines.join('\n')}\n\nPDQ index (MIH vs linear scan):\n`);
await benchMih({
  sizes: arg('sizes', '1000000,10000000').split(',').map(Number),
  queries: Number(arg('queries', '200')),
  radius: Number(arg('radius', '31')),
});
