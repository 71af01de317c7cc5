import { describe, expect, it } from 'vitest';
import {
  hammingHex,
  hammingWords,
  hexListToWords,
  hexToWords,
  popcount32,
  wordsToHex,
} from '../../../workers/matching/hamming.ts';
import { LinearIndex } from '../../../workers/matching/linear-index.ts';
import { MihIndex } from '../../../workers/matching/mih-index.ts';

// Deterministic xorshift128 so a failing case can be replayed from its seed.
function rng(seed: number): () => number {
  let x = seed >>> 0 || 1,
    y = 362436069,
    z = 521288629,
    w = 88675123;
  return () => {
    const t = x ^ (x << 11);
    x = y;
    y = z;
    z = w;
    w = (w ^ (w >>> 19) ^ (t ^ (t >>> 8))) >>> 0;
    return w;
  };
}

type Entry = { id: number; words: Uint32Array };

function randomHash(next: () => number): Uint32Array {
  return Uint32Array.from({ length: 8 }, () => next());
}

/** Copy of `base` with exactly `positions.length` distinct bits flipped. */
function flipped(base: Uint32Array, positions: number[]): Uint32Array {
  const out = base.slice();
  for (const p of positions) out[p >>> 5] ^= 1 << (p & 31);
  return out;
}

function randomPositions(count: number, next: () => number): number[] {
  const chosen = new Set<number>();
  while (chosen.size < count) chosen.add(next() & 255);
  return [...chosen];
}

/** Flips spread round-robin over the 16 chunks: the pigeonhole worst case (d = 31 leaves one chunk with a single flip). */
function spreadPositions(count: number): number[] {
  return Array.from({ length: count }, (_, j) => (j % 16) * 16 + Math.floor(j / 16));
}

function uniqueIds(count: number, next: () => number): number[] {
  const ids = new Set<number>([0, 0xffffffff]);
  while (ids.size < count) ids.add(next());
  return [...ids].slice(0, count);
}

function randomEntries(count: number, seed: number): Entry[] {
  const next = rng(seed);
  const ids = uniqueIds(count, next);
  return ids.map((id) => ({ id, words: randomHash(next) }));
}

function clusteredEntries(
  centres: number,
  perCentre: number,
  seed: number,
): { entries: Entry[]; centres: Uint32Array[] } {
  const next = rng(seed);
  const ids = uniqueIds(centres * perCentre, next);
  const centreHashes = Array.from({ length: centres }, () => randomHash(next));
  const entries = ids.map((id, i) => {
    const centre = centreHashes[i % centres];
    return { id, words: i % 7 === 0 ? centre.slice() : flipped(centre, randomPositions(next() % 41, next)) };
  });
  return { entries, centres: centreHashes };
}

/** Neighbours of `query` at every distance 0..40, with random and worst-case (spread) flip patterns; some share a hash. */
function plantedEntries(query: Uint32Array, firstId: number, seed: number): Entry[] {
  const next = rng(seed);
  const out: Entry[] = [];
  for (let d = 0; d <= 40; d++) {
    const spread = flipped(query, spreadPositions(d));
    out.push({ id: firstId + out.length, words: spread });
    out.push({ id: firstId + out.length, words: spread.slice() });
    out.push({ id: firstId + out.length, words: flipped(query, randomPositions(d, next)) });
  }
  return out;
}

/**
 * Loads the same entries into MIH and the reference: half in bulk, the rest one by one, then removes
 * every 5th id and re-adds every 3rd removed id with a fresh hash. A small merge size forces merges.
 */
function buildBoth(entries: Entry[], seed: number): { mih: MihIndex; lin: LinearIndex } {
  const next = rng(seed);
  const mih = new MihIndex({ minMergeSize: 300, maxMergeSize: 2000 });
  const lin = new LinearIndex();
  const half = entries.length >> 1;
  const bulkIds = entries.slice(0, half).map((e) => e.id);
  const bulkHex = entries.slice(0, half).map((e) => wordsToHex(e.words));
  mih.bulkLoad(bulkIds, bulkHex);
  lin.bulkLoad(bulkIds, bulkHex);
  for (const e of entries.slice(half)) {
    mih.add(e.id, e.words);
    lin.add(e.id, e.words);
  }
  const removed = entries.filter((_, i) => i % 5 === 2);
  for (const e of removed) expect([mih.remove(e.id), lin.remove(e.id)]).toEqual([true, true]);
  for (const e of removed.filter((_, i) => i % 3 === 0)) {
    const fresh = next() & 1 ? flipped(e.words, randomPositions(next() % 20, next)) : randomHash(next);
    mih.add(e.id, fresh);
    lin.add(e.id, fresh);
  }
  expect(mih.size).toBe(lin.size);
  return { mih, lin };
}

const RADII = [0, 1, 15, 16, 31, 32, 40, 47, 48, 64];

