// MIH vs brute force on random and clustered PDQ-like hashes: build cost, memory, latency, and exactness.
// Run: node --import tsx bench/mih.bench.ts [--sizes 1000000,10000000] [--queries 200] [--radius 31]
import { pathToFileURL } from 'node:url';
import { HASH_WORDS } from '../workers/matching/hamming.ts';
import { LinearIndex } from '../workers/matching/linear-index.ts';
import { MihIndex } from '../workers/matching/mih-index.ts';
import type { NearMatch } from '../workers/matching/near-index.ts';

export interface BenchMihOptions {
  sizes: number[];
  queries: number;
  radius: number;
}

type DataKind = 'random' | 'clustered';

interface Dataset {
  ids: Uint32Array;
  words: Uint32Array;
  queries: Uint32Array[];
  planted: Uint32Array; // per query, neighbours at distances 0..PLANT_MAX, added one by one after the bulk load
  firstPlantedId: number;
}

interface Row {
  size: number;
  kind: DataKind;
  buildS: number;
  loadedMB: number;
  addedMB: number;
  addP50Us: number;
  addMaxMs: number;
  bytesPerHash: number;
  rssMB: number;
  mihP50: number;
  mihP99: number;
  hitsPerQuery: number;
  plantedFound: string;
  linQueries: number;
  linP50: number;
  linP99: number;
  nsPerHash: number;
  misses: number;
}

const PLANT_MAX = 31;
const CLUSTER_SIZE = 100; // mean members per centre; members sit 0..40 bits from it
const LINEAR_BUDGET_HASHES = 1e9; // caps brute-force work per dataset (≈10 s at 10 ns per hash)

/** xorshift128: fast enough to fill 10M hashes in well under a second. */
function xorshift(seed: number): () => number {
  let x = seed >>> 0 || 1,
    y = 362436069,
    z = 521288629,
    w = 88675123;
  return () => {
    const t = x ^ (x << 11);
    x = y;
    y = z;
    z = w;
    return (w = (w ^ (w >>> 19) ^ (t ^ (t >>> 8))) >>> 0);
  };
}

/** Flips `count` distinct random bits of the hash at `words[offset..]`. */
function flipBits(words: Uint32Array, offset: number, count: number, next: () => number): void {
  const used = new Uint32Array(HASH_WORDS);
  for (let done = 0; done < count;) {
    const bit = next() & 255;
    const mask = 1 << (bit & 31);
    if (used[bit >>> 5] & mask) continue;
    used[bit >>> 5] |= mask;
    words[offset + (bit >>> 5)] ^= mask;
    done++;
  }
}

function fillRandom(words: Uint32Array, next: () => number): void {
  for (let i = 0; i < words.length; i++) words[i] = next();
}

function fillClustered(words: Uint32Array, next: () => number): void {
  const n = words.length / HASH_WORDS;
  const centres = Math.max(1, Math.round(n / CLUSTER_SIZE));
  fillRandom(words.subarray(0, centres * HASH_WORDS), next);
  for (let s = centres; s < n; s++) {
    const centre = next() % centres;
    words.copyWithin(s * HASH_WORDS, centre * HASH_WORDS, (centre + 1) * HASH_WORDS);
    flipBits(words, s * HASH_WORDS, next() % 41, next);
  }
}

/** Queries are fresh hashes (random) or perturbed stored hashes (clustered); each gets neighbours at 0..31 to plant. */
function makeDataset(size: number, kind: DataKind, queryCount: number, seed: number): Dataset {
  const next = xorshift(seed);
  const words = new Uint32Array(size * HASH_WORDS);
  if (kind === 'random') fillRandom(words, next);
  else fillClustered(words, next);
  const ids = new Uint32Array(size);
  for (let i = 0; i < size; i++) ids[i] = i * 3 + 1; // sorted with gaps, like a table loaded ORDER BY id
  const queries: Uint32Array[] = [];
  const planted = new Uint32Array(queryCount * (PLANT_MAX + 1) * HASH_WORDS);
  for (let qi = 0; qi < queryCount; qi++) {
    const q = new Uint32Array(HASH_WORDS);
    const near = (next() % size) * HASH_WORDS;
    if (kind === 'random') fillRandom(q, next);
    else q.set(words.subarray(near, near + HASH_WORDS));
    if (kind === 'clustered') flipBits(q, 0, next() % 16, next);
    for (let d = 0; d <= PLANT_MAX; d++) {
      const at = (qi * (PLANT_MAX + 1) + d) * HASH_WORDS;
      planted.set(q, at);
      flipBits(planted, at, d, next);
    }
    queries.push(q);
  }
  return { ids, words, queries, planted, firstPlantedId: size * 3 + 1 };
}

