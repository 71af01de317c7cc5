// Hostile VICS input: nesting and field-size limits give a clear reason, never a stack overflow or a 50 MB raw.
import { describe, expect, it } from 'vitest';
import { HashSetFormatError } from '../../../workers/formats/hash-entry.ts';
import { MAX_FIELD_CHARS, readVics } from '../../../workers/formats/vics-reader.ts';
import { MD5, SHA1, collect } from './helpers.ts';

const V11 = 'http://github.com/ICMEC/ProjectVic/DataModels/1.1.xml#Media';
// No `#Media`/`#Cases` fragment: each element is read field by field (a Media record, or a case with Media).
const V11_NO_SET = 'http://github.com/ICMEC/ProjectVic/DataModels/1.1.xml/$metadata';
const deepArray = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;
const envelope = (records: string, context = V11) =>
  `{"odata.metadata":${JSON.stringify(context)},"value":[${records}]}`;
const other = `{"MD5":"${'b'.repeat(32)}","Category":2}`;

describe('readVics: nesting limit', () => {
  it('skips a record nested 100,000 levels deep with a clear reason and imports the rest', async () => {
    const text = envelope(`{"MD5":"${MD5}","Extra":${deepArray(100_000)}},${other}`);
    const { entries, result } = await collect(readVics, text);
    expect(entries.map((e) => e.md5)).toEqual(['b'.repeat(32)]);
    expect(result.skipped).toEqual([{ position: 'value[0]', reason: 'record nested deeper than 32 levels; skipped' }]);
    expect(() => JSON.stringify(entries[0]!.raw)).not.toThrow();
  });

  it('skips a record read field by field (no entity set in the context) when one field nests too deep', async () => {
    const text = envelope(`{"MD5":"${MD5}","Extra":${deepArray(100_000)}},${other}`, V11_NO_SET);
    const { entries, result } = await collect(readVics, text, undefined, 4096);
    expect(entries.map((e) => e.md5)).toEqual(['b'.repeat(32)]);
    const reason = 'record field "Extra" nested deeper than 32 levels; skipped';
    expect(result.skipped).toEqual([{ position: 'value[0]', reason }]);
  });

  it('keeps records at the limit, and the limit is configurable', async () => {
    const text = envelope(`{"MD5":"${MD5}","Extra":${deepArray(31)}}`);
    expect((await collect(readVics, text)).result.entries).toBe(1);
    const strict = await collect(readVics, text, { maxRecordDepth: 8 });
    expect(strict.result).toMatchObject({ entries: 0, skippedCount: 1 });
  });

  it('rejects the file when the envelope itself nests too deep', async () => {
    const text = `{"odata.metadata":${deepArray(100_000)},"value":[]}`;
    await expect(collect(readVics, text)).rejects.toThrow(HashSetFormatError);
    await expect(collect(readVics, text)).rejects.toThrow(/"odata\.metadata" is nested deeper than 32 levels/);
  });
});

describe('readVics: field-size limit', () => {
  it('imports a record with a 50 MB comment, cut in raw to the limit with a note of what was cut', async () => {
    const comment = 'x'.repeat(50 * 1024 * 1024);
    const series = `S-${'y'.repeat(40_000)}`;
    const text = envelope(
      `{"MD5":"${MD5}","SHA1":"${SHA1}","Category":1,"Series":"${series}","Comments":"${comment}"}`,
    );
    const { entries, result } = await collect(readVics, text, undefined, 1024 * 1024);
    expect(result).toMatchObject({ entries: 1, skippedCount: 0 });
    const [entry] = entries;
    expect(entry).toMatchObject({ md5: MD5, sha1: SHA1, category: '1' });
    const raw = entry!.raw as Record<string, string>;
    expect(raw.Comments!.length).toBeLessThan(MAX_FIELD_CHARS + 100);
    const cut = comment.length - MAX_FIELD_CHARS;
    expect(raw.Comments).toMatch(new RegExp(`^x{${MAX_FIELD_CHARS}}… \\[${cut} characters cut on import\\]$`));
    expect(entry!.series!.length).toBeLessThan(MAX_FIELD_CHARS + 100);
    expect(JSON.stringify(raw).length).toBeLessThan(4 * MAX_FIELD_CHARS);
  });

  it('drops over-long keys, leaves ordinary records alone, and skips a category that is not a short code', async () => {
    const longKey = 'k'.repeat(MAX_FIELD_CHARS + 1);
    const longCategory = `{"MD5":"${'c'.repeat(32)}","Category":"${'9'.repeat(100)}"}`;
    const text = envelope(`{"MD5":"${MD5}","${longKey}":1,"Tags":"a"},${longCategory},${other}`);
    const { entries, result } = await collect(readVics, text);
    expect(entries.map((e) => e.raw)).toEqual([
      { MD5, Tags: 'a' },
      { MD5: 'b'.repeat(32), Category: 2 },
    ]);
    const reason = expect.stringMatching(/^Category has 100 characters, expected a short code/);
    expect(result.skipped).toEqual([{ position: 'value[1]', reason }]);
  });
});
