// The grid's device/place filters: kept in the URL like every filter, and the place choices of a case's positions.
import { describe, expect, it } from 'vitest';
import { placeNames } from '../../../client/src/features/grid/CluesFilter.tsx';
import { parseQuery, toQuery } from '../../../client/src/features/grid/filters.ts';

describe('device and place filters', () => {
  it('round-trip through the URL with the date range', () => {
    const q = { filters: { device: '42', place: 'Amsterdam', from: '2024-05-17' }, sort: 'date' as const };
    expect(parseQuery(new URLSearchParams(toQuery(q)))).toEqual(q);
  });

  it('offer place and municipality names, the most frequent first', () => {
    const at = (place: string | null, municipality: string | null) => ({
      sha256: '0'.repeat(64),
      path: 'x.jpg',
      lat: 52,
      lon: 4,
      place,
      municipality,
      country: 'NL',
      distanceKm: 1,
      taken: null,
    });
    const names = placeNames([
      at('Zaandam', 'Zaanstad'),
      at('Amsterdam', 'Amsterdam'),
      at('Amsterdam-Oost', 'Amsterdam'),
      at(null, null),
    ]);
    expect(names).toEqual(['Amsterdam', 'Amsterdam-Oost', 'Zaandam', 'Zaanstad']);
  });
});