function percentile(sortedMs: number[], p: number): number {
  return sortedMs[Math.min(sortedMs.length - 1, Math.floor(sortedMs.length * p))];
}

function timeQueries(
  run: (q: Uint32Array) => NearMatch[],
  queries: Uint32Array[],
): { ms: number[]; results: NearMatch[][] } {
  for (const q of queries.slice(0, 5)) run(q); // warm the JIT before measuring
  const ms: number[] = [];
  const results: NearMatch[][] = [];
  for (const q of queries) {
    const start = performance.now();
    results.push(run(q));
    ms.push(performance.now() - start);
  }
  return { ms, results };
}

/** Matches present in one answer but not the other; 0 means MIH equals brute force exactly. */
function countMisses(expected: NearMatch[], actual: NearMatch[]): number {
  const key = (m: NearMatch) => `${m.id}:${m.distance}`;
  const got = new Set(actual.map(key));
  const want = new Set(expected.map(key));
  return expected.filter((m) => !got.has(key(m))).length + actual.filter((m) => !want.has(key(m))).length;
}

/** Bulk-loads the background into both indexes, then adds the planted neighbours one by one (the incremental path). */
interface Built {
  mih: MihIndex;
  lin: LinearIndex;
  buildS: number;
  loadedMB: number;
  addMs: number[];
  rssMB: number;
}

function buildIndexes(data: Dataset): Built {
  const start = performance.now();
  const mih = new MihIndex();
  mih.bulkLoad(data.ids, data.words);
  const buildS = (performance.now() - start) / 1000;
  const loadedMB = mih.memoryBytes() / 2 ** 20;
  const lin = new LinearIndex();
  lin.bulkLoad(data.ids, data.words);
  const plantedCount = data.planted.length / HASH_WORDS;
  const addMs: number[] = [];
  for (let i = 0; i < plantedCount; i++) {
    const addStart = performance.now();
    mih.add(data.firstPlantedId + i, data.planted.subarray(i * HASH_WORDS, (i + 1) * HASH_WORDS));
    addMs.push(performance.now() - addStart);
  }
  for (let i = 0; i < plantedCount; i++)
    lin.add(data.firstPlantedId + i, data.planted.subarray(i * HASH_WORDS, (i + 1) * HASH_WORDS));
  return { mih, lin, buildS, loadedMB, addMs: addMs.sort((a, b) => a - b), rssMB: process.memoryUsage().rss / 2 ** 20 };
}

/** How many of each query's planted neighbours within the radius MIH returned. */
function countPlantedFound(data: Dataset, results: NearMatch[][]): number {
  const perQuery = PLANT_MAX + 1;
  return results.reduce((sum, r, qi) => {
    const first = data.firstPlantedId + qi * perQuery;
    return sum + r.filter((m) => m.id >= first && m.id < first + perQuery).length;
  }, 0);
}

function benchOne(size: number, kind: DataKind, opts: BenchMihOptions): Row {
  const data = makeDataset(size, kind, opts.queries, size ^ (kind === 'random' ? 0x5eed : 0xc1a5));
  const { mih, lin, buildS, loadedMB, addMs, rssMB } = buildIndexes(data);
  const m = timeQueries((q) => mih.query(q, opts.radius), data.queries);
  const linCount = Math.max(1, Math.min(data.queries.length, Math.ceil(LINEAR_BUDGET_HASHES / size)));
  const l = timeQueries((q) => lin.query(q, opts.radius), data.queries.slice(0, linCount));
  let misses = 0;
  for (let i = 0; i < linCount; i++) misses += countMisses(l.results[i], m.results[i]);
  const mihMs = [...m.ms].sort((a, b) => a - b);
  const linMs = [...l.ms].sort((a, b) => a - b);
  return {
    size,
    kind,
    buildS,
    rssMB,
    misses,
    loadedMB,
    bytesPerHash: (loadedMB * 2 ** 20) / size,
    addedMB: mih.memoryBytes() / 2 ** 20,
    addP50Us: percentile(addMs, 0.5) * 1000,
    addMaxMs: addMs[addMs.length - 1],
    mihP50: percentile(mihMs, 0.5),
    mihP99: percentile(mihMs, 0.99),
    hitsPerQuery: m.results.reduce((sum, r) => sum + r.length, 0) / m.results.length,
    plantedFound: `${countPlantedFound(data, m.results)}/${(Math.min(PLANT_MAX, opts.radius) + 1) * data.queries.length}`,
    linQueries: linCount,
    linP50: percentile(linMs, 0.5),
    linP99: percentile(linMs, 0.99),
    nsPerHash: (percentile(linMs, 0.5) * 1e6) / lin.size,
  };
}

