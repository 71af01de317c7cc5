import { describe, expect, it } from 'vitest';
import { HashSetFormatError } from '../../../workers/formats/hash-entry.ts';
import { readVics } from '../../../workers/formats/vics-reader.ts';
import { parseContext } from '../../../workers/formats/vics-record.ts';
import { MD5, PDQ, SHA1, SHA256, chunked, collect } from './helpers.ts';

const V11 = 'http://github.com/ICMEC/ProjectVic/DataModels/1.1.xml#Media';
const V13_CASES = 'http://github.com/ICMEC/ProjectVic/DataModels/1.3.xml#Cases';
const v2 = (profile: string, set = 'Media') =>
  `http://github.com/VICSDATAMODEL/ProjectVic/DataModels/2.0.xml/${profile}/$metadata#${set}`;

const mediaDoc = (records: unknown[], context = V11, key = 'odata.metadata') =>
  JSON.stringify({ [key]: context, value: records });
const hex = (n: number, len: number) => n.toString(16).padStart(len, '0');

describe('readVics: envelopes and versions', () => {
  it('reads a v1.1 #Media file with odata.metadata', async () => {
    const rec = { MediaID: 7, Category: 2, MD5, SHA1, MediaSize: 1234, VictimIdentified: false, Series: 'S-9' };
    const { entries, result } = await collect(readVics, mediaDoc([rec]));
    expect(result.header).toEqual({ format: 'vics', version: '1.1', profile: null, scheme: 'vics1', context: V11 });
    expect(result.entries).toBe(1);
    expect(entries[0]).toMatchObject({
      md5: MD5,
      sha1: SHA1,
      category: '2',
      categoryScheme: 'vics1',
      series: 'S-9',
      victimIdentified: false,
      mediaId: '7',
    });
  });

  it('reads a v1.3 #Cases export with Media nested in each case, and keeps case fields', async () => {
    const doc = {
      'odata.metadata': V13_CASES,
      value: [
        { CaseID: 'c-1', CaseNumber: 'PL0900-2026-1', Media: [{ MD5, Category: 1 }, { MD5: hex(2, 32) }] },
        { CaseNumber: 'PL0900-2026-2', SourceApplicationName: 'X', Media: [{ MD5: 'bad' }, { SHA1, Category: '3' }] },
      ],
    };
    const { entries, result } = await collect(readVics, JSON.stringify(doc, null, 2));
    expect(result.header.version).toBe('1.3');
    expect(entries.map((e) => [e.md5 ?? e.sha1, e.category])).toEqual([
      [MD5, '1'],
      [hex(2, 32), null],
      [SHA1, '3'],
    ]);
    expect(result.skipped).toEqual([
      { position: 'value[1].Media[0]', reason: expect.stringMatching(/^MD5 has 3 characters/) },
    ]);
    expect(result.casesCount).toBe(2);
    expect(result.cases[1]).toEqual({ CaseNumber: 'PL0900-2026-2', SourceApplicationName: 'X' });
  });

  it.each([
    ['US', 'US', 'vics2-us'],
    ['UK', 'UK', 'vics2-uk'],
    ['Default', 'Default', 'vics2-default'],
    ['CUSTOM', 'CUSTOM', 'custom'],
  ])('reads a 2.0 %s profile context', async (segment, profile, scheme) => {
    const ctx = v2(segment);
    const { entries, result } = await collect(readVics, mediaDoc([{ MD5, Category: 1 }], ctx, '@odata.context'));
    expect(result.header).toEqual({ format: 'vics', version: '2.0', profile, scheme, context: ctx });
    expect(entries[0].categoryScheme).toBe(scheme);
  });

  it('detects version and profile leniently from other context spellings', () => {
    expect(parseContext('http://x/ProjectVic/DataModels/2.0.xml$metadata#UK.Media')).toMatchObject({
      version: '2.0',
      profile: 'UK',
      entitySet: 'Media',
    });
    expect(parseContext('http://x/DataModels/2.0.xml/$metadata#Cases')).toMatchObject({
      profile: null,
      scheme: 'vics2-default',
      entitySet: 'Cases',
    });
    expect(parseContext('http://x/DataModels/2.0.xml/us/$metadata#Media')).toMatchObject({
      profile: 'US',
      scheme: 'vics2-us',
    });
    expect(parseContext('urn:something')).toMatchObject({ version: null, scheme: 'vics-unknown', entitySet: null });
  });

  it('tolerates a top-level Media array and a context without entity set (inferring per object)', async () => {
    const top = JSON.stringify({ '@odata.context': v2('US'), Media: [{ MD5 }] });
    expect((await collect(readVics, top)).entries).toHaveLength(1);
    const ctx = 'http://github.com/VICSDATAMODEL/ProjectVic/DataModels/2.0.xml/US/$metadata';
    const mixed = JSON.stringify({
      '@odata.context': ctx,
      value: [
        { MD5, Category: 0 },
        { CaseNumber: 'K', Media: [{ SHA1 }] },
      ],
    });
    const { entries, result } = await collect(readVics, mixed);
    expect(entries.map((e) => e.md5 ?? e.sha1)).toEqual([MD5, SHA1]);
    expect(entries[0].category).toBe('0');
    expect(result.cases).toEqual([{ CaseNumber: 'K' }]);
  });

  it('skips a UTF-8 BOM and keeps multi-byte text intact across any chunk boundary', async () => {
    const rec = { MD5, Comments: 'Zoë 👧 "quoted" back\\slash \\" tricky', Tags: 'ü,ß' };
    const text = `\uFEFF${mediaDoc([rec, { SHA1 }])}`;
    for (const size of [1, 2, 3, 5, 7, 64]) {
      const { entries } = await collect(readVics, text, undefined, size);
      expect(entries).toHaveLength(2);
      expect(entries[0].raw).toEqual(rec);
    }
  });
});

