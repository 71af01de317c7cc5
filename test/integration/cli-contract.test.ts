// The CLI shapes that scripts depend on: `spoor hash`, `spoor ingest`, `spoor items`.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildZip, gradientJpeg, gradientPng, sha256 } from '../fixtures/hostile-export.ts';
import { scenePhoto, travelled } from '../fixtures/photos.ts';
import { borderedCopies } from '../fixtures/copies.ts';
import { hammingHex } from '../../workers/matching/hamming.ts';
import { postgresProcessesFor, runCli } from './helpers/process.ts';

let tmp: string;
let dataDir: string;
const env = () => ({ SPOOR_DATA_DIR: dataDir });

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'spoor-cli-'));
  await fs.chmod(tmp, 0o755); // as root, PostgreSQL runs as `postgres` and must reach the data dir
  dataDir = path.join(tmp, 'data');
});
afterAll(() => fs.rm(tmp, { recursive: true, force: true }));

const HASH_KEYS = [
  'path',
  'size',
  'md5',
  'sha1',
  'sha256',
  'mime',
  'width',
  'height',
  'pdq',
  'pdqQuality',
  'pdqDihedral',
  'pdqTrimmed',
  'blockhash',
  'error',
];
const INGEST_KEYS = [
  'case',
  'files',
  'uniqueBlobs',
  'images',
  'errors',
  'exactDuplicateGroups',
  'nearDuplicateGroups',
  'seconds',
];
const ITEM_KEYS = [
  'path',
  'size',
  'sha256',
  'md5',
  'sha1',
  'mime',
  'status',
  'error',
  'width',
  'height',
  'pdq',
  'pdqQuality',
  'blockhash',
  'duplicateGroup',
  'nearGroup',
  'exif',
  'exifError',
];

describe('spoor hash --json', () => {
  it('prints one object per file with lower-case hex and null where a field does not apply', async () => {
    const jpeg = await scenePhoto(5);
    await fs.writeFile(path.join(tmp, 'photo.jpg'), jpeg);
    await fs.writeFile(path.join(tmp, 'note.txt'), 'just text\n');
    await fs.writeFile(path.join(tmp, 'cut.jpg'), jpeg.subarray(0, 2000));
    await fs.writeFile(path.join(tmp, 'padded.jpg'), (await borderedCopies(jpeg)).whitePad);
    const result = runCli(
      [
        'hash',
        path.join(tmp, 'photo.jpg'),
        path.join(tmp, 'note.txt'),
        path.join(tmp, 'cut.jpg'),
        path.join(tmp, 'missing.jpg'),
        path.join(tmp, 'padded.jpg'),
        '--json',
      ],
      env(),
    );
    expect(result.status).toBe(0);
    const [photo, note, cut, missing, padded] = JSON.parse(result.stdout);
    for (const o of [photo, note, cut, missing, padded]) expect(Object.keys(o).sort()).toEqual([...HASH_KEYS].sort());
    expect(photo).toMatchObject({
      size: jpeg.length,
      sha256: sha256(jpeg),
      mime: 'image/jpeg',
      width: 800,
      height: 600,
      error: null,
    });
    expect(photo.pdq).toMatch(/^[0-9a-f]{64}$/);
    expect(photo.pdqDihedral).toHaveLength(8);
    expect(photo.pdqDihedral[0]).toBe(photo.pdq);
    expect(photo.blockhash).toMatch(/^[0-9a-f]{64}$/);
    expect(photo.pdqQuality).toBeGreaterThanOrEqual(50);
    expect(note).toMatchObject({ mime: 'text/plain', pdq: null, width: null, pdqDihedral: null, error: null });
    expect(cut.error).toMatch(/truncated/i);
    expect(missing).toMatchObject({ error: 'file not found', sha256: null });
    // The trimmed-border PDQ: null without a border; with one, the bare picture's hash (within the match radius).
    expect(photo.pdqTrimmed).toBeNull();
    expect(note.pdqTrimmed).toBeNull();
    expect(padded.pdqTrimmed).toMatch(/^[0-9a-f]{64}$/);
    expect(hammingHex(padded.pdqTrimmed, photo.pdq)).toBeLessThanOrEqual(31);
    expect(hammingHex(padded.pdq, photo.pdq)).toBeGreaterThan(31);
    expect(postgresProcessesFor(dataDir)).toEqual([]);
  });
});

