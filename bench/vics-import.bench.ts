// VICS import benchmark: parser throughput and memory on a generated file, next to the physical
// limits measured in the same run (raw file read, plain JSON.parse) and stream-json for comparison.
// Run: node --import tsx bench/vics-import.bench.ts [records] [--no-stream-json] [--keep]
import { createReadStream, createWriteStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { pathToFileURL } from 'node:url';
import StreamChain from 'stream-chain';
import StreamJsonParser from 'stream-json';
import Pick from 'stream-json/filters/Pick.js';
import StreamArray from 'stream-json/streamers/StreamArray.js';
import { readVics } from '../workers/formats/vics-reader.ts';
import { mediaToEntry } from '../workers/formats/vics-record.ts';
import { vicsStream } from '../test/fixtures/vics-generator.ts';

const READ_CHUNK = 1 << 20;

export type PhaseResult = { name: string; seconds: number; records: number; bytes: number; peakRssMB: number };

/** Samples RSS while `fn` runs, so each phase reports its own peak. */
async function phase(name: string, bytes: number, fn: () => Promise<number>): Promise<PhaseResult> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const t0 = performance.now();
  try {
    const records = await fn();
    const seconds = (performance.now() - t0) / 1000;
    peak = Math.max(peak, process.memoryUsage().rss);
    return { name, seconds, records, bytes, peakRssMB: peak / 1048576 };
  } finally {
    clearInterval(timer);
  }
}

async function rawRead(file: string): Promise<number> {
  let n = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: READ_CHUNK })) n += (chunk as Buffer).length;
  return n;
}

/** Physical limit of parsing: JSON.parse on groups of 1000 whole records (the generator writes one per line). */
async function plainJsonParse(file: string): Promise<{ records: number; parseSeconds: number }> {
  let partial = '';
  let group: string[] = [];
  let records = 0;
  let parseMs = 0;
  const flush = () => {
    if (group.length === 0) return;
    const t = performance.now();
    records += (JSON.parse(`[${group.join(',')}]`) as unknown[]).length;
    parseMs += performance.now() - t;
    group = [];
  };
  for await (const chunk of createReadStream(file, { highWaterMark: READ_CHUNK, encoding: 'utf8' })) {
    const lines = (partial + (chunk as string)).split('\n');
    partial = lines.pop()!;
    for (const line of lines) {
      if (!line.startsWith('{"MediaID"')) continue; // envelope lines
      group.push(line.endsWith(',') ? line.slice(0, -1) : line);
      if (group.length === 1000) flush();
    }
  }
  flush();
  return { records, parseSeconds: parseMs / 1000 };
}

/** stream-json is ~20x slower, so it runs on the first `limit` records only. */
async function streamJson(file: string, limit: number): Promise<number> {
  let n = 0;
  const chain = StreamChain.chain([
    createReadStream(file, { highWaterMark: READ_CHUNK }),
    StreamJsonParser.parser(),
    Pick.pick({ filter: 'value' }),
    StreamArray.streamArray(),
  ]);
  for await (const item of chain) {
    if (typeof mediaToEntry((item as { value: unknown }).value, 'vics2-us', true) !== 'string') n++;
    if (n >= limit) break; // leaving the loop destroys the chain
  }
  return n;
}

function line(r: PhaseResult, note = ''): string {
  const mbs = r.bytes / 1048576 / r.seconds;
  const rps = r.records ? `${Math.round(r.records / r.seconds).toLocaleString('en')} rec/s` : '';
  return `${r.name.padEnd(34)} ${r.seconds.toFixed(2).padStart(7)} s  ${mbs.toFixed(0).padStart(5)} MB/s  ${rps.padStart(16)}  peak RSS ${r.peakRssMB.toFixed(0)} MB ${note}`;
}

export async function benchVicsParse(
  n = 1_000_000,
  opts: { streamJson?: boolean; keep?: boolean } = {},
): Promise<PhaseResult[]> {
  const file = join(tmpdir(), `spoor-vics-bench-${process.pid}.json`);
  const results: PhaseResult[] = [];
  try {
    const t0 = performance.now();
    await pipeline(vicsStream({ records: n, seed: 1, version: '2.0', profile: 'US' }), createWriteStream(file));
    const bytes = (await stat(file)).size;
    console.log(
      `generated ${n.toLocaleString('en')} records, ${(bytes / 1048576).toFixed(0)} MB in ${((performance.now() - t0) / 1000).toFixed(1)} s → ${file}`,
    );

    results.push(
      await phase('raw fs read (physical limit)', bytes, async () => {
        await rawRead(file);
        return 0;
      }),
    );
    let parseOnly = 0;
    results.push(
      await phase('JSON.parse of 1000-record groups', bytes, async () => {
        const r = await plainJsonParse(file);
        parseOnly = r.parseSeconds;
        return r.records;
      }),
    );
    results.push(
      await phase('readVics (no-op consumer)', bytes, async () => {
        const r = await readVics(createReadStream(file, { highWaterMark: READ_CHUNK }), () => {}, { batchSize: 1000 });
        if (r.entries !== n) throw new Error(`expected ${n} entries, got ${r.entries}`);
        return r.entries;
      }),
    );
    if (opts.streamJson !== false) {
      const limit = Math.min(n, 200_000);
      const share = Math.round((bytes * limit) / n);
      results.push(
        await phase(`stream-json (first ${limit.toLocaleString('en')})`, share, () => streamJson(file, limit)),
      );
    }

    console.log('');
    for (const r of results) console.log(line(r));
    console.log(
      `\nJSON.parse alone (excluding line splitting): ${parseOnly.toFixed(2)} s = ${Math.round(n / parseOnly).toLocaleString('en')} rec/s`,
    );
    return results;
  } finally {
    if (!opts.keep) await rm(file, { force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const n = Number(args.find((a) => /^\d+$/.test(a)) ?? 1_000_000);
  await benchVicsParse(n, { streamJson: !args.includes('--no-stream-json'), keep: args.includes('--keep') });
}