describe('readVics: field handling', () => {
  it('accepts string booleans in any case and upper-case hex', async () => {
    const recs = [
      { MD5: MD5.toUpperCase(), SHA1: SHA1.toUpperCase(), VictimIdentified: 'TRUE' },
      { MD5: hex(1, 32), VictimIdentified: 'false' },
      { MD5: hex(2, 32), VictimIdentified: 'maybe' },
    ];
    const { entries } = await collect(readVics, mediaDoc(recs));
    expect(entries.map((e) => [e.md5, e.victimIdentified])).toEqual([
      [MD5, true],
      [hex(1, 32), false],
      [hex(2, 32), null],
    ]);
    expect(entries[0].sha1).toBe(SHA1);
  });

  it('maps missing/null Category to null, and keeps 0 as "0" and numeric strings as text', async () => {
    const recs = [
      { MD5 },
      { MD5, Category: null },
      { MD5, Category: 0 },
      { MD5, Category: '4' },
      { MD5, Category: 'B' },
    ];
    const { entries } = await collect(readVics, mediaDoc(recs));
    expect(entries.map((e) => e.category)).toEqual([null, null, '0', '4', 'B']);
  });

  it('keeps PhotoDNA and takes SHA256/PDQ from AlternativeHashes or top-level fields', async () => {
    const photodna = 'AAECAwQFBgcICQoLDA0ODxAREhM=';
    const recs = [
      {
        MD5,
        PhotoDNA: photodna,
        AlternativeHashes: [
          { MD5, HashName: 'PDQ', HashValue: PDQ.toUpperCase() },
          { HashName: 'SHA-256', HashValue: SHA256 },
        ],
      },
      {
        SHA1,
        AlternativeHashes: [
          { name: 'pdq', value: PDQ },
          { HashType: 'TMK', Hash: 'whatever' },
        ],
      },
      { MD5, SHA256, PDQ },
    ];
    const { entries } = await collect(readVics, mediaDoc(recs));
    expect(entries[0]).toMatchObject({ photodna, pdq: PDQ, sha256: SHA256 });
    expect(entries[1]).toMatchObject({ sha1: SHA1, pdq: PDQ, sha256: null });
    expect(entries[2]).toMatchObject({ sha256: SHA256, pdq: PDQ });
  });

  it('keeps the raw record unchanged, or drops it with keepRaw: false', async () => {
    const rec = {
      MediaID: 1,
      MD5,
      Exifs: [{ PropertyName: 'Make', PropertyValue: 'X' }],
      MediaFiles: [{ FileName: 'a.jpg', FilePath: 'd' }],
      'odata.id': 'Media(1)',
    };
    expect((await collect(readVics, mediaDoc([rec]))).entries[0].raw).toEqual(rec);
    expect((await collect(readVics, mediaDoc([rec]), { keepRaw: false })).entries[0].raw).toBeNull();
  });

  it('skips malformed records with position and reason while the rest imports', async () => {
    const recs = [
      { MD5 },
      { MD5: 'xyz' + MD5.slice(3) },
      { MediaID: 3, Comments: 'no hashes' },
      'not an object',
      { MD5, AlternativeHashes: [{ HashName: 'PDQ', HashValue: 'short' }] },
      { MD5, AlternativeHashes: [{ HashName: 'MD5', HashValue: hex(9, 32) }] },
      { MD5, Category: { nested: true } },
      { SHA1 },
    ];
    const { entries, result } = await collect(readVics, mediaDoc(recs));
    expect(entries.map((e) => e.md5 ?? e.sha1)).toEqual([MD5, SHA1]);
    expect(result.skippedCount).toBe(6);
    expect(result.skipped.map((s) => s.position)).toEqual([
      'value[1]',
      'value[2]',
      'value[3]',
      'value[4]',
      'value[5]',
      'value[6]',
    ]);
    expect(result.skipped.map((s) => s.reason)).toEqual([
      expect.stringMatching(/MD5 contains non-hex/),
      expect.stringMatching(/no usable hash/),
      expect.stringMatching(/not a JSON object/),
      expect.stringMatching(/AlternativeHashes\[0\] \(PDQ\): PDQ has 5 characters/),
      expect.stringMatching(/conflicting MD5/),
      expect.stringMatching(/Category is a object/),
    ]);
  });

  it('caps the kept skip reasons but counts every skip', async () => {
    const recs = Array.from({ length: 10 }, () => ({ MD5: 'bad' }));
    const { result } = await collect(readVics, mediaDoc(recs), { maxSkippedKept: 3 });
    expect(result.skipped).toHaveLength(3);
    expect(result.skippedCount).toBe(10);
  });
});

