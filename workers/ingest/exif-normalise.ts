// Camera makers as they write themselves ("NIKON CORPORATION", "Canon", "OLYMPUS IMAGING CORP.") under one name, and
// models without the maker repeated. Mirrored by device_make() in storage/migrations/013_devices_places.sql (the
// migration's backfill and the device trigger use it): test/unit/ingest/exif-normalise.test.ts keeps them equal.

/** Maker spellings (lower case, single spaces) → the name shown and used in a device's identity. */
export const MAKER_SPELLINGS: Record<string, string> = {
  nikon: 'Nikon',
  'nikon corporation': 'Nikon',
  canon: 'Canon',
  'canon inc.': 'Canon',
  sony: 'Sony',
  'sony corporation': 'Sony',
  fujifilm: 'Fujifilm',
  'fujifilm corporation': 'Fujifilm',
  'fuji photo film co., ltd.': 'Fujifilm',
  olympus: 'Olympus',
  'olympus corporation': 'Olympus',
  'olympus imaging corp.': 'Olympus',
  'olympus optical co.,ltd': 'Olympus',
  'om digital solutions': 'OM System',
  panasonic: 'Panasonic',
  pentax: 'Pentax',
  'pentax corporation': 'Pentax',
  'ricoh imaging company, ltd.': 'Ricoh',
  ricoh: 'Ricoh',
  samsung: 'Samsung',
  'samsung techwin': 'Samsung',
  apple: 'Apple',
  google: 'Google',
  huawei: 'Huawei',
  xiaomi: 'Xiaomi',
  oneplus: 'OnePlus',
  motorola: 'Motorola',
  'lg electronics': 'LG',
  htc: 'HTC',
  nokia: 'Nokia',
  'leica camera ag': 'Leica',
  leica: 'Leica',
  hasselblad: 'Hasselblad',
  gopro: 'GoPro',
  dji: 'DJI',
  kodak: 'Kodak',
  'eastman kodak company': 'Kodak',
  'casio computer co.,ltd.': 'Casio',
  casio: 'Casio',
  'minolta co., ltd.': 'Minolta',
  'konica minolta': 'Konica Minolta',
  'konica minolta camera, inc.': 'Konica Minolta',
  sigma: 'Sigma',
};

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The maker as shown and matched; an unknown maker keeps its own spelling, trimmed. */
export function normaliseMake(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const clean = collapse(raw);
  if (!clean) return undefined;
  return MAKER_SPELLINGS[clean.toLowerCase()] ?? clean;
}

/** "NIKON D750" by Nikon → "D750", "Canon EOS R5" → "EOS R5": the maker once, in the make field. */
export function normaliseModel(raw: string | undefined, rawMake: string | undefined, make: string | undefined) {
  if (!raw) return undefined;
  const clean = collapse(raw);
  const prefixes = [make, rawMake && collapse(rawMake), rawMake && collapse(rawMake).split(' ')[0]];
  for (const prefix of prefixes) {
    if (!prefix) continue;
    const lower = clean.toLowerCase();
    if (lower.startsWith(`${prefix.toLowerCase()} `)) return clean.slice(prefix.length + 1).trim() || clean;
  }
  return clean || undefined;
}

/** A serial as written, whitespace collapsed: the key that identifies a body is derived from it in the database. */
export const cleanSerial = (raw: string | undefined): string | undefined =>
  raw ? collapse(raw) || undefined : undefined;
