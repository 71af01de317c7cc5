import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createWriteStream } from 'node:fs';
import { describe, expect, it } from 'vitest';
import yazl from 'yazl';
import {
  buildZip,
  gradientJpeg,
  makeHostileExport,
  makeTarGz,
  sha256,
  type ExpectedEntry,
} from '../../fixtures/hostile-export.ts';
import { walkSource } from '../../../workers/archive/walk.ts';
import { files, listTree, rejected, run, useTempDirs, type Run } from './helpers.ts';

const tempDir = useTempDirs();
const codes = (r: Run) => r.outcomes.map((o) => (o.kind === 'rejected' ? o.code : 'file'));

async function writeHalf(src: string, dest: string, fraction = 0.5): Promise<Buffer> {
  const bytes = await readFile(src);
  const cut = bytes.subarray(0, Math.floor(bytes.length * fraction));
  await writeFile(dest, cut);
  return cut;
}

/** Every recovered file must be byte-exact; nothing may be invented. */
function expectRecoveredSubset(r: Run, expected: ExpectedEntry[]): void {
  for (const o of files(r)) {
    const match = expected.find(
      (e) => e.sourcePath === o.info.sourcePath && e.sha256 === (o.kind === 'file' && o.result.sha256),
    );
    expect(match, `unexpected or altered file ${o.info.sourcePath}`).toBeDefined();
  }
}

describe('truncated archives', () => {
  it('zip cut in half: entries before the cut are recovered, one archive-level error', async () => {
    const dir = await tempDir();
    const fx = await makeHostileExport(dir);
    await writeHalf(fx.path, join(dir, 'half.zip'));
    const r = await run({ kind: 'file', path: join(dir, 'half.zip') }, 'export.zip');
    expect(files(r).length).toBeGreaterThanOrEqual(5);
    expectRecoveredSubset(r, fx.expected);
    expect(r.summary.errors).toEqual([
      {
        sourcePath: 'export.zip',
        message: expect.stringMatching(/^corrupt zip: .*found \d+ entries by scanning local headers/),
      },
    ]);
  });

  it('streamed zip (data descriptors) cut short: recovered by inflating to each stream end', async () => {
    const dir = await tempDir();
    const images = await Promise.all([1, 2, 3, 4].map((i) => gradientJpeg(60 + i, 160, 120)));
    const zip = new yazl.ZipFile();
    images.forEach((img, i) => zip.addReadStream(Readable.from([img]), `img-${i}.jpg`));
    const done = pipeline(zip.outputStream, createWriteStream(join(dir, 'streamed.zip')));
    zip.end();
    await done;
    await writeHalf(join(dir, 'streamed.zip'), join(dir, 'cut.zip'), 0.8);
    const r = await run({ kind: 'file', path: join(dir, 'cut.zip') }, 'cut.zip');
    const expected = images.map((img, i) => ({
      sourcePath: `cut.zip!/img-${i}.jpg`,
      kind: 'file' as const,
      sha256: sha256(img),
    }));
    expect(files(r).length).toBeGreaterThanOrEqual(2);
    expectRecoveredSubset(r, expected);
    expect(r.summary.errors).toHaveLength(1);
  });

  it('tar.gz and tar cut short: partial results plus one archive error', async () => {
    const dir = await tempDir();
    const fx = await makeTarGz(dir);
    for (const [src, name] of [
      [fx.tarGzPath, 'cut.tar.gz'],
      [fx.tarPath, 'cut.tar'],
    ] as const) {
      await writeHalf(src, join(dir, name), 0.6);
      const r = await run({ kind: 'file', path: join(dir, name) }, name);
      const expected = fx.files.map((f) => ({
        sourcePath: `${name}!/${f.name}`,
        kind: 'file' as const,
        sha256: f.sha256,
      }));
      expect(files(r).length).toBeGreaterThanOrEqual(1);
      expectRecoveredSubset(r, expected);
      expect(r.summary.errors).toEqual([{ sourcePath: name, message: expect.stringMatching(/^corrupt tar(\.gz)?: /) }]);
    }
  });
});

