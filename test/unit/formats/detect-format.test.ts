import { describe, expect, it } from 'vitest';
import { detectFormat, sniffFormat } from '../../../workers/formats/detect-format.ts';
import { readHashSet } from '../../../workers/formats/read-hash-set.ts';
import { MD5, SHA1, chunked } from './helpers.ts';

describe('detectFormat', () => {
  it.each([
    ['{"odata.metadata": "x"}', 'vics'],
    ['\uFEFF  \n {"@odata.context": "x"}', 'vics'],
    ['[1,2]', 'vics'],
    ['MD5,SHA1,Category\n', 'csv'],
    ['# comment\n"sha-1";"category"\n', 'csv'],
    ['filename\tcategory\n', 'csv'],
    [`${MD5}\n${SHA1}\n`, 'list'],
    [`# list\n\n${MD5}  file.jpg\n`, 'list'],
    [`${MD5},file.jpg\n`, 'list'],
    ['', 'list'],
  ])('%j → %s', (head, format) => {
    expect(detectFormat(head)).toBe(format);
  });

  it('accepts bytes, including a UTF-8 BOM', () => {
    expect(detectFormat(Buffer.from('\uFEFF{"a":1}', 'utf8'))).toBe('vics');
  });

  it('sniffs a stream without losing the bytes it looked at', async () => {
    const text = `md5,category\n${MD5},1\n`;
    const { format, stream } = await sniffFormat(chunked(text, 3), 8);
    expect(format).toBe('csv');
    const parts: Buffer[] = [];
    for await (const c of stream) parts.push(Buffer.from(c as Buffer));
    expect(Buffer.concat(parts).toString()).toBe(text);
  });

  it('dispatches to the right reader', async () => {
    const seen: string[] = [];
    const csv = await readHashSet(chunked(`sha1,category\n${SHA1},2\n`), (b) => {
      seen.push(...b.map((e) => e.sha1!));
    });
    expect(csv.header.format).toBe('csv');
    const list = await readHashSet(chunked(`${MD5}\n`), () => {});
    expect(list.header.format).toBe('list');
    const vics = await readHashSet(
      chunked(JSON.stringify({ 'odata.metadata': 'http://x/1.2.xml#Media', value: [{ MD5 }] })),
      () => {},
    );
    expect(vics.header).toMatchObject({ format: 'vics', version: '1.2' });
    expect(seen).toEqual([SHA1]);
  });
});
