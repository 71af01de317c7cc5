import { describe, expect, it } from 'vitest';
import { UnmappedTally, vics2UsCategory } from '../../../server/services/export-categories.ts';

describe('vics2UsCategory', () => {
  it('maps the Project VIC numbering 0–4 of VICS 1.x, VICS 2.0 US and our own scheme unchanged', () => {
    for (const scheme of ['vics1', 'vics2-us', 'vics2'])
      expect(['0', '1', '2', '3', '4'].map((c) => vics2UsCategory(scheme, c))).toEqual([0, 1, 2, 3, 4]);
  });

  it('maps nothing whose meaning differs or is unknown', () => {
    expect(vics2UsCategory('vics1', '7')).toBeNull();
    expect(vics2UsCategory('vics1', '01')).toBeNull();
    expect(vics2UsCategory('caid', 'A')).toBeNull();
    expect(vics2UsCategory('caid', '1')).toBeNull();
    for (const scheme of ['vics2-uk', 'vics2-default', 'custom', 'vics-unknown'])
      expect(vics2UsCategory(scheme, '1')).toBeNull();
  });
});

describe('UnmappedTally', () => {
  it('counts what it cannot map per scheme, never an uncategorised item', () => {
    const tally = new UnmappedTally();
    expect(tally.map('vics1', '3')).toBe(3);
    expect(tally.map('caid', null)).toBeNull();
    expect(tally.map('caid', 'A')).toBeNull();
    expect(tally.map('custom', '1', 4)).toBeNull();
    expect(tally.map('caid', 'B')).toBeNull();
    expect(tally.toJSON()).toEqual({ caid: 2, custom: 4 });
  });

  it('keeps a scheme named like an Object property as a plain key', () => {
    const tally = new UnmappedTally();
    tally.map('__proto__', 'x');
    tally.map('constructor', 'y');
    expect(JSON.parse(JSON.stringify(tally))).toEqual(JSON.parse('{"__proto__": 1, "constructor": 1}'));
  });
});
