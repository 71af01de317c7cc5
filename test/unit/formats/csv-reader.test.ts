import { describe, expect, it } from 'vitest';
import { readCsv } from '../../../workers/formats/csv-reader.ts';
import { HashSetFormatError } from '../../../workers/formats/hash-entry.ts';
import { MD5, PDQ, SHA1, SHA256, collect } from './helpers.ts';

describe('readCsv', () => {
  it('maps known columns case-insensitively and ignores extra columns', async () => {
    const text = [
      ' Notes ,MD5,SHA-1, Category ,series,PDQ,SHA256',
      `"plain",${MD5.toUpperCase()},${SHA1},2,S1,${PDQ},${SHA256}`,
      `"has, comma and ""quotes""",${MD5},,,,,`,
    ].join('\r\n');
    const { entries, result } = await collect(readCsv, text, { scheme: 'vics2-us' });
    expect(result.header).toMatchObject({ format: 'csv', scheme: 'vics2-us' });
    expect(entries[0]).toMatchObject({
      md5: MD5,
      sha1: SHA1,
      category: '2',
      categoryScheme: 'vics2-us',
      series: 'S1',
      pdq: PDQ,
      sha256: SHA256,
    });
    expect(entries[1]).toMatchObject({ md5: MD5, sha1: null, category: null });
    expect(entries[1].raw).toMatchObject({ Notes: 'has, comma and "quotes"' });
  });

  it('keeps category 0 as "0" and handles quoted newlines with correct line numbers', async () => {
    const text = `md5,category,comment\n${MD5},0,"line one\nline two"\nbad,1,x\n${MD5},,"ok"\n`;
    const { entries, result } = await collect(readCsv, text, undefined, 5);
    expect(entries.map((e) => e.category)).toEqual(['0', null]);
    expect(entries[0].raw).toMatchObject({ comment: 'line one\nline two' });
    expect(result.skipped).toEqual([{ position: 'line 4', reason: expect.stringMatching(/MD5 has 3 characters/) }]);
  });

  it('detects semicolon and tab separators from the header', async () => {
    const semi = await collect(readCsv, `sha1;category\n${SHA1};1\n`);
    expect(semi.entries[0]).toMatchObject({ sha1: SHA1, category: '1' });
    const tab = await collect(readCsv, `md5\tseries\n${MD5}\t"a;b"\n`);
    expect(tab.entries[0]).toMatchObject({ md5: MD5, series: 'a;b' });
  });

  it('skips rows without any usable hash and blank lines', async () => {
    const { entries, result } = await collect(readCsv, `md5,sha1,category\n\n,,\n,,2\n${MD5},,\n`);
    expect(entries).toHaveLength(1);
    expect(result.skipped).toEqual([{ position: 'line 4', reason: expect.stringMatching(/no usable hash/) }]);
  });

  it('throws HashSetFormatError when the header has no hash column', async () => {
    const err = await collect(readCsv, 'hash,category\nabc,1\n').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HashSetFormatError);
    expect((err as Error).message).toMatch(/no hash column: found \["hash", "category"\]/);
    await expect(collect(readCsv, '')).rejects.toBeInstanceOf(HashSetFormatError);
  });

  it('throws on an unterminated quote instead of buffering the rest of the file', async () => {
    await expect(collect(readCsv, `md5,comment\n${MD5},"never closed\n${MD5},x\n`)).rejects.toThrow(
      /unterminated quoted field.*line 2/,
    );
    const long = `md5,comment\n${MD5},"${'x'.repeat(5000)}`;
    await expect(collect(readCsv, long, { maxRowChars: 1000 })).rejects.toThrow(/exceeds 1000 characters/);
  });
});
