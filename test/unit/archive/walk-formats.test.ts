import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  buildZip,
  gradientJpeg,
  makeFolderExport,
  makeGzipFile,
  makeNestedDepth,
  makeTarGz,
  makeZip64,
  sha256,
} from '../../fixtures/hostile-export.ts';
import { depthNote, walkSource } from '../../../workers/archive/walk.ts';
import { byPath, files, listTree, paths, rejected, run, useTempDirs, type Run } from './helpers.ts';

const tempDir = useTempDirs();
const hasMkfifo = (() => {
  try {
    execFileSync('mkfifo', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

function hashes(r: Run, prefix: string): Record<string, string> {
  return Object.fromEntries(
    files(r).map((o) => [o.info.sourcePath.slice(prefix.length), o.kind === 'file' ? o.result.sha256 : '']),
  );
}

describe('zip64', () => {
  it('reads forced-ZIP64 entries, buffered and streamed', async () => {
    const fx = await makeZip64(await tempDir());
    const r = await run({ kind: 'file', path: fx.path }, 'zip64.zip');
    expect(hashes(r, 'zip64.zip!/')).toEqual(Object.fromEntries(fx.expected.map((e) => [e.name, e.sha256])));
    expect(r.summary.errors).toEqual([]);
  });
});

describe('tar and tar.gz', () => {
  for (const variant of ['tar', 'tar.gz'] as const) {
    it(`${variant}: regular files read, links and traversal rejected, nested zip unpacked`, async () => {
      const fx = await makeTarGz(await tempDir());
      const root = `export.${variant}`;
      const r = await run({ kind: 'file', path: variant === 'tar' ? fx.tarPath : fx.tarGzPath }, root);
      expect(hashes(r, `${root}!/`)).toEqual(Object.fromEntries(fx.files.map((f) => [f.name, f.sha256])));
      const rej = rejected(r).map((o) => [o.info.sourcePath, o.kind === 'rejected' && o.code]);
      expect(rej).toEqual(fx.rejected.map((x) => [`${root}!/${x.name}`, x.code]));
      expect(paths(r)).not.toContain(`${root}!/photos`);
      expect(byPath(r, `${root}!/notes.txt`)[0].info.mtime?.toISOString()).toBe('2020-01-02T03:04:05.000Z');
      expect(r.summary.errors).toEqual([]);
    });
  }

  it('a lone gzip member is one entry named after the container', async () => {
    const fx = await makeGzipFile(await tempDir());
    const r = await run({ kind: 'file', path: fx.path }, 'server.log.gz');
    expect(hashes(r, '')).toEqual({ 'server.log.gz!/server.log': sha256(fx.inner) });
  });
});

describe('nesting depth', () => {
  it('depth 4 with maxDepth 3: the 4th layer is stored as a plain file, with a note', async () => {
    const fx = await makeNestedDepth(await tempDir(), 4);
    const r = await run({ kind: 'file', path: fx.path }, fx.rootName, { maxDepth: 3 });
    expect(paths(r)).toEqual(fx.paths.slice(0, 3)); // layer2, layer3, layer4 — not bottom.jpg
    const last = r.outcomes[2];
    expect(last).toMatchObject({ kind: 'file', note: depthNote(3), info: { depth: 3, name: 'layer4.zip' } });
    expect(r.outcomes.slice(0, 2).every((o) => o.kind === 'file' && o.note === undefined)).toBe(true);
  });

  it('depth 3 with maxDepth 3: everything unpacked down to the image', async () => {
    const fx = await makeNestedDepth(await tempDir(), 3);
    const r = await run({ kind: 'file', path: fx.path }, fx.rootName, { maxDepth: 3 });
    expect(paths(r)).toEqual(fx.paths);
    expect(r.outcomes.at(-1)).toMatchObject({ kind: 'file', info: { depth: 3, name: 'bottom.jpg' } });
  });

  it('maxDepth 0: even the root archive is just a file', async () => {
    const fx = await makeNestedDepth(await tempDir(), 2);
    const r = await run({ kind: 'file', path: fx.path }, fx.rootName, { maxDepth: 0 });
    expect(r.outcomes).toEqual([
      expect.objectContaining({
        kind: 'file',
        note: depthNote(0),
        info: expect.objectContaining({ sourcePath: 'layer1.zip', depth: 0 }),
      }),
    ]);
  });

  it('spool files are removed as soon as their archive is walked', async () => {
    const dir = await tempDir();
    const walkTmp = await tempDir('walk-tmp');
    const fx = await makeNestedDepth(dir, 3);
    let maxSpooled = 0;
    const seen = async () => {
      const tree = await listTree(walkTmp);
      maxSpooled = Math.max(maxSpooled, tree.filter((p) => p.includes('spool-')).length);
    };
    await walkSource({ kind: 'file', path: fx.path }, fx.rootName, {}, async (_i, b) => void b.resume(), seen, {
      tempDir: walkTmp,
    });
    expect(maxSpooled).toBeGreaterThan(0);
    expect(maxSpooled).toBeLessThanOrEqual(2);
    expect(await listTree(walkTmp)).toEqual([]);
  });
});

describe('plain files and folders', () => {
  it('a plain non-archive file is one entry at depth 0', async () => {
    const dir = await tempDir();
    const jpeg = await gradientJpeg(50);
    await writeFile(join(dir, 'photo.zip'), jpeg); // the extension lies; content decides
    const r = await run({ kind: 'file', path: join(dir, 'photo.zip') }, 'photo.zip');
    expect(r.outcomes).toEqual([
      expect.objectContaining({
        kind: 'file',
        result: { sha256: sha256(jpeg) },
        info: expect.objectContaining({ sourcePath: 'photo.zip', depth: 0 }),
      }),
    ]);
  });

  it('an archive with a misleading extension is still unpacked', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'holiday.jpg'), buildZip([{ name: 'hidden.txt', data: Buffer.from('x') }]));
    const r = await run({ kind: 'file', path: join(dir, 'holiday.jpg') }, 'holiday.jpg');
    expect(paths(r)).toEqual(['holiday.jpg!/hidden.txt']);
  });

  it('folder: walks recursively, unpacks archives, never follows symlinks', async () => {
    const dir = await tempDir();
    const fx = await makeFolderExport(dir);
    const r = await run({ kind: 'folder', path: fx.root }, 'seized');
    expect(hashes(r, 'seized/')).toEqual(Object.fromEntries(fx.files.map((f) => [f.name, f.sha256])));
    const links = rejected(r).map((o) => [o.info.sourcePath, o.kind === 'rejected' && o.reason]);
    expect(links.sort()).toEqual(fx.symlinks.map((s) => [`seized/${s}`, 'symbolic link not followed']).sort());
    expect(byPath(r, 'seized/sub/deeper/archive.zip')[0].info.depth).toBe(0);
    expect(byPath(r, 'seized/sub/deeper/archive.zip!/in-zip.txt')[0].info.depth).toBe(1);
    const outsideBytes = 'outside the export; must never be read\n'.length;
    expect(files(r).some((o) => o.bytes === outsideBytes)).toBe(false);
  });

  it.skipIf(!hasMkfifo)('folder: a FIFO is recorded, never opened (opening one would block)', async () => {
    const dir = await tempDir();
    const fx = await makeFolderExport(dir);
    execFileSync('mkfifo', [join(fx.root, 'pipe')]);
    const r = await run({ kind: 'folder', path: fx.root }, 'seized');
    expect(byPath(r, 'seized/pipe')).toEqual([expect.objectContaining({ kind: 'rejected', code: 'special-file' })]);
  });

  it('folder: names that are not valid UTF-8 are read by their bytes and shown as latin1', async () => {
    const dir = await tempDir();
    const root = join(dir, 'legacy');
    await mkdir(root);
    const jpeg = await gradientJpeg(51);
    const zip = buildZip([{ name: 'inner.txt', data: Buffer.from('inner') }]);
    await writeFile(Buffer.from(`${root}/caf\xe9.jpg`, 'latin1'), jpeg);
    await writeFile(Buffer.from(`${root}/\xe0rchive.zip`, 'latin1'), zip); // unpacked via a spool copy
    const r = await run({ kind: 'folder', path: root }, 'legacy');
    expect(hashes(r, 'legacy/')).toEqual({
      'café.jpg': sha256(jpeg),
      'àrchive.zip': sha256(zip),
      'àrchive.zip!/inner.txt': sha256(Buffer.from('inner')),
    });
  });
});
