// The pure rules of linking: connected components and cluster merges/splits, the hub rule, the signal priority,
// and the near-miss keys (every single slip of a value is found by its indexed halves).
import { describe, expect, it } from 'vitest';
import { components, mergePlan, splitPlan } from '../../../workers/reports/components.ts';
import { judgeHub } from '../../../workers/reports/hub-rule.ts';
import { nearHalves, nearHead, nearTail } from '../../../workers/reports/near-keys.ts';
import { isRecent, signalPriority } from '../../../workers/reports/priority.ts';

describe('components', () => {
  it('groups meldingen by the links among them, largest first, and keeps the unlinked alone', () => {
    const groups = components(
      ['a', 'b', 'c', 'd', 'e', 'f'],
      [
        ['a', 'b'],
        ['c', 'd'],
        ['d', 'e'],
      ],
    );
    expect(groups).toEqual([['c', 'd', 'e'], ['a', 'b'], ['f']]);
  });

  it('joins two chains that meet through one link, whichever order the links come in', () => {
    const links: Array<[string, string]> = [
      ['a', 'b'],
      ['x', 'y'],
      ['b', 'x'],
      ['y', 'z'],
    ];
    expect(components([], links)).toEqual([['a', 'b', 'x', 'y', 'z']]);
    expect(components([], [...links].reverse())).toEqual([['a', 'b', 'x', 'y', 'z']]);
  });
});

describe('cluster merge and split plans', () => {
  it('keeps the oldest cluster met and merges the others into it; none met makes a new one', () => {
    expect(mergePlan([null, 7, 3, 7, null, 12])).toEqual({ survivor: 3, absorbed: [7, 12] });
    expect(mergePlan([null, null])).toEqual({ survivor: null, absorbed: [] });
  });

  it('splits a cluster that lost its bridge: the larger part keeps the id, a lone melding leaves', () => {
    const plan = splitPlan(
      ['a', 'b', 'c', 'd', 'e', 'f'],
      [
        ['a', 'b'],
        ['b', 'c'],
        ['d', 'e'],
      ],
    );
    expect(plan).toEqual({ keep: ['a', 'b', 'c'], apart: [['d', 'e']], alone: ['f'] });
  });

  it('dissolves a cluster with no links left', () => {
    expect(splitPlan(['a', 'b'], [])).toEqual({ keep: [], apart: [], alone: ['a', 'b'] });
  });
});

describe('the hub rule', () => {
  const policy = { reports: 10, units: 4 };
  const carriers = (n: number, units: number) =>
    Array.from({ length: n }, (_, i) => ({ id: `r${String(i).padStart(3, '0')}`, unitId: (i % units) + 1 }));

  it('11 unrelated meldingen in 5 units share a value: a hub', () => {
    expect(judgeHub(carriers(11, 5), [], policy)).toEqual({ hub: true, groups: 11, units: 5 });
  });

  it('exactly the limits is no hub: more than N meldingen and more than M units', () => {
    expect(judgeHub(carriers(10, 5), [], policy).hub).toBe(false);
    expect(judgeHub(carriers(11, 4), [], policy).hub).toBe(false);
  });

  it('a prolific offender whose meldingen are tied by another selector counts as one series: no hub', () => {
    const many = carriers(30, 6);
    const chain = many.slice(1).map((c, i) => [many[i]!.id, c.id] as const);
    expect(judgeHub(many, chain, policy)).toEqual({ hub: false, groups: 1, units: 6 });
  });

  it('counts otherwise linked pairs once: 12 meldingen, 2 pairs tied, 10 groups — not more than 10', () => {
    const twelve = carriers(12, 6);
    const tied = [
      [twelve[0]!.id, twelve[1]!.id],
      [twelve[2]!.id, twelve[3]!.id],
    ] as const;
    expect(judgeHub(twelve, tied, policy)).toEqual({ hub: false, groups: 10, units: 6 });
  });
});

