import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import {
  buildZip,
  gradientPng,
  hostileExportPaths,
  LONG_NAME,
  makeHostileExport,
  UNICODE_NAME,
} from '../../fixtures/hostile-export.ts';
import { walkSource, type EntryOutcome } from '../../../workers/archive/walk.ts';
import { byPath, files, listTree, paths, rejected, run, useTempDirs, type Hashed } from './helpers.ts';

const tempDir = useTempDirs();

describe('hostile export zip', () => {
  it('accounts for every expected entry exactly once, with the right outcome and content hash', async () => {
    const dir = await tempDir();
    const fx = await makeHostileExport(dir);
    const r = await run({ kind: 'file', path: fx.path }, fx.rootName);

    expect(r.outcomes).toHaveLength(fx.expected.length);
    const remaining = [...r.outcomes];
    for (const exp of fx.expected) {
      const i = remaining.findIndex(
        (o) =>
          o.info.sourcePath === exp.sourcePath &&
          o.kind === exp.kind &&
          (o.kind !== 'file' || o.result.sha256 === exp.sha256),
      );
      expect(i, `missing ${exp.kind} ${exp.sourcePath}`).toBeGreaterThanOrEqual(0);
      const [o] = remaining.splice(i, 1);
      if (exp.code) expect(o).toMatchObject({ kind: 'rejected', code: exp.code });
    }
    expect(remaining).toEqual([]);
    expect(r.summary).toMatchObject({ files: files(r).length, rejected: rejected(r).length, errors: [] });
    expect(r.log.sawError).toEqual([]);
  });

  it('lists the same paths as hostileExportPaths() (for integration tests)', async () => {
    const dir = await tempDir();
    const fx = await makeHostileExport(dir);
    const r = await run({ kind: 'file', path: fx.path }, fx.rootName);
    expect([...paths(r)].sort()).toEqual((await hostileExportPaths()).sort());
  });

  it('rejects traversal names and writes nothing anywhere', async () => {
    const dir = await tempDir();
    const walkTmp = await tempDir('walk-tmp');
    const fx = await makeHostileExport(dir);
    const before = await listTree(dir);
    const r = await run({ kind: 'file', path: fx.path }, fx.rootName, {}, { tempDir: walkTmp });
    const traversal = rejected(r).filter((o) => o.kind === 'rejected' && o.code === 'traversal');
    expect(traversal.map((o) => o.info.sourcePath).sort()).toEqual(
      [
        'export.zip!/../../x.jpg',
        'export.zip!//abs/x.jpg',
        'export.zip!/C:/evil/x.jpg',
        'export.zip!///server/share/x.jpg',
      ].sort(),
    );
    for (const o of traversal) expect(o).toMatchObject({ reason: expect.stringMatching(/^path traversal: /) });
    expect(await listTree(dir)).toEqual(before);
    expect(await listTree(walkTmp)).toEqual([]);
    await expect(readFile('/abs/x.jpg')).rejects.toThrow();
    await expect(readFile(join(dir, '..', '..', 'x.jpg'))).rejects.toThrow();
  });

  it('keeps unicode, CP437 and 200-character names intact', async () => {
    const dir = await tempDir();
    const fx = await makeHostileExport(dir);
    const r = await run({ kind: 'file', path: fx.path }, fx.rootName);
    const names = files(r).map((o) => o.info.name);
    expect(names).toContain(UNICODE_NAME);
    expect(names).toContain('müsli.txt');
    expect(LONG_NAME).toHaveLength(200);
    expect(names).toContain(LONG_NAME);
  });

  it('reports duplicates twice and byte-identical copies under both names', async () => {
    const dir = await tempDir();
    const fx = await makeHostileExport(dir);
    const r = await run({ kind: 'file', path: fx.path }, fx.rootName);
    const same = byPath(r, 'export.zip!/dupes/same-name.txt');
    expect(same).toHaveLength(2);
    const [a, b] = ['export.zip!/dupes/copy-a.jpg', 'export.zip!/dupes/copy-b.jpg'].map((p) => byPath(r, p)[0]);
    expect(a.kind === 'file' && b.kind === 'file' && a.result.sha256 === b.result.sha256).toBe(true);
  });

  it('reports a nested archive before its children, with increasing depth', async () => {
    const dir = await tempDir();
    const fx = await makeHostileExport(dir);
    const r = await run({ kind: 'file', path: fx.path }, fx.rootName);
    const nested = r.outcomes.filter((o) => o.info.sourcePath.includes('nested/'));
    expect(nested.map((o) => [o.info.sourcePath, o.info.depth])).toEqual([
      ['export.zip!/nested/level1.zip', 1],
      ['export.zip!/nested/level1.zip!/level2.zip', 2],
      ['export.zip!/nested/level1.zip!/level2.zip!/bottom.png', 3],
    ]);
  });

  it('gives the same result for a buffer source', async () => {
    const dir = await tempDir();
    const fx = await makeHostileExport(dir);
    const fromFile = await run({ kind: 'file', path: fx.path }, fx.rootName);
    const fromBuffer = await run({ kind: 'buffer', data: fx.bytes }, fx.rootName);
    const shape = (o: EntryOutcome<Hashed>) => [
      o.info.sourcePath,
      o.kind,
      o.kind === 'file' ? o.result.sha256 : o.code,
    ];
    expect(fromBuffer.outcomes.map(shape)).toEqual(fromFile.outcomes.map(shape));
  });

  it('fills EntryInfo with declared size and mtime', async () => {
    const dir = await tempDir();
    const fx = await makeHostileExport(dir);
    const r = await run({ kind: 'file', path: fx.path }, fx.rootName);
    const [o] = byPath(r, 'export.zip!/notes/readme.txt');
    expect(o.info).toMatchObject({ name: 'readme.txt', size: 30, depth: 1 });
    expect(o.info.mtime?.toISOString()).toBe('2021-06-15T12:30:00.000Z');
    expect(o.kind === 'file' && o.bytes).toBe(30);
  });
});