function expectSameAnswers(mih: MihIndex, lin: LinearIndex, queries: Uint32Array[]): number {
  let hits = 0;
  for (const q of queries) {
    for (const r of RADII) {
      const expected = lin.query(q, r);
      expect(mih.query(q, r), `radius ${r} query ${wordsToHex(q)}`).toEqual(expected);
      hits += expected.length;
    }
  }
  return hits;
}

describe('hamming helpers', () => {
  it('round-trips hex through words, lower-casing', () => {
    const next = rng(1);
    for (let i = 0; i < 200; i++) {
      const hex = wordsToHex(randomHash(next));
      expect(hex).toMatch(/^[0-9a-f]{64}$/);
      expect(wordsToHex(hexToWords(hex))).toBe(hex);
      expect(wordsToHex(hexToWords(hex.toUpperCase()))).toBe(hex);
    }
    expect(wordsToHex(hexToWords('0'.repeat(63) + '1'))).toBe('0'.repeat(63) + '1');
    expect(hexToWords('f'.repeat(8) + '0'.repeat(56))[0]).toBe(0xffffffff);
  });

  it('rejects malformed hashes with a clear error', () => {
    for (const bad of [
      '',
      'abc',
      'a'.repeat(63),
      'a'.repeat(65),
      'g'.repeat(64),
      ' ' + 'a'.repeat(63),
      '0x' + 'a'.repeat(62),
    ]) {
      expect(() => hexToWords(bad)).toThrow(/64 hex characters/);
    }
    expect(() => hexToWords(null as unknown as string)).toThrow(TypeError);
    expect(() => hexListToWords(['a'.repeat(64), 'z'.repeat(64)])).toThrow(/non-hex/);
    expect(() => wordsToHex(new Uint32Array(7))).toThrow(RangeError);
  });

  it('counts bits like a naive loop', () => {
    const next = rng(2);
    const naive = (x: number) => [...(x >>> 0).toString(2)].filter((c) => c === '1').length;
    for (const x of [0, 1, 0x80000000, 0xffffffff, 0x55555555, 0xaaaaaaaa]) expect(popcount32(x)).toBe(naive(x));
    for (let i = 0; i < 1000; i++) {
      const x = next();
      expect(popcount32(x)).toBe(naive(x));
    }
  });

  it('measures distance between hashes, at offsets too', () => {
    const zero = '0'.repeat(64);
    expect(hammingHex(zero, zero)).toBe(0);
    expect(hammingHex(zero, 'f'.repeat(64))).toBe(256);
    expect(hammingHex(zero, '8' + '0'.repeat(62) + '1')).toBe(2);
    const next = rng(3);
    const a = randomHash(next);
    const b = flipped(a, randomPositions(31, next));
    const packed = new Uint32Array(24);
    packed.set(b, 16);
    expect(hammingWords(a, 0, packed, 16)).toBe(31);
    expect(hammingHex(wordsToHex(a), wordsToHex(b))).toBe(31);
  });
});

