// Media (unique content of a case): grid rows and the detail panel, row → API shape.
import type { MediaRow } from '../../storage/repositories/media-grid.repository.ts';
import type { MediaDetailRow, PathRow } from '../../storage/repositories/media.repository.ts';
import type { Media } from '../schemas/media.ts';

export const presentMedia = (r: MediaRow): Media => ({
  sha256: r.sha256,
  blobId: Number(r.blob_id),
  mime: r.mime,
  width: r.width,
  height: r.height,
  itemCount: r.item_count,
  firstPath: r.first_path,
  date: r.date?.toISOString() ?? null,
  category: r.category,
  categorySource: r.category_source,
  conflict: r.conflict,
  known: r.known,
  nearGroup: r.near_group === null ? null : Number(r.near_group),
  duplicate: r.item_count > 1,
  error: r.error,
  hasThumbnail: r.has_thumbnail,
  hasGps: r.has_gps,
  ...(r.video ? { video: r.video } : {}),
});

const EXIF_TEXT = ['make', 'model', 'serial', 'lens', 'lensSerial', 'software'] as const;
const EXIF_TIMES = ['dateTimeOriginal', 'createDate', 'taken', 'takenRaw'] as const;
const EXIF_NUMBER = ['latitude', 'longitude', 'orientation'] as const;

type ExifPlace = { place: string; municipality: string | null; country: string; distanceKm: number };

function presentExif(exif: Record<string, unknown> | null) {
  if (!exif) return null;
  const out: Record<string, string | number | ExifPlace> = {};
  for (const k of EXIF_TEXT) if (typeof exif[k] === 'string') out[k] = exif[k];
  for (const k of EXIF_NUMBER) if (typeof exif[k] === 'number' && Number.isFinite(exif[k])) out[k] = exif[k];
  for (const k of EXIF_TIMES) if (typeof exif[k] === 'string') out[k] = exif[k];
  const place = exif.place as ExifPlace | undefined;
  return typeof place?.place === 'string' ? { ...out, place } : out;
}

/** GPS as text an analyst can paste into a map: "52.37403° N, 4.88969° E". */
function gpsText(lat: unknown, lon: unknown): string | null {
  if (typeof lat !== 'number' || typeof lon !== 'number' || !Number.isFinite(lat) || !Number.isFinite(lon)) return null;
  return `${Math.abs(lat).toFixed(5)}° ${lat >= 0 ? 'N' : 'S'}, ${Math.abs(lon).toFixed(5)}° ${lon >= 0 ? 'E' : 'W'}`;
}

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);

export const presentDetail = ({
  row: r,
  paths,
  truncated,
}: {
  row: MediaDetailRow;
  paths: PathRow[];
  truncated: boolean;
}) => ({
  sha256: r.sha256,
  md5: r.md5,
  sha1: r.sha1,
  size: Number(r.size),
  mime: r.mime,
  width: r.width,
  height: r.height,
  pdq: r.pdq,
  pdqQuality: r.pdq_quality,
  blockhash: r.blockhash,
  status: r.status,
  error: r.decode_error,
  hasThumbnail: r.has_thumbnail,
  exif: presentExif(r.exif),
  exifError: r.exif_error ?? null,
  gps: gpsText(r.exif?.latitude, r.exif?.longitude),
  latitude: num(r.exif?.latitude),
  longitude: num(r.exif?.longitude),
  paths: paths.map((p) => ({
    itemId: Number(p.id),
    path: p.source_path,
    mtime: p.mtime?.toISOString() ?? null,
    evidenceId: p.evidence_id,
    evidenceName: p.original_name,
  })),
  pathsTruncated: truncated,
  nearGroup: r.near_group === null ? null : Number(r.near_group),
  category: r.category,
  scheme: r.scheme ?? 'vics2',
  categorySource: r.source,
  categorisedBy: r.categorised_by_name,
  categorisedAt: r.categorised_at?.toISOString() ?? null,
  conflict: r.conflict ?? false,
  provenance: r.provenance,
  series: r.series,
  victimIdentified: r.victim_identified,
  notes: r.notes,
  known: r.known,
});
