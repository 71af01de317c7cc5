// EXIF through exifr: the victim-identification clues (camera, serial, lens, software, times, GPS).
import exifr from 'exifr';

export type ExifClues = {
  make?: string;
  model?: string;
  serial?: string;
  lens?: string;
  software?: string;
  dateTimeOriginal?: string;
  createDate?: string;
  latitude?: number;
  longitude?: number;
  orientation?: number;
};

const PICK = [
  'Make',
  'Model',
  'BodySerialNumber',
  'SerialNumber',
  'InternalSerialNumber',
  'LensModel',
  'LensSerialNumber',
  'Software',
  'DateTimeOriginal',
  'CreateDate',
  'ModifyDate',
  'GPSLatitude',
  'GPSLatitudeRef',
  'GPSLongitude',
  'GPSLongitudeRef',
  'Orientation',
];

// NUL inside a field (a corrupt or crafted EXIF block) cannot be stored in jsonb: it failed the whole blob.
const text = (v: unknown): string | undefined => {
  const clean = typeof v === 'string' ? v.replace(/\0/g, '').trim() : '';
  return clean ? clean.slice(0, 200) : undefined;
};
const date = (v: unknown): string | undefined =>
  v instanceof Date && !Number.isNaN(v.getTime()) ? v.toISOString() : text(v);

/** Never throws: EXIF is a clue, and a corrupt block must not fail the image. */
export async function readExif(buffer: Buffer): Promise<ExifClues | null> {
  try {
    const raw = await exifr.parse(buffer, {
      pick: PICK,
      gps: true,
      translateValues: false,
      reviveValues: true,
      mergeOutput: true,
    });
    if (!raw) return null;
    const clues: ExifClues = {
      make: text(raw.Make),
      model: text(raw.Model),
      serial: text(raw.BodySerialNumber ?? raw.SerialNumber ?? raw.InternalSerialNumber),
      lens: text(raw.LensModel),
      software: text(raw.Software),
      dateTimeOriginal: date(raw.DateTimeOriginal),
      createDate: date(raw.CreateDate),
      latitude: Number.isFinite(raw.latitude) ? raw.latitude : undefined,
      longitude: Number.isFinite(raw.longitude) ? raw.longitude : undefined,
      orientation: typeof raw.Orientation === 'number' ? raw.Orientation : undefined,
    };
    const present = Object.fromEntries(Object.entries(clues).filter(([, v]) => v !== undefined)) as ExifClues;
    return Object.keys(present).length > 0 ? present : null;
  } catch {
    return null;
  }
}
