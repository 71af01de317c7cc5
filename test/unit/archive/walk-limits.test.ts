import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  buildZip,
  makeGzipBomb,
  makeHostileExport,
  makeTarGzBomb,
  makeZipBomb,
} from '../../fixtures/hostile-export.ts';
import { files, rejected, run, useTempDirs, type Run } from './helpers.ts';

const tempDir = useTempDirs();
const MiB = 1024 * 1024;
const codes = (r: Run) => r.outcomes.map((o) => (o.kind === 'rejected' ? o.code : 'file'));

/** Peak RSS while `fn` runs, sampled on a timer and whenever an outcome arrives. */
async function peakRss<T>(fn: () => Promise<T>): Promise<{ value: T; growth: number }> {
  const base = process.memoryUsage().rss;
  let peak = base;
  const t = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  try {
    const value = await fn();
    return { value, growth: Math.max(peak, process.memoryUsage().rss) - base };
  } finally {
    clearInterval(t);
  }
}

describe('zip bomb', () => {
  it('is small on disk and expands past 2 GB', async () => {
    const bomb = await makeZipBomb(await tempDir());
    expect(bomb.fileSize).toBeLessThan(4 * MiB);
    expect(bomb.actualTotal).toBeGreaterThan(2 * 1024 ** 3);
  });

  it('honest sizes: every entry rejected by the declared ratio, without inflating', async () => {
    const bomb = await makeZipBomb(await tempDir());
    const started = Date.now();
    const r = await run({ kind: 'file', path: bomb.path }, 'bomb.zip', { maxCompressionRatio: 100 });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(r.outcomes).toHaveLength(bomb.entries);
    for (const o of r.outcomes)
      expect(o).toMatchObject({
        kind: 'rejected',
        code: 'ratio',
        reason: expect.stringMatching(/^compression ratio \d+:1 exceeds limit 100:1$/),
      });
    expect(r.summary.expandedBytes).toBe(0);
  });

  it('lying sizes: the streaming ratio check stops each entry early, in bounded memory', async () => {
    const bomb = await makeZipBomb(await tempDir(), { lieAboutSizes: true });
    const started = Date.now();
    const { value: r, growth } = await peakRss(() =>
      run({ kind: 'file', path: bomb.path }, 'bomb.zip', { maxCompressionRatio: 100 }),
    );
    expect(Date.now() - started).toBeLessThan(5000);
    expect(growth).toBeLessThan(200 * MiB);
    expect(r.outcomes).toHaveLength(bomb.entries);
    expect(new Set(codes(r))).toEqual(new Set(['ratio']));
    expect(r.summary.expandedBytes).toBeLessThan(bomb.entries * 8 * MiB);
    expect(r.log.sawError).toHaveLength(bomb.entries); // the consumer saw every failure
  });

  it('lying sizes with a lax ratio: caught as soon as an entry outgrows its declared size', async () => {
    const bomb = await makeZipBomb(await tempDir(), { lieAboutSizes: true });
    const declared = bomb.declaredTotal / bomb.entries;
    const limits = { maxCompressionRatio: 5000, maxTotalExpanded: Math.floor(declared * 2.5) };
    const started = Date.now();
    const r = await run({ kind: 'file', path: bomb.path }, 'bomb.zip', limits);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(codes(r)).toEqual(['size-mismatch', 'size-mismatch', ...Array(bomb.entries - 2).fill('total-size')]);
    expect(rejected(r)[0]).toMatchObject({
      reason: `declared size ${declared} bytes but entry holds more than ${declared} bytes`,
    });
    expect(r.summary.expandedBytes).toBeLessThan(limits.maxTotalExpanded);
  });
});

describe('gzip bomb (lone member, no declared size)', () => {
  it('is stopped by the stream ratio', async () => {
    const path = await makeGzipBomb(await tempDir(), 1024);
    const r = await run({ kind: 'file', path }, 'zeros.bin.gz', { maxCompressionRatio: 100 });
    expect(r.outcomes).toEqual([
      expect.objectContaining({
        kind: 'rejected',
        code: 'ratio',
        info: expect.objectContaining({ sourcePath: 'zeros.bin.gz!/zeros.bin' }),
      }),
    ]);
  });

  it('with a lax ratio, the streaming entry size limit stops it', async () => {
    const path = await makeGzipBomb(await tempDir(), 300);
    const r = await run({ kind: 'file', path }, 'zeros.bin.gz', { maxCompressionRatio: 5000, maxEntrySize: 32 * MiB });
    expect(codes(r)).toEqual(['entry-size']);
    expect(r.log.sawError).toHaveLength(1);
    expect(r.summary.expandedBytes).toBeLessThan(33 * MiB);
  });

  it('with lax ratio and entry size, the total limit stops it mid-stream', async () => {
    const path = await makeGzipBomb(await tempDir(), 300);
    const r = await run({ kind: 'file', path }, 'zeros.bin.gz', {
      maxCompressionRatio: 5000,
      maxTotalExpanded: 20 * MiB,
    });
    expect(codes(r)).toEqual(['total-size']);
  });
});

