import { describe, expect, it } from 'vitest';
import { readList } from '../../../workers/formats/list-reader.ts';
import { MD5, SHA1, SHA256, collect } from './helpers.ts';

describe('readList', () => {
  it('reads mixed MD5/SHA-1/SHA-256 lines with comments, blanks, CRLF and trailing whitespace', async () => {
    const text = [
      '# exported 2026-01-01',
      '',
      MD5.toUpperCase(),
      `${SHA1}   `,
      `\t${SHA256}\t`,
      '   # indented comment',
      '',
    ].join('\r\n');
    const { entries, result } = await collect(readList, text);
    expect(result.header).toEqual({ format: 'list', version: null, profile: null, scheme: null, context: null });
    expect(entries.map((e) => [e.md5, e.sha1, e.sha256])).toEqual([
      [MD5, null, null],
      [null, SHA1, null],
      [null, null, SHA256],
    ]);
    expect(entries.every((e) => e.category === null)).toBe(true);
    expect(result.skippedCount).toBe(0);
  });

  it('takes the first token of `hash  filename`, md5sum and comma lines', async () => {
    const text = `${MD5}  photo 1.jpg\n${SHA1} *bin.dat\n${SHA256},x.png\n`;
    const { entries } = await collect(readList, text);
    expect(entries.map((e) => e.md5 ?? e.sha1 ?? e.sha256)).toEqual([MD5, SHA1, SHA256]);
    expect(entries[0].raw).toBe(`${MD5}  photo 1.jpg`);
  });

  it('skips bad lines as `line N` with a reason and imports the rest', async () => {
    const text = `${MD5}\nnot-a-hash\n${'z'.repeat(32)}\n${MD5.slice(1)}\n${SHA1}`;
    const { entries, result } = await collect(readList, text, undefined, 7);
    expect(entries).toHaveLength(2);
    expect(result.skipped).toEqual([
      { position: 'line 2', reason: expect.stringMatching(/10 characters; expected 32/) },
      { position: 'line 3', reason: expect.stringMatching(/MD5 contains non-hex/) },
      { position: 'line 4', reason: expect.stringMatching(/31 characters/) },
    ]);
  });

  it('reads 64-hex lines as PDQ when told so', async () => {
    const { entries } = await collect(readList, SHA256, { hex64: 'pdq' });
    expect(entries[0]).toMatchObject({ pdq: SHA256, sha256: null });
  });

  it('does not buffer an endless line (binary input)', async () => {
    const text = `${MD5}\n${'A'.repeat(200_000)}\n${SHA1}\n`;
    const { entries, result } = await collect(readList, text, undefined, 4096);
    expect(entries).toHaveLength(2);
    expect(result.skipped).toEqual([{ position: 'line 2', reason: expect.stringMatching(/too long/) }]);
  });
});