describe('damaged entries in an intact archive', () => {
  it('bad deflate data, wrong CRC and a lying stored size each reject one entry; the walk goes on', async () => {
    const dir = await tempDir();
    const good = Buffer.from('good entry\n');
    const garbage = Buffer.from([0xff, 0xff, 0xff, 0xff, 0x00, 0x12, 0x34]);
    await writeFile(
      join(dir, 'damaged.zip'),
      buildZip([
        { name: 'bad-deflate.bin', data: Buffer.alloc(100), payload: garbage },
        { name: 'bad-crc.txt', data: good, crc: 0x12345678 },
        { name: 'stored-liar.txt', data: good, method: 0, declaredSize: 5 },
        { name: 'fine.txt', data: good },
      ]),
    );
    const r = await run({ kind: 'file', path: join(dir, 'damaged.zip') }, 'damaged.zip');
    expect(codes(r)).toEqual(['corrupt', 'checksum', 'size-mismatch', 'file']);
    expect(rejected(r)[0]).toMatchObject({ reason: expect.stringMatching(/^corrupt entry: /) });
    expect(r.summary.errors).toEqual([]);
  });

  it('a central directory record pointing past the end of the file rejects only that entry', async () => {
    const dir = await tempDir();
    const bytes = buildZip([
      { name: 'lost.txt', data: Buffer.from('lost') },
      { name: 'kept.txt', data: Buffer.from('kept') },
    ]);
    const cdOffset = bytes.readUInt32LE(bytes.length - 22 + 16);
    bytes.writeUInt32LE(0x7fff0000, cdOffset + 42); // first record's local header offset
    await writeFile(join(dir, 'offset.zip'), bytes);
    const r = await run({ kind: 'file', path: join(dir, 'offset.zip') }, 'offset.zip');
    expect(codes(r)).toEqual(['corrupt', 'file']);
  });

  it('a central directory that breaks midway: earlier entries recorded, one archive error', async () => {
    const dir = await tempDir();
    const bytes = buildZip(['one.txt', 'two.txt', 'three.txt'].map((name) => ({ name, data: Buffer.from(name) })));
    const cdOffset = bytes.readUInt32LE(bytes.length - 22 + 16);
    bytes.writeUInt32LE(0xdeadbeef, cdOffset + 46 + 'one.txt'.length); // second record's signature
    await writeFile(join(dir, 'broken-cd.zip'), bytes);
    const r = await run({ kind: 'file', path: join(dir, 'broken-cd.zip') }, 'broken-cd.zip');
    expect(r.outcomes.map((o) => [o.info.sourcePath, o.kind])).toEqual([['broken-cd.zip!/one.txt', 'file']]);
    expect(r.summary.errors).toEqual([
      {
        sourcePath: 'broken-cd.zip',
        message: expect.stringMatching(/^corrupt zip: invalid central directory file header signature/),
      },
    ]);
  });

  it('a directory entry carrying data is reported, a plain one is not', async () => {
    const dir = await tempDir();
    await writeFile(
      join(dir, 'dirs.zip'),
      buildZip([
        { name: 'empty-dir/', method: 0 },
        { name: 'stuffed-dir/', data: Buffer.from('hidden payload'), method: 0 },
      ]),
    );
    const r = await run({ kind: 'file', path: join(dir, 'dirs.zip') }, 'dirs.zip');
    expect(r.outcomes.map((o) => [o.info.sourcePath, o.kind === 'rejected' && o.code])).toEqual([
      ['dirs.zip!/stuffed-dir', 'directory-data'],
    ]);
  });

  it('a corrupt nested zip is stored as a file, reported once, and the walk continues', async () => {
    const dir = await tempDir();
    const broken = Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(200, 0xab)]);
    await writeFile(
      join(dir, 'outer.zip'),
      buildZip([
        { name: 'broken.zip', data: broken },
        { name: 'after.txt', data: Buffer.from('after') },
      ]),
    );
    const r = await run({ kind: 'file', path: join(dir, 'outer.zip') }, 'outer.zip');
    expect(r.outcomes.map((o) => [o.info.sourcePath, o.kind])).toEqual([
      ['outer.zip!/broken.zip', 'file'],
      ['outer.zip!/after.txt', 'file'],
    ]);
    expect(r.summary.errors).toEqual([
      { sourcePath: 'outer.zip!/broken.zip', message: expect.stringMatching(/^corrupt zip: /) },
    ]);
  });

  it('an empty zip yields nothing and no error; garbage after a gzip magic yields one error', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'empty.zip'), buildZip([]));
    const empty = await run({ kind: 'file', path: join(dir, 'empty.zip') }, 'empty.zip');
    expect(empty.outcomes).toEqual([]);
    expect(empty.summary.errors).toEqual([]);
    await writeFile(join(dir, 'bad.gz'), Buffer.concat([Buffer.from([0x1f, 0x8b, 8, 0]), Buffer.alloc(64, 0xee)]));
    const bad = await run({ kind: 'file', path: join(dir, 'bad.gz') }, 'bad.gz');
    expect(bad.outcomes).toEqual([]);
    expect(bad.summary.errors).toEqual([{ sourcePath: 'bad.gz', message: expect.stringMatching(/^corrupt gzip: /) }]);
  });
});

describe('abort and cleanup', () => {
  it('an abort signal stops the walk with the abort reason and cleans the temp dir', async () => {
    const dir = await tempDir();
    const walkTmp = await tempDir('walk-tmp');
    const fx = await makeHostileExport(dir);
    const ac = new AbortController();
    let seen = 0;
    const walk = walkSource(
      { kind: 'file', path: fx.path },
      fx.rootName,
      {},
      async (_i, b) => {
        if (++seen === 3) ac.abort(new Error('worker shutting down'));
        for await (const _ of b) void _;
        return null;
      },
      async () => {},
      { signal: ac.signal, tempDir: walkTmp },
    );
    await expect(walk).rejects.toThrow('worker shutting down');
    expect(seen).toBeLessThan(fx.expected.length);
    expect(await listTree(walkTmp)).toEqual([]);
  });
});
