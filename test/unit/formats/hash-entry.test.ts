import { describe, expect, it } from 'vitest';
import {
  Batcher,
  SkipLog,
  kindByLength,
  normaliseHex,
  toBool,
  toCategory,
  toText,
} from '../../../workers/formats/hash-entry.ts';
import { MD5, SHA1 } from './helpers.ts';

describe('normaliseHex', () => {
  it('lower-cases valid hex of the right length', () => {
    expect(normaliseHex(MD5.toUpperCase(), 'md5')).toEqual({ ok: true, hex: MD5 });
    expect(normaliseHex(` ${SHA1} `, 'sha1')).toEqual({ ok: true, hex: SHA1 });
  });

  it('treats null, undefined and blank as absent, not as an error', () => {
    for (const v of [null, undefined, '', '   ']) expect(normaliseHex(v, 'md5')).toEqual({ ok: true, hex: null });
  });

  it('names the field and the problem for bad values', () => {
    const short = normaliseHex('abc', 'md5');
    expect(short.ok).toBe(false);
    if (!short.ok) expect(short.reason).toMatch(/MD5 has 3 characters, expected 32/);
    const nonHex = normaliseHex('g'.repeat(64), 'pdq');
    if (!nonHex.ok) expect(nonHex.reason).toMatch(/PDQ contains non-hex/);
    else expect.fail('non-hex accepted');
    const num = normaliseHex(12345, 'sha256');
    if (!num.ok) expect(num.reason).toMatch(/SHA256 is a number/);
    else expect.fail('number accepted');
  });
});

describe('field converters', () => {
  it('reads booleans as JSON booleans and strings in any case', () => {
    expect([true, false, 'true', 'FALSE', ' True ', 1, 0, '1'].map(toBool)).toEqual([
      true,
      false,
      true,
      false,
      true,
      true,
      false,
      true,
    ]);
    expect([null, undefined, 'yes', 2, {}].map(toBool)).toEqual([null, null, null, null, null]);
  });

  it('keeps category 0 as "0" and missing category as null', () => {
    expect(toCategory(0)).toEqual({ ok: true, category: '0' });
    expect(toCategory('3')).toEqual({ ok: true, category: '3' });
    expect(toCategory('A')).toEqual({ ok: true, category: 'A' });
    expect(toCategory(null)).toEqual({ ok: true, category: null });
    expect(toCategory(undefined)).toEqual({ ok: true, category: null });
    expect(toCategory('')).toEqual({ ok: true, category: null });
    expect(toCategory({}).ok).toBe(false);
  });

  it('turns ids and series into text, including {Name} objects', () => {
    expect(toText(42)).toBe('42');
    expect(toText({ Name: 'S-1' })).toBe('S-1');
    expect(toText('  ')).toBeNull();
  });

  it('maps hex lengths to hash kinds', () => {
    expect([32, 40, 64, 10].map((n) => kindByLength(n))).toEqual(['md5', 'sha1', 'sha256', null]);
    expect(kindByLength(64, 'pdq')).toBe('pdq');
  });
});

describe('SkipLog and Batcher', () => {
  it('keeps the first N reasons and counts all', () => {
    const log = new SkipLog(2);
    for (let i = 0; i < 5; i++) log.add(`line ${i}`, 'bad');
    expect(log.count).toBe(5);
    expect(log.kept.map((s) => s.position)).toEqual(['line 0', 'line 1']);
  });

  it('delivers full batches and the remainder', async () => {
    const b = new Batcher(2);
    const sizes: number[] = [];
    const e = {
      md5: MD5,
      sha1: null,
      sha256: null,
      pdq: null,
      photodna: null,
      category: null,
      categoryScheme: null,
      series: null,
      victimIdentified: null,
      mediaId: null,
      raw: null,
    };
    for (let i = 0; i < 5; i++) b.push(e);
    const header = { format: 'list' as const, version: null, profile: null, scheme: null, context: null };
    await b.drain((batch) => {
      sizes.push(batch.length);
    }, header);
    await b.drain(
      (batch) => {
        sizes.push(batch.length);
      },
      header,
      true,
    );
    expect(sizes).toEqual([2, 2, 1]);
    expect(b.total).toBe(5);
  });
});
