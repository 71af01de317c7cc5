// The offline gazetteer: known coordinates give their place and municipality, and the grid search agrees with a scan.
import { beforeAll, describe, expect, it } from 'vitest';
import { distanceKm, Gazetteer, gazetteer } from '../../../workers/places/gazetteer.ts';

let g: Gazetteer;
beforeAll(async () => {
  g = await gazetteer();
}, 30_000);

describe('nearest place', () => {
  it('names Dam square Amsterdam, in the municipality of Amsterdam', () => {
    expect(g.nearest(52.37309, 4.89294)).toMatchObject({
      place: 'Amsterdam',
      municipality: 'Amsterdam',
      country: 'NL',
    });
  });

  it('knows Dutch municipalities and the neighbouring countries', () => {
    expect(g.nearest(51.9225, 4.47917)).toMatchObject({ municipality: 'Rotterdam', country: 'NL' });
    expect(g.nearest(52.43854, 4.82643)).toMatchObject({ place: 'Zaandam', municipality: 'Zaanstad' });
    expect(g.nearest(50.8503, 4.3517)?.country).toBe('BE');
    expect(g.nearest(51.2277, 6.7735)?.country).toBe('DE');
  });

  it('gives no place far out at sea or for an impossible position', () => {
    expect(g.nearest(0, -30)).toBeNull();
    expect(g.nearest(91, 0)).toBeNull();
    expect(g.nearest(Number.NaN, 4)).toBeNull();
  });

  it('finds the same place as a full scan', () => {
    const cities = [
      { name: 'A', lat: '52.0', lng: '4.0', country: 'NL', admin1: '', admin2: '' },
      { name: 'B', lat: '52.6', lng: '4.9', country: 'NL', admin1: '', admin2: '' },
      { name: 'C', lat: '51.4', lng: '5.6', country: 'NL', admin1: '', admin2: '' },
    ];
    const small = Gazetteer.fromCities(cities, []);
    for (let i = 0; i < 200; i++) {
      const lat = 51 + ((i * 37) % 200) / 100;
      const lon = 3.5 + ((i * 53) % 250) / 100;
      const scan = cities
        .map((c) => ({ name: c.name, d: distanceKm(lat, lon, Number(c.lat), Number(c.lng)) }))
        .sort((a, b) => a.d - b.d)[0]!;
      expect(small.nearest(lat, lon)?.place).toBe(scan.name);
    }
  });
});
