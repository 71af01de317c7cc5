import { describe, expect, it } from 'vitest';
import { HASH_SIGNALS, md5, pdq, PDQ_MIN_QUALITY, sha1, sha256, SIGNALS } from '../../../workers/signals/index.ts';

describe('hash signal types', () => {
  it.each([
    [md5, 32],
    [sha1, 40],
    [sha256, 64],
    [pdq, 64],
  ])('%s accepts only its canonical length of lower-case hex', (signal, length) => {
    const value = 'ab'.repeat(length / 2);
    expect(signal.validate(value)).toBe(true);
    expect(signal.validate(value.toUpperCase())).toBe(false);
    expect(signal.validate(value.slice(1))).toBe(false);
    expect(signal.validate(`${value}0`)).toBe(false);
    expect(signal.validate(`${value.slice(1)}g`)).toBe(false);
    expect(signal.validate(42)).toBe(false);
    expect(new RegExp(signal.pattern).test(value)).toBe(true);
    expect(new RegExp(signal.pattern).test(`${value}\n`)).toBe(false);
  });

  it('normalises what people and other systems write: case and surrounding space', () => {
    expect(md5.normalise('  D41D8CD98F00B204E9800998ECF8427E\n')).toBe('d41d8cd98f00b204e9800998ecf8427e');
    expect(sha1.normalise('not a hash')).toBeNull();
    expect(sha256.normalise('')).toBeNull();
    expect(pdq.normalise('F'.repeat(64))).toBe('f'.repeat(64));
  });

  it('uses a PDQ hash only at quality ≥ 50, and every digest always', () => {
    const hash = 'f'.repeat(64);
    expect(pdq.usable(hash, PDQ_MIN_QUALITY)).toBe(true);
    expect(pdq.usable(hash, PDQ_MIN_QUALITY - 1)).toBe(false);
    expect(pdq.usable(hash, null)).toBe(false);
    expect(md5.usable('0'.repeat(32))).toBe(true);
  });

  it('names the index that answers each signal', () => {
    expect(HASH_SIGNALS.map((s) => [s.name, s.index])).toEqual([
      ['md5', 'exact'],
      ['sha1', 'exact'],
      ['sha256', 'exact'],
      ['pdq', 'near'],
    ]);
    expect(Object.keys(SIGNALS)).toEqual([
      'md5',
      'sha1',
      'sha256',
      'pdq',
      'phone',
      'email',
      'handle',
      'iban',
      'ip',
      'url',
      'btc',
      'eth',
    ]);
    expect(Object.values(SIGNALS).filter((s) => s.index === 'near')).toEqual([pdq]);
  });
});