describe('consumer contract', () => {
  it('propagates a consumer failure that is not caused by the entry bytes', async () => {
    const dir = await tempDir();
    const walkTmp = await tempDir('walk-tmp');
    const fx = await makeHostileExport(dir);
    const storageDown = async (_i: unknown, body: Readable) => {
      body.resume();
      throw new Error('object store unavailable');
    };
    const walk = walkSource({ kind: 'file', path: fx.path }, fx.rootName, {}, storageDown, async () => {}, {
      tempDir: walkTmp,
    });
    await expect(walk).rejects.toThrow('object store unavailable');
    expect(await listTree(walkTmp)).toEqual([]);
  });

  it('still rejects an entry whose stream failed even if the consumer swallowed the error', async () => {
    const dir = await tempDir();
    const zip = join(dir, 'liar.zip');
    const png = await gradientPng(1);
    await writeFile(
      zip,
      buildZip([
        { name: 'liar.png', data: png, declaredSize: 10 },
        { name: 'ok.txt', data: Buffer.from('ok') },
      ]),
    );
    const outcomes: EntryOutcome<string>[] = [];
    const sloppy = async (_i: unknown, body: Readable) => {
      await new Promise<void>((resolve) =>
        body
          .on('error', () => resolve())
          .on('end', resolve)
          .resume(),
      );
      return 'stored';
    };
    await walkSource(
      { kind: 'file', path: zip },
      'liar.zip',
      { maxEntrySize: 1000 },
      sloppy,
      async (o) => void outcomes.push(o),
    );
    expect(outcomes.map((o) => [o.info.sourcePath, o.kind === 'rejected' ? o.code : o.kind])).toEqual([
      ['liar.zip!/liar.png', 'entry-size'],
      ['liar.zip!/ok.txt', 'file'],
    ]);
  });
});
