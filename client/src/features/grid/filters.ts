// Grid filters and sort <-> the URL query, so a reload or a new sign-in lands on the same view.
import type { MediaFilters } from '../../api/endpoints.ts';
import type { SortName } from '../../api/types.ts';

export type GridQuery = { filters: MediaFilters; sort: SortName };

const BOOLS = ['known', 'duplicate', 'grouped', 'hasError', 'hasGps'] as const;
const TEXTS = ['category', 'mime', 'make', 'model', 'q', 'from', 'to', 'device', 'place', 'text'] as const;
const SORTS: SortName[] = ['path', 'date', 'group'];

export function parseQuery(q: URLSearchParams): GridQuery {
  const filters: MediaFilters = {};
  for (const k of BOOLS) if (q.get(k) === 'true' || q.get(k) === 'false') filters[k] = q.get(k) === 'true';
  for (const k of TEXTS) {
    const v = q.get(k);
    if (v) filters[k] = v;
  }
  const group = Number(q.get('nearGroup'));
  if (q.get('nearGroup') && Number.isInteger(group) && group >= 0) filters.nearGroup = group;
  const sort = q.get('sort') as SortName | null;
  return { filters, sort: sort && SORTS.includes(sort) ? sort : 'path' };
}

export function toQuery({ filters, sort }: GridQuery): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v !== undefined && v !== '') q.set(k, String(v));
  if (sort !== 'path') q.set('sort', sort);
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** Dates from <input type="date"> are days; the API wants instants (`to` is exclusive, so the next day). */
export function apiFilters(f: MediaFilters): MediaFilters {
  const day = (d: string, plus = 0) => {
    const t = new Date(`${d}T00:00:00Z`);
    if (Number.isNaN(t.getTime())) return undefined;
    t.setUTCDate(t.getUTCDate() + plus);
    return t.toISOString();
  };
  return { ...f, from: f.from ? day(f.from) : undefined, to: f.to ? day(f.to, 1) : undefined };
}
