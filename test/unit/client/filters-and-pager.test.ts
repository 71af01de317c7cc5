// URL <-> filters, hash detection for lookups, and the keyset pager's ordering and bounds.
import { describe, expect, it } from 'vitest';
import type { Media, MediaPage } from '../../../client/src/api/types.ts';
import { apiFilters, parseQuery, toQuery } from '../../../client/src/features/grid/filters.ts';
import { MAX_PAGE, MediaPager } from '../../../client/src/features/grid/pager.ts';
import { detectHash } from '../../../client/src/features/lookup/LookupPage.tsx';

describe('grid query in the URL', () => {
  it('round-trips filters and sort, and ignores junk', () => {
    const q = {
      filters: { category: 'none', known: false, nearGroup: 12, q: 'whats app', hasGps: true, from: '2021-06-01' },
      sort: 'date' as const,
    };
    expect(parseQuery(new URLSearchParams(toQuery(q)))).toEqual(q);
    expect(parseQuery(new URLSearchParams('?known=maybe&nearGroup=-3&sort=evil'))).toEqual({
      filters: {},
      sort: 'path',
    });
  });

  it('turns day inputs into instants, with an inclusive end day', () => {
    expect(apiFilters({ from: '2021-06-01', to: '2021-06-30' })).toMatchObject({
      from: '2021-06-01T00:00:00.000Z',
      to: '2021-07-01T00:00:00.000Z',
    });
  });
});

describe('hash detection', () => {
  it('recognises MD5, SHA-1 and SHA-256 by length, PDQ when asked, and rejects non-hex', () => {
    expect(detectHash('A'.repeat(32), 'auto')).toBe('md5');
    expect(detectHash('b'.repeat(40), 'auto')).toBe('sha1');
    expect(detectHash('c'.repeat(64), 'auto')).toBe('sha256');
    expect(detectHash('c'.repeat(64), 'pdq')).toBe('pdq');
    expect(detectHash('c'.repeat(63), 'auto')).toBeNull();
    expect(detectHash('g'.repeat(32), 'auto')).toBeNull();
  });
});

const media = (i: number) => ({ sha256: String(i).padStart(64, '0') }) as Media;

describe('media pager', () => {
  it('loads pages in keyset order up to what is needed, within the page size bounds', async () => {
    const calls: Array<{ after: string | null; limit: number }> = [];
    const all = Array.from({ length: 12_000 }, (_, i) => media(i));
    const pager = new MediaPager(async (after, limit) => {
      calls.push({ after, limit });
      const start = after === null ? 0 : Number(after);
      const items = all.slice(start, start + limit);
      const end = start + items.length;
      return {
        items,
        next: end < all.length ? String(end) : null,
        ...(after === null ? { total: all.length } : {}),
      } satisfies MediaPage;
    });
    pager.ensure(0);
    await new Promise((r) => setTimeout(r, 0));
    expect(pager.total).toBe(12_000);
    pager.ensure(11_999);
    for (let i = 0; i < 20 && !pager.complete; i++) await new Promise((r) => setTimeout(r, 0));
    expect(pager.complete).toBe(true);
    expect(pager.items.map((m) => m.sha256)).toEqual(all.map((m) => m.sha256));
    expect(calls.every((c) => c.limit >= 200 && c.limit <= MAX_PAGE)).toBe(true);
    expect(calls[0]!.after).toBeNull();
  });

  it('patches loaded items in place and keeps errors for a retry', async () => {
    let fail = true;
    const pager = new MediaPager(async () => {
      if (fail) throw new Error('offline');
      return { items: [media(1)], next: null, total: 1 };
    });
    pager.ensure(0);
    await new Promise((r) => setTimeout(r, 0));
    expect(pager.error?.message).toBe('offline');
    fail = false;
    pager.retry();
    await new Promise((r) => setTimeout(r, 0));
    expect(pager.items).toHaveLength(1);
    pager.patch((m) => ({ ...m, category: '2' }));
    expect(pager.items[0]!.category).toBe('2');
  });
});
