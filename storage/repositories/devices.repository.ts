// Camera bodies, places and capture times of a case (migration 013): each query starts from the case's items index
// and joins the per-content device and place rows, so a case's clues cost its own size, not the database's.
import { exec, many, one, type Queryable } from '../db.ts';

export type CaseDeviceRow = {
  id: string;
  make: string;
  model: string | null;
  serial: string;
  lens_serials: string[];
  items: number;
  first: Date | null;
  last: Date | null;
};

export type DeviceItemRow = { id: string; source_path: string; sha256: string; taken: string | null };

export type OtherCaseRow = { device_id: string; case_id: string; n: number };

export type PlaceRow = {
  sha256: string;
  path: string;
  lat: number;
  lon: number;
  place: string | null;
  municipality: string | null;
  country: string | null;
  distance_km: number | null;
  taken: string | null;
};

export type TimeRow = { device_id: string | null; sha256: string; taken: string; instant: Date | null };

export type DeviceLabelRow = { id: string; make: string; model: string | null; serial: string };

const sql = {
  caseDevices: `SELECT d.id::text, d.make, coalesce(mode() WITHIN GROUP (ORDER BY bd.model), d.model) AS model, d.serial,
      coalesce(array_agg(DISTINCT bd.lens_serial) FILTER (WHERE bd.lens_serial IS NOT NULL), '{}') AS lens_serials,
      count(*)::int AS items, min(bd.taken_at) AS first, max(bd.taken_at) AS last
    FROM items i JOIN blob_devices bd ON bd.sha256 = i.blob_sha256 JOIN devices d ON d.id = bd.device_id
    WHERE i.case_id = $1 GROUP BY d.id ORDER BY count(*) DESC, d.make, d.serial`,
  // The same bodies in every other case, counted per case (files): the cross-case device links.
  otherCases: `SELECT bd.device_id::text, i.case_id, count(*)::int AS n
    FROM blob_devices bd JOIN items i ON i.blob_sha256 = bd.sha256
    WHERE bd.device_id = ANY ($1::bigint[]) AND i.case_id <> $2 GROUP BY bd.device_id, i.case_id
    ORDER BY bd.device_id, i.case_id`,
  deviceInCase: `SELECT d.id::text, d.make, d.model, d.serial FROM devices d WHERE d.id = $2 AND EXISTS (
      SELECT 1 FROM blob_devices bd JOIN items i ON i.blob_sha256 = bd.sha256 AND i.case_id = $1
      WHERE bd.device_id = d.id)`,
  deviceItems: `SELECT i.id::text, i.source_path, i.blob_sha256 AS sha256, bd.taken
    FROM blob_devices bd JOIN items i ON i.blob_sha256 = bd.sha256 AND i.case_id = $1
    WHERE bd.device_id = $2 AND i.id > $3 ORDER BY i.id LIMIT $4`,
  // One row per content with a position: its first path, its place and its capture time.
  places: `SELECT DISTINCT ON (i.blob_sha256) i.blob_sha256 AS sha256, i.source_path AS path, bp.lat, bp.lon, bp.place,
      bp.municipality, bp.country, bp.distance_km, b.exif->>'taken' AS taken
    FROM items i JOIN blob_places bp ON bp.sha256 = i.blob_sha256 JOIN blobs b ON b.sha256 = bp.sha256
    WHERE i.case_id = $1 ORDER BY i.blob_sha256, i.source_path LIMIT $2`,
  unnamedPlaces: `SELECT DISTINCT bp.sha256, bp.lat, bp.lon FROM items i JOIN blob_places bp ON bp.sha256 = i.blob_sha256
    WHERE i.case_id = $1 AND bp.place IS NULL LIMIT $2`,
  namePlaces: `UPDATE blob_places bp SET place = r.place, municipality = r.municipality, country = r.country,
      distance_km = r.distance_km
    FROM jsonb_to_recordset($1::jsonb) AS r(sha256 text, place text, municipality text, country text, distance_km real)
    WHERE bp.sha256 = r.sha256 AND bp.place IS NULL`,
  // Capture times per content, with the body that took it (or none), in time order.
  times: `SELECT bd.device_id::text, c.sha256, b.exif->>'taken' AS taken, exif_instant(b.exif->>'dateTimeOriginal') AS instant
    FROM (SELECT DISTINCT i.blob_sha256 AS sha256 FROM items i WHERE i.case_id = $1 AND i.blob_sha256 IS NOT NULL) c
    JOIN blobs b ON b.sha256 = c.sha256 LEFT JOIN blob_devices bd ON bd.sha256 = c.sha256
    WHERE b.exif ? 'taken' ORDER BY instant NULLS LAST, c.sha256 LIMIT $2`,
  labels: 'SELECT d.id::text, d.make, d.model, d.serial FROM devices d WHERE d.id = ANY ($1::bigint[])',
};

export const devicesRepo = (db: Queryable) => ({
  caseDevices: (caseId: string) => many<CaseDeviceRow>(db, sql.caseDevices, [caseId]),
  otherCases: (deviceIds: string[], caseId: string) => many<OtherCaseRow>(db, sql.otherCases, [deviceIds, caseId]),
  deviceInCase: (caseId: string, deviceId: string) => one<DeviceLabelRow>(db, sql.deviceInCase, [caseId, deviceId]),
  deviceItems: (caseId: string, deviceId: string, afterId: number, limit: number) =>
    many<DeviceItemRow>(db, sql.deviceItems, [caseId, deviceId, afterId, limit]),
  places: (caseId: string, limit: number) => many<PlaceRow>(db, sql.places, [caseId, limit]),
  unnamedPlaces: (caseId: string, limit: number) =>
    many<{ sha256: string; lat: number; lon: number }>(db, sql.unnamedPlaces, [caseId, limit]),
  namePlaces: (
    rows: Array<{ sha256: string; place: string; municipality: string | null; country: string; distance_km: number }>,
  ) => exec(db, sql.namePlaces, [JSON.stringify(rows)]),
  times: (caseId: string, limit: number) => many<TimeRow>(db, sql.times, [caseId, limit]),
  labels: (ids: string[]) => many<DeviceLabelRow>(db, sql.labels, [ids]),
});
