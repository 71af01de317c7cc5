// An item's EXIF for `spoor items` and the item pages: the fixed contract of issue 12, from the stored clues.
export type ItemExif = {
  make: string | null;
  model: string | null;
  serial: string | null;
  lensModel: string | null;
  software: string | null;
  /** ISO 8601 or null (an unreadable or ambiguous time); `takenRaw` keeps what the file said. */
  taken: string | null;
  takenRaw: string | null;
  gps: { lat: number; lon: number } | null;
};

const str = (v: unknown) => (typeof v === 'string' ? v : null);
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);

export function presentItemExif(exif: Record<string, unknown> | null): ItemExif | null {
  if (!exif) return null;
  const lat = num(exif.latitude);
  const lon = num(exif.longitude);
  return {
    make: str(exif.make),
    model: str(exif.model),
    serial: str(exif.serial),
    lensModel: str(exif.lensModel) ?? str(exif.lens),
    software: str(exif.software),
    taken: str(exif.taken),
    takenRaw: str(exif.takenRaw),
    gps: lat !== null && lon !== null ? { lat, lon } : null,
  };
}