describe('readVics: structural errors', () => {
  const fails = async (text: string, message: RegExp) => {
    const err = await collect(readVics, text).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(HashSetFormatError);
    expect((err as Error).message).toMatch(message);
  };

  it('rejects input that is not JSON', () => fails('MD5,SHA1\nabc,def\n', /starts with "M", not a JSON object/));
  it('rejects empty input', () => fails('', /empty/));
  it('rejects a JSON array at top level', () => fails('[{"MD5":"x"}]', /not a JSON object/));
  it('rejects an object without envelope key', () =>
    fails('{"foo": 1, "bar": [1]}', /no "odata.metadata" or "@odata.context"/));
  it('rejects data before the envelope key', () =>
    fails(`{"value": [], "odata.metadata": "${V11}"}`, /before any "odata.metadata"/));
  it('rejects an envelope naming neither #Media nor #Cases', () =>
    fails(mediaDoc([], 'http://x/DataModels/1.3.xml#Exifs'), /#Exifs.*expected a #Media or #Cases/));
  it('rejects a value that is not an array', () =>
    fails(`{"odata.metadata": "${V11}", "value": {"MD5": "${MD5}"}}`, /must be an array/));
  it('rejects an envelope without a value array', () => fails(`{"odata.metadata": "${V11}"}`, /no "value"/));
  it('rejects truncated JSON', async () => {
    const text = mediaDoc([{ MD5 }, { SHA1 }, { MD5 }]);
    for (const cut of [text.length - 1, text.length - 3, Math.floor(text.length / 2), 30]) {
      await fails(text.slice(0, cut), /end of input|truncated/);
    }
  });
  it('rejects trailing garbage and broken structure', async () => {
    await fails(`${mediaDoc([{ MD5 }])} x`, /after the end/);
    await fails(`{"odata.metadata": "${V11}" "value": []}`, /expected ','/);
    await fails(`{"odata.metadata": "${V11}", "value": [{"MD5": "${MD5}"} {"MD5": "${MD5}"}]}`, /expected ','/);
  });
  it('skips a record whose inner JSON is broken but whose brackets balance', async () => {
    const text = `{"odata.metadata": "${V11}", "value": [{"MD5": "${MD5}" "x": 1}, {"SHA1": "${SHA1}"}]}`;
    const { entries, result } = await collect(readVics, text);
    expect(entries).toHaveLength(1);
    expect(result.skipped[0]).toMatchObject({ position: 'value[0]', reason: expect.stringMatching(/not valid JSON/) });
  });
});

describe('readVics: back-pressure', () => {
  it('does not read ahead of a slow consumer', async () => {
    let pulled = 0;
    async function* source() {
      yield Buffer.from(`{"odata.metadata": "${V11}", "value": [`);
      for (let c = 0; c < 50; c++) {
        pulled++;
        const recs = Array.from({ length: 100 }, (_, i) => JSON.stringify({ MD5: hex(c * 100 + i, 32) }));
        yield Buffer.from((c === 0 ? '' : ',') + recs.join(','));
      }
      yield Buffer.from(']}');
    }
    let delivered = 0;
    let maxLead = 0;
    await readVics(
      source(),
      async (batch) => {
        delivered += batch.length;
        maxLead = Math.max(maxLead, pulled - Math.floor(delivered / 100));
        await new Promise((r) => setTimeout(r, 1));
      },
      { batchSize: 100 },
    );
    expect(delivered).toBe(5000);
    expect(maxLead).toBeLessThanOrEqual(1);
  });

  it('accepts a Node Readable directly', async () => {
    const n = await readVics(chunked(mediaDoc([{ MD5 }])), () => {});
    expect(n.entries).toBe(1);
  });
});