describe('tar.gz bomb', () => {
  it('is stopped by the whole-stream gzip ratio and reported once', async () => {
    const path = await makeTarGzBomb(await tempDir(), 1024);
    const started = Date.now();
    const r = await run({ kind: 'file', path }, 'bomb.tar.gz', { maxCompressionRatio: 100 });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(r.outcomes).toEqual([expect.objectContaining({ kind: 'rejected', code: 'ratio' })]);
    expect(r.summary.errors).toEqual([
      {
        sourcePath: 'bomb.tar.gz',
        message: expect.stringMatching(/^tar\.gz stream: compression ratio .*remaining entries not read$/),
      },
    ]);
  });

  it('with a lax ratio, the declared entry size refuses it (its body is drained, never stored)', async () => {
    const path = await makeTarGzBomb(await tempDir(), 100);
    const r = await run({ kind: 'file', path }, 'bomb.tar.gz', { maxCompressionRatio: 5000, maxEntrySize: 32 * MiB });
    expect(codes(r)).toEqual(['entry-size']); // declared 100 MiB > 32 MiB: refused before reading
    expect(r.summary.errors).toEqual([]);
  });

  it('draining skipped bodies is still capped by the total expansion limit', async () => {
    const path = await makeTarGzBomb(await tempDir(), 300);
    const limits = { maxCompressionRatio: 5000, maxEntrySize: 32 * MiB, maxTotalExpanded: 64 * MiB };
    const r = await run({ kind: 'file', path }, 'bomb.tar.gz', limits);
    expect(codes(r)).toEqual(['entry-size']);
    expect(r.summary.errors).toEqual([
      {
        sourcePath: 'bomb.tar.gz',
        message: expect.stringMatching(/^tar\.gz stream: total expanded size limit .*remaining entries not read$/),
      },
    ]);
  });
});

describe('walk-wide limits', () => {
  it('entry count: the rest are still listed, as rejected (a refused nested zip is not opened)', async () => {
    const dir = await tempDir();
    const fx = await makeHostileExport(dir);
    const r = await run({ kind: 'file', path: fx.path }, fx.rootName, { maxEntries: 5 });
    const rootLevel = fx.expected.filter((e) => !e.sourcePath.slice('export.zip!/'.length).includes('!/'));
    expect(r.outcomes).toHaveLength(rootLevel.length);
    const c = codes(r);
    expect(c.slice(0, 5)).toEqual(Array(5).fill('file'));
    expect(new Set(c.slice(5))).toEqual(new Set(['entry-count']));
    expect(rejected(r)[0]).toMatchObject({ reason: 'entry count limit of 5 reached' });
  });

  it('total expanded: the entry that crosses it and every later one are rejected', async () => {
    const dir = await tempDir();
    const members = Array.from({ length: 6 }, (_, i) => ({ name: `f${i}.bin`, data: Buffer.alloc(1000, i) }));
    await writeFile(join(dir, 'six.zip'), buildZip(members));
    const r = await run({ kind: 'file', path: join(dir, 'six.zip') }, 'six.zip', { maxTotalExpanded: 3500 });
    expect(codes(r)).toEqual(['file', 'file', 'file', 'total-size', 'total-size', 'total-size']);
    expect(rejected(r)[0]).toMatchObject({ reason: 'total expanded size limit of 3500 bytes reached' });
    expect(r.summary.bytes).toBe(3000);
  });

  it('entry size: declared too large is refused before any byte is read', async () => {
    const dir = await tempDir();
    await writeFile(
      join(dir, 'big.zip'),
      buildZip([
        { name: 'big.bin', data: Buffer.alloc(5000) },
        { name: 'small.bin', data: Buffer.alloc(10) },
      ]),
    );
    const r = await run({ kind: 'file', path: join(dir, 'big.zip') }, 'big.zip', { maxEntrySize: 4096 });
    expect(codes(r)).toEqual(['entry-size', 'file']);
    expect(rejected(r)[0]).toMatchObject({ reason: 'entry exceeds maximum entry size of 4096 bytes' });
    expect(r.summary.expandedBytes).toBe(10);
    expect(r.log.sawError).toEqual([]);
    expect(files(r)).toHaveLength(1);
  });
});