function printAligned(title: string, header: string[], cells: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => c.map((v, i) => v.padStart(widths[i])).join('  ');
  console.log(`\n${title}`);
  console.log(line(header));
  for (const c of cells) console.log(line(c));
}

function printTables(rows: Row[], opts: BenchMihOptions): void {
  const key = (r: Row) => [r.size.toLocaleString('en'), r.kind];
  printAligned(
    'Build and memory (bulk load, then the planted neighbours added one by one)',
    ['size', 'data', 'build s', 'index MB', 'B/hash', 'RSS MB', 'add p50 µs', 'add max ms', 'MB after adds'],
    rows.map((r) => [
      ...key(r),
      r.buildS.toFixed(2),
      r.loadedMB.toFixed(0),
      r.bytesPerHash.toFixed(1),
      r.rssMB.toFixed(0),
      r.addP50Us.toFixed(1),
      r.addMaxMs.toFixed(0),
      r.addedMB.toFixed(0),
    ]),
  );
  printAligned(
    `Queries at radius ${opts.radius}: MIH vs linear scan (misses must be 0; scan ns/hash is the floor for a JS scan)`,
    [
      'size',
      'data',
      'MIH p50 ms',
      'MIH p99 ms',
      'hits/q',
      'planted found',
      'lin q',
      'lin p50 ms',
      'lin p99 ms',
      'scan ns/hash',
      'misses',
    ],
    rows.map((r) => [
      ...key(r),
      r.mihP50.toFixed(3),
      r.mihP99.toFixed(3),
      r.hitsPerQuery.toFixed(1),
      r.plantedFound,
      String(r.linQueries),
      r.linP50.toFixed(1),
      r.linP99.toFixed(1),
      r.nsPerHash.toFixed(2),
      String(r.misses),
    ]),
  );
}

export async function benchMih(opts: BenchMihOptions): Promise<Row[]> {
  const rows: Row[] = [];
  for (const size of opts.sizes) {
    for (const kind of ['random', 'clustered'] as const) {
      const row = benchOne(size, kind, opts);
      console.log(
        `${size} ${kind}: build ${row.buildS.toFixed(2)} s, MIH p50 ${row.mihP50.toFixed(3)} ms, misses ${row.misses}`,
      );
      rows.push(row);
      await new Promise((resolve) => setImmediate(resolve)); // let the previous dataset be collected
    }
  }
  printTables(rows, opts);
  return rows;
}

function parseArgs(argv: string[]): BenchMihOptions {
  const opts: BenchMihOptions = { sizes: [1_000_000, 10_000_000], queries: 200, radius: 31 };
  for (let i = 0; i < argv.length; i += 2) {
    const value = argv[i + 1] ?? '';
    if (argv[i] === '--sizes') opts.sizes = value.split(',').map(Number);
    else if (argv[i] === '--queries') opts.queries = Number(value);
    else if (argv[i] === '--radius') opts.radius = Number(value);
    else throw new Error(`unknown option ${argv[i]}; use --sizes 1000000,10000000 --queries 200 --radius 31`);
  }
  const valid =
    opts.sizes.every((s) => Number.isInteger(s) && s > 0) && Number.isInteger(opts.queries) && opts.queries > 0;
  if (!valid || !Number.isInteger(opts.radius) || opts.radius < 0)
    throw new Error('sizes, queries and radius must be positive integers');
  return opts;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await benchMih(parseArgs(process.argv.slice(2)));
}
