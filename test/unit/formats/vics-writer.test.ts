import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { HashEntry } from '../../../workers/formats/hash-entry.ts';
import { readVics } from '../../../workers/formats/vics-reader.ts';
import {
  VICS_CASES_CONTEXT_US,
  splitPath,
  writeVicsCases,
  type VicsMediaOut,
} from '../../../workers/formats/vics-writer.ts';
import { MD5, PDQ, SHA1, SHA256 } from './helpers.ts';

const hex = (n: number, len: number) => n.toString(16).padStart(len, '0');

const media: VicsMediaOut[] = [
  {
    md5: MD5.toUpperCase(),
    sha1: SHA1,
    sha256: SHA256,
    pdq: PDQ,
    mediaSize: 1234,
    category: 1,
    mimeType: 'image/jpeg',
    relativeFilePath: 'media/0001.jpg',
    files: ['C:\\Users\\x\\Pictures\\a.jpg', '/sdcard/DCIM/a (copy).jpg'],
    victimIdentified: false,
  },
  { md5: hex(2, 32), category: null, files: ['b.png'] },
  {
    md5: hex(3, 32),
    category: '0',
    files: [{ fileName: 'c.jpg', filePath: 'root/dir', deleted: true, created: '2020-01-01T00:00:00Z' }],
  },
];

function memoryWritable(): { out: Writable; text: () => string } {
  const chunks: Buffer[] = [];
  const out = new Writable({
    write(c, _e, cb) {
      chunks.push(Buffer.from(c));
      cb();
    },
  });
  return { out, text: () => Buffer.concat(chunks).toString('utf8') };
}

describe('writeVicsCases', () => {
  it('writes a VICS 2.0 US #Cases envelope with the case fields before Media', async () => {
    const { out, text } = memoryWritable();
    const res = await writeVicsCases(
      out,
      {
        caseId: 'c0ffee00-0000-4000-8000-000000000000',
        caseNumber: 'ON-2026-42',
        contactName: 'A. Analist',
        contactOrganization: 'TBKK Oost-Nederland',
        sourceApplicationVersion: '0.1.0',
      },
      media,
    );
    const doc = JSON.parse(text());
    expect(res.media).toBe(3);
    expect(res.bytes).toBe(Buffer.byteLength(text()));
    expect(doc['@odata.context']).toBe(VICS_CASES_CONTEXT_US);
    const kase = doc.value[0];
    expect(Object.keys(kase)).toEqual([
      'CaseID',
      'CaseNumber',
      'ContactName',
      'ContactOrganization',
      'SourceApplicationName',
      'SourceApplicationVersion',
      'Media',
    ]);
    expect(kase.SourceApplicationName).toBe('Spoor');
    const [m0, m1, m2] = kase.Media;
    expect(m0).toMatchObject({
      MediaID: 1,
      Category: 1,
      MD5,
      SHA1,
      MediaSize: 1234,
      MimeType: 'image/jpeg',
      RelativeFilePath: 'media/0001.jpg',
      VictimIdentified: false,
    });
    expect(m0.AlternativeHashes).toEqual([
      { MD5, HashName: 'PDQ', HashValue: PDQ },
      { MD5, HashName: 'SHA256', HashValue: SHA256 },
    ]);
    expect(m0.MediaFiles[0]).toEqual({ MD5, FileName: 'a.jpg', FilePath: 'C:\\Users\\x\\Pictures' });
    expect('Category' in m1).toBe(false);
    expect(m2.Category).toBe(0);
    expect(m2.MediaFiles[0]).toMatchObject({
      FileName: 'c.jpg',
      FilePath: 'root/dir',
      Deleted: true,
      Created: '2020-01-01T00:00:00Z',
    });
  });

  it('round-trips through readVics with the same categories, hashes and paths (streamed end to end)', async () => {
    const pipe = new PassThrough({ highWaterMark: 64 });
    const entries: HashEntry[] = [];
    const [, read] = await Promise.all([
      writeVicsCases(
        pipe,
        { caseNumber: 'RT-1' },
        (async function* () {
          yield* media;
        })(),
      ),
      readVics(pipe, (b) => {
        entries.push(...b);
      }),
    ]);
    expect(read.header).toMatchObject({ version: '2.0', profile: 'US', scheme: 'vics2-us' });
    expect(read.cases[0]).toMatchObject({ CaseNumber: 'RT-1', SourceApplicationName: 'Spoor' });
    expect(entries.map((e) => e.category)).toEqual(['1', null, '0']);
    expect(entries.map((e) => e.md5)).toEqual([MD5, hex(2, 32), hex(3, 32)]);
    expect(entries[0]).toMatchObject({ sha1: SHA1, sha256: SHA256, pdq: PDQ });
    const paths = entries.map((e) =>
      (e.raw as { MediaFiles: { FileName: string; FilePath: string }[] }).MediaFiles.map((f) =>
        f.FilePath ? `${f.FilePath}${f.FilePath.includes('\\') ? '\\' : '/'}${f.FileName}` : f.FileName,
      ),
    );
    expect(paths).toEqual([
      ['C:\\Users\\x\\Pictures\\a.jpg', '/sdcard/DCIM/a (copy).jpg'],
      ['b.png'],
      ['root/dir/c.jpg'],
    ]);
  });

  it('respects back-pressure of a slow destination', async () => {
    const chunks: string[] = [];
    let maxPending = 0;
    const out = new Writable({
      highWaterMark: 1024,
      write(c, _e, cb) {
        chunks.push(String(c));
        maxPending = Math.max(maxPending, out.writableLength);
        setTimeout(cb, 1);
      },
    });
    const many = Array.from({ length: 3000 }, (_, i): VicsMediaOut => ({
      md5: hex(i, 32),
      category: i % 5,
      files: [`d/${i}.jpg`],
    }));
    const res = await writeVicsCases(out, { caseNumber: 'BP' }, many);
    expect(res.media).toBe(3000);
    expect(JSON.parse(chunks.join('')).value[0].Media).toHaveLength(3000);
    expect(maxPending).toBeLessThan(200_000);
  });

  it('refuses invalid hashes and non-integer categories', async () => {
    await expect(writeVicsCases(memoryWritable().out, { caseNumber: 'X' }, [{ md5: 'nope' }])).rejects.toThrow(
      /MD5 has 4 characters/,
    );
    await expect(
      writeVicsCases(memoryWritable().out, { caseNumber: 'X' }, [{ md5: MD5, category: 'A' }]),
    ).rejects.toThrow(/non-negative integer/);
  });

  it('splits both Windows and POSIX paths', () => {
    expect(splitPath('a\\b\\c.jpg')).toEqual({ fileName: 'c.jpg', filePath: 'a\\b' });
    expect(splitPath('/x/y.png')).toEqual({ fileName: 'y.png', filePath: '/x' });
    expect(splitPath('z.gif')).toEqual({ fileName: 'z.gif', filePath: '' });
  });
});