describe('signal priority', () => {
  const base = { minorVictim: false, reports: 2, units: 1, recent: 0 };

  it('is the documented formula', () => {
    expect(signalPriority(base)).toBe(20);
    expect(signalPriority({ minorVictim: true, reports: 3, units: 2, recent: 3 })).toBe(50 + 30 + 20 + 15);
    expect(signalPriority({ minorVictim: true, reports: 99, units: 40, recent: 99 })).toBe(550);
  });

  it('rises with a minor victim, more meldingen, more units and recency', () => {
    const p = signalPriority(base);
    expect(signalPriority({ ...base, minorVictim: true })).toBeGreaterThan(p);
    expect(signalPriority({ ...base, reports: 3 })).toBeGreaterThan(p);
    expect(signalPriority({ ...base, units: 2 })).toBeGreaterThan(p);
    expect(signalPriority({ ...base, recent: 1 })).toBeGreaterThan(p);
  });

  it('counts meldingen received within 180 days as recent', () => {
    expect(isRecent('2026-06-05', '2026-12-02')).toBe(true);
    expect(isRecent('2026-06-04', '2026-12-02')).toBe(false);
  });
});

describe('near-miss keys', () => {
  const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789._-';
  const slips = (v: string): string[] => {
    const out: string[] = [];
    for (let i = 0; i <= v.length; i++) {
      for (const c of 'x7_') out.push(v.slice(0, i) + c + v.slice(i));
      if (i < v.length) {
        out.push(v.slice(0, i) + v.slice(i + 1));
        for (const c of 'q9') out.push(v.slice(0, i) + c + v.slice(i + 1));
      }
      if (i < v.length - 1) out.push(v.slice(0, i) + v[i + 1] + v[i] + v.slice(i + 2));
    }
    return out;
  };
  let seed = 7;
  const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const word = (n: number) =>
    Array.from({ length: n }, () => ALPHABET[Math.floor(random() * ALPHABET.length)]).join('');

  it('finds every single slip of a value through its head or its tail (three characters or more)', () => {
    for (let n = 3; n <= 40; n++) {
      const value = word(n);
      const { heads, tails } = nearHalves('handle', value);
      for (const slip of slips(value).filter((s) => s.length >= 3)) {
        const found = heads.includes(nearHead('handle', slip)) || tails.includes(nearTail('handle', slip));
        expect(found, `${value} → ${slip}`).toBe(true);
      }
    }
  });

  const meets = (type: string, a: string, b: string) => {
    const { heads, tails } = nearHalves(type, a);
    return heads.includes(nearHead(type, b)) || tails.includes(nearTail(type, b));
  };

  it('finds the near-misses of every selector type through the part where people differ', () => {
    expect(meets('phone', '+31612345601', '+31612345602')).toBe(true);
    expect(meets('phone', '+31612345601', '+31612345610')).toBe(true);
    expect(meets('email', 'j.verkoper@example.com', 'j.verkoper@example.nl')).toBe(true);
    expect(meets('email', 'j.verkoper@gmail.com', 'j.verkopper@gmail.com')).toBe(true);
    expect(meets('url', 'pay.example.com/t/AbC123xyz', 'pay.example.nl/t/AbC123xyz')).toBe(true);
    expect(meets('url', 'tikkie.me/pay/abc123', 'tikkie.me/pay/abc124')).toBe(true);
  });

  it('does not make every value with a common start or end a candidate', () => {
    // Same +316 start, same @gmail.com end, same payment host: nothing else in common.
    expect(meets('phone', '+31612345601', '+31698765432')).toBe(false);
    expect(meets('email', 'j.verkoper@gmail.com', 'a.bakker@gmail.com')).toBe(false);
    expect(meets('url', 'tikkie.me/pay/abc123', 'tikkie.me/pay/zzz999')).toBe(false);
  });

  it('compares IBANs without their check digits', () => {
    // Same country, bank and account but one digit: the check digits differ, the keys still meet.
    const a = 'NL02ABCD0123456789';
    const b = 'NL75ABCD0123456788';
    const { heads, tails } = nearHalves('iban', a);
    expect(heads.includes(nearHead('iban', b)) || tails.includes(nearTail('iban', b))).toBe(true);
  });
});
