// EXIF and XMP through exifr: the victim-identification clues (camera body and serial, lens, software, capture
// time, GPS). A damaged block is a recorded reason, never a failed image: the picture is ingested either way.
import exifr from 'exifr';
import { cleanSerial, normaliseMake, normaliseModel } from './exif-normalise.ts';
import { parseCaptureTime } from './exif-time.ts';

type ExifClues = {
  make?: string;
  model?: string;
  /** The body serial as written; the device key is derived from it (migration 013, device_serial_key). */
  serial?: string;
  /** The lens model (kept under its older name too, for stored rows and readers of `lens`). */
  lens?: string;
  lensModel?: string;
  lensSerial?: string;
  software?: string;
  /** ISO 8601 local capture time (with its offset when recorded), or absent when unreadable. */
  taken?: string;
  /** The capture time as the file wrote it. */
  takenRaw?: string;
  /** The capture instant in UTC (a time without offset read as UTC): the grid sorts and filters on it. */
  dateTimeOriginal?: string;
  createDate?: string;
  latitude?: number;
  longitude?: number;
  orientation?: number;
};

export type ExifReading = { exif: ExifClues | null; error: string | null };

type Segments = Record<string, Record<string, unknown> | undefined> & { errors?: unknown[] };

// exifr's silentErrors (on by default) collects a damaged block's errors in `errors` instead of throwing.
const OPTIONS = {
  tiff: true,
  exif: true,
  gps: true,
  xmp: true,
  icc: false,
  iptc: false,
  jfif: false,
  ihdr: false,
  makerNote: false,
  userComment: false,
  mergeOutput: false,
  translateValues: false,
  reviveValues: false,
  sanitize: true,
} satisfies Parameters<typeof exifr.parse>[1];

// NUL inside a field (a corrupt or crafted EXIF block) cannot be stored in jsonb: it failed the whole blob.
const text = (v: unknown): string | undefined => {
  const clean = typeof v === 'string' || typeof v === 'number' ? String(v).replace(/\0/g, '').trim() : '';
  return clean ? clean.slice(0, 200) : undefined;
};

/** The first field present, in the order given: [segment, tag] pairs over EXIF, then XMP namespaces. */
const first = (s: Segments, ...refs: Array<[string, string]>) => {
  for (const [segment, tag] of refs) {
    const value = text(s[segment]?.[tag]);
    if (value) return value;
  }
  return undefined;
};

// BodySerialNumber (0xA431) comes out of exifr as exif.SerialNumber; Lightroom exports may carry it only in XMP.
const SERIAL: Array<[string, string]> = [
  ['exif', 'BodySerialNumber'],
  ['exif', 'SerialNumber'],
  ['ifd0', 'SerialNumber'],
  ['exifEX', 'BodySerialNumber'],
  ['aux', 'SerialNumber'],
  ['exif', 'InternalSerialNumber'],
  ['ifd0', 'InternalSerialNumber'],
];

const finite = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

function gps(s: Segments): { latitude?: number; longitude?: number } {
  const lat = finite(s.gps?.latitude);
  const lon = finite(s.gps?.longitude);
  if (lat === undefined || lon === undefined || Math.abs(lat) > 90 || Math.abs(lon) > 180) return {};
  return { latitude: lat, longitude: lon };
}

function clues(s: Segments): ExifClues {
  const rawMake = first(s, ['ifd0', 'Make'], ['tiff', 'Make']);
  const make = normaliseMake(rawMake);
  const lensModel = first(s, ['exif', 'LensModel'], ['exifEX', 'LensModel'], ['aux', 'Lens']);
  const takenRaw = first(s, ['exif', 'DateTimeOriginal'], ['exif', 'CreateDate'], ['ifd0', 'ModifyDate']);
  const offset = first(s, ['exif', 'OffsetTimeOriginal'], ['exif', 'OffsetTime']);
  const time = parseCaptureTime(takenRaw, offset);
  const created = parseCaptureTime(first(s, ['exif', 'CreateDate']), first(s, ['exif', 'OffsetTimeDigitized']));
  return {
    make,
    model: normaliseModel(first(s, ['ifd0', 'Model'], ['tiff', 'Model']), rawMake, make),
    serial: cleanSerial(first(s, ...SERIAL)),
    lens: lensModel,
    lensModel,
    lensSerial: cleanSerial(
      first(s, ['exif', 'LensSerialNumber'], ['exifEX', 'LensSerialNumber'], ['aux', 'LensSerialNumber']),
    ),
    software: first(s, ['ifd0', 'Software']),
    taken: time?.taken,
    takenRaw,
    dateTimeOriginal: time?.instant,
    createDate: created?.instant,
    ...gps(s),
    orientation: finite(s.ifd0?.Orientation),
  };
}

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e)).replace(/\0/g, '').slice(0, 200);

/** Never throws. A damaged block keeps what could be read for display, but no serial: it joins no device. */
export async function readExif(buffer: Buffer): Promise<ExifReading> {
  let segments: Segments | undefined;
  try {
    segments = (await exifr.parse(buffer, OPTIONS)) as Segments | undefined;
  } catch (error) {
    return { exif: null, error: `EXIF-blok onleesbaar / EXIF block unreadable: ${errorText(error)}` };
  }
  if (!segments) return { exif: null, error: null };
  const found = clues(segments);
  const errors = segments.errors ?? [];
  const error = errors.length
    ? `EXIF-blok beschadigd of afgekapt / EXIF block damaged or truncated: ${errorText(errors[0])}`
    : null;
  if (error) found.serial = found.lensSerial = undefined;
  const present = Object.fromEntries(Object.entries(found).filter(([, v]) => v !== undefined)) as ExifClues;
  return { exif: Object.keys(present).length > 0 ? present : null, error };
}