describe('spoor ingest and spoor items', () => {
  it('fails with a clear message and a non-zero exit when PostgreSQL cannot reach the data dir', async () => {
    const hidden = await fs.mkdtemp(path.join(os.tmpdir(), 'spoor-hidden-'));
    try {
      const result = runCli(['case', 'list'], { SPOOR_DATA_DIR: path.join(hidden, 'data') });
      if (process.getuid?.() !== 0) return; // only root hands the server to the postgres user
      expect(result.status).not.toBe(0);
      expect(result.stderr).toMatch(/cannot reach .*chmod o\+x/);
    } finally {
      await fs.rm(hidden, { recursive: true, force: true });
    }
  });

  it('ingests a zip into a new case, waits, and prints the summary shape', async () => {
    const original = await scenePhoto(21);
    const copies = await travelled(original);
    const zip = buildZip([
      { name: 'a/original.jpg', data: original },
      { name: 'b/resized.jpg', data: copies.resized },
      { name: 'c/same.jpg', data: original },
      { name: 'd/tiny.png', data: await gradientPng(1) },
      { name: 'e/empty.txt', data: Buffer.alloc(0) },
    ]);
    await fs.writeFile(path.join(tmp, 'phone.zip'), zip);
    const result = runCli(['ingest', path.join(tmp, 'phone.zip'), '--case', 'CLI-2026-1', '--json'], env());
    expect(result.status, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(Object.keys(summary).sort()).toEqual([...INGEST_KEYS].sort());
    expect(summary).toMatchObject({
      case: 'CLI-2026-1',
      files: 5,
      uniqueBlobs: 4,
      images: 3,
      errors: 1,
      exactDuplicateGroups: 1,
      nearDuplicateGroups: 1,
    });
    expect(summary.seconds).toBeGreaterThan(0);
  });

  it('ingests a folder, keeping folder paths', async () => {
    const folder = path.join(tmp, 'Takeout');
    await fs.mkdir(path.join(folder, 'Photos'), { recursive: true });
    await fs.writeFile(path.join(folder, 'Photos', 'one.jpg'), await gradientJpeg(4));
    await fs.writeFile(path.join(folder, 'readme.txt'), 'hello\n');
    const result = runCli(['ingest', folder, '--case', 'CLI-2026-1', '--json'], env());
    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).files).toBe(7);
  });

  it('prints NDJSON, one line per file, with the contract fields', () => {
    const result = runCli(['items', '--case', 'CLI-2026-1', '--json'], env());
    expect(result.status, result.stderr).toBe(0);
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(7);
    for (const line of lines) for (const key of ITEM_KEYS) expect(line).toHaveProperty(key);
    const byPath = new Map(lines.map((l) => [l.path, l]));
    expect(byPath.get('phone.zip!/a/original.jpg').duplicateGroup).toBe(
      byPath.get('phone.zip!/c/same.jpg').duplicateGroup,
    );
    expect(byPath.get('phone.zip!/a/original.jpg').duplicateGroup).not.toBeNull();
    expect(byPath.get('phone.zip!/b/resized.jpg').duplicateGroup).toBeNull();
    expect(byPath.get('phone.zip!/b/resized.jpg').nearGroup).toBe(byPath.get('phone.zip!/a/original.jpg').nearGroup);
    expect(byPath.get('phone.zip!/d/tiny.png').nearGroup).toBeNull();
    expect(byPath.get('phone.zip!/e/empty.txt')).toMatchObject({ status: 'error', error: 'empty file (0 bytes)' });
    expect(byPath.get('Takeout/Photos/one.jpg')).toMatchObject({
      status: 'ok',
      mime: 'image/jpeg',
      width: 64,
      height: 48,
    });
    expect(byPath.get('Takeout/readme.txt')).toMatchObject({ status: 'ok', mime: 'text/plain' });
    expect(postgresProcessesFor(dataDir)).toEqual([]);
  });

  it('hash and ingest agree on the hashes of the same file', async () => {
    const hashed = JSON.parse(
      runCli(['hash', path.join(tmp, 'Takeout', 'Photos', 'one.jpg'), '--json'], env()).stdout,
    )[0];
    const items = runCli(['items', '--case', 'CLI-2026-1'], env())
      .stdout.trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const item = items.find((i) => i.path === 'Takeout/Photos/one.jpg');
    expect({ md5: item.md5, sha1: item.sha1, sha256: item.sha256, pdq: item.pdq, blockhash: item.blockhash }).toEqual({
      md5: hashed.md5,
      sha1: hashed.sha1,
      sha256: hashed.sha256,
      pdq: hashed.pdq,
      blockhash: hashed.blockhash,
    });
  });
});