describe('MihIndex equals a brute-force scan', () => {
  it('on random hashes', () => {
    const entries = randomEntries(6000, 10);
    const { mih, lin } = buildBoth(entries, 11);
    const next = rng(12);
    const queries = [
      ...Array.from({ length: 20 }, () => randomHash(next)),
      ...entries.slice(0, 20).map((e) => flipped(e.words, randomPositions(next() % 36, next))),
    ];
    expect(expectSameAnswers(mih, lin, queries)).toBeGreaterThan(0);
  });

  it('on clustered hashes', () => {
    const { entries, centres } = clusteredEntries(300, 25, 20);
    const { mih, lin } = buildBoth(entries, 21);
    const next = rng(22);
    const queries = centres.slice(0, 30).map((c, i) => (i % 2 ? c : flipped(c, randomPositions(next() % 20, next))));
    expect(expectSameAnswers(mih, lin, queries)).toBeGreaterThan(1000);
  });

  it('on planted neighbours at every distance 0..40, worst-case spreads included', () => {
    const next = rng(30);
    const queries = Array.from({ length: 6 }, () => randomHash(next));
    const planted = queries.flatMap((q, i) => plantedEntries(q, 1_000_000 + i * 1000, 31 + i));
    const background = randomEntries(3000, 32);
    // Interleave so planted hashes land in both the bulk-loaded half and the incremental half.
    const entries = background.flatMap((e, i) => (i < planted.length ? [e, planted[i]] : [e]));
    const { mih, lin } = buildBoth(entries, 33);
    expectSameAnswers(mih, lin, queries);
    mih.compact();
    expectSameAnswers(mih, lin, queries);
  });

  it('finds every planted neighbour up to 31 and none beyond the radius', () => {
    const query = randomHash(rng(40));
    const mih = new MihIndex();
    const planted = plantedEntries(query, 0, 41);
    for (const e of planted) mih.add(e.id, e.words);
    mih.compact();
    const hits = mih.query(wordsToHex(query), 31);
    const distances = planted.map((e) => hammingWords(query, 0, e.words, 0));
    expect(hits.map((h) => h.distance)).toEqual(distances.filter((d) => d <= 31));
    expect(hits).toHaveLength(32 * 3);
    expect(mih.query(query, 0).map((h) => h.id)).toEqual([0, 1, 2]);
  });

  it('stays exact through many merges, removes and re-adds', () => {
    const entries = randomEntries(4000, 50);
    const { mih, lin } = buildBoth(entries, 51);
    const next = rng(52);
    for (let round = 0; round < 5; round++) {
      for (const e of entries.filter((_, i) => i % 11 === round)) {
        const had = lin.remove(e.id);
        expect(mih.remove(e.id)).toBe(had);
        const fresh = flipped(entries[next() % entries.length].words, randomPositions(next() % 32, next));
        mih.add(e.id, fresh);
        lin.add(e.id, fresh);
      }
      expect(mih.size).toBe(lin.size);
      expectSameAnswers(
        mih,
        lin,
        entries.slice(round * 5, round * 5 + 5).map((e) => e.words),
      );
    }
  });
  it('with large buckets: thousands of ids sharing a hash or a chunk, bulk-loaded in two batches', () => {
    const next = rng(60);
    const base = randomHash(next);
    const entries: Entry[] = [];
    for (let i = 0; i < 3000; i++) entries.push({ id: 3 * i, words: base.slice() });
    for (let i = 0; i < 3000; i++) {
      // Same first word as the base (so the same chunks 0 and 1), random elsewhere or a near copy.
      const words = i % 2 ? randomHash(next) : flipped(base, randomPositions(next() % 48, next));
      words[0] = base[0];
      entries.push({ id: 3 * i + 1, words });
    }
    const mih = new MihIndex();
    const lin = new LinearIndex();
    for (const batch of [entries.filter((e) => e.id % 2), entries.filter((e) => e.id % 2 === 0)]) {
      const ids = batch.map((e) => e.id).reverse();
      const hexes = batch.map((e) => wordsToHex(e.words)).reverse();
      mih.bulkLoad(ids, hexes);
      lin.bulkLoad(ids, hexes);
    }
    // More pending adds in one bucket than the candidate buffer starts with (4096): the delta path must grow it.
    for (let i = 0; i < 4500; i++) {
      const words = i % 3 ? base : flipped(base, randomPositions(next() % 40, next));
      mih.add(1_000_000 + i, words);
      lin.add(1_000_000 + i, words);
    }
    expect(mih.size).toBe(10_500);
    const queries = [
      base,
      flipped(base, randomPositions(16, next)),
      flipped(base, spreadPositions(31)),
      randomHash(next),
    ];
    expect(expectSameAnswers(mih, lin, queries)).toBeGreaterThan(6000 * RADII.length);
  });
});

describe('MihIndex contract', () => {
  it('rejects duplicate ids, bad ids, bad radii and bad hashes', () => {
    const mih = new MihIndex();
    const hex = 'ab'.repeat(32);
    mih.add(7, hex);
    expect(() => mih.add(7, hex)).toThrow(/already in the index/);
    expect(() => mih.bulkLoad([8, 8], [hex, hex])).toThrow(/twice/);
    expect(() => mih.bulkLoad([9, 7], [hex, hex])).toThrow(/already in the index/);
    expect(() => mih.bulkLoad([9], [hex, hex])).toThrow(/1 ids but 2 hashes/);
    expect(() => mih.bulkLoad([9, 10], [hex, 'nope'])).toThrow(/64 hex characters/);
    expect(mih.size).toBe(1);
    for (const id of [-1, 1.5, 2 ** 32, NaN]) expect(() => mih.add(id, hex)).toThrow(RangeError);
    for (const r of [-1, 0.5, NaN]) expect(() => mih.query(hex, r)).toThrow(RangeError);
    expect(() => mih.query(new Uint32Array(4), 3)).toThrow(TypeError);
    expect(() => mih.add(11, 'xyz')).toThrow(TypeError);
  });

  it('removes by id, lets the id come back, and reports size and memory', () => {
    const mih = new MihIndex();
    expect(mih.query('0'.repeat(64), 31)).toEqual([]);
    const a = '0'.repeat(64);
    const b = '0'.repeat(63) + '3';
    mih.bulkLoad([5, 3], [a, b]);
    mih.add(4, a);
    expect(mih.query(a, 2)).toEqual([
      { id: 4, distance: 0 },
      { id: 5, distance: 0 },
      { id: 3, distance: 2 },
    ]);
    expect(mih.remove(5)).toBe(true);
    expect(mih.remove(5)).toBe(false);
    expect(mih.remove(4)).toBe(true);
    expect(mih.size).toBe(1);
    mih.add(5, b);
    expect(mih.query(a, 256)).toEqual([
      { id: 3, distance: 2 },
      { id: 5, distance: 2 },
    ]);
    mih.compact();
    expect(mih.query(b, 0)).toEqual([
      { id: 3, distance: 0 },
      { id: 5, distance: 0 },
    ]);
    expect(mih.size).toBe(2);
    expect(mih.memoryBytes()).toBeGreaterThan(2 * 16 * 65537 * 4);
  });
});
