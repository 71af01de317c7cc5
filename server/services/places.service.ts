// Where and when a case's pictures were taken: GPS positions with the nearest place from the offline gazetteer, and
// capture times per camera body. Both are views of case content: need-to-know as for media, and audited.
import type { Pool } from '../../storage/db.ts';
import { devicesRepo, type DeviceLabelRow, type TimeRow } from '../../storage/repositories/devices.repository.ts';
import { gazetteer } from '../../workers/places/gazetteer.ts';
import type { Actor } from './actor.ts';
import type { AuditService } from './audit.service.ts';
import type { CasesService } from './cases.service.ts';

export type CasePlace = {
  sha256: string;
  path: string;
  lat: number;
  lon: number;
  place: string | null;
  municipality: string | null;
  country: string | null;
  distanceKm: number | null;
  taken: string | null;
};

export type TimelineRow = { deviceId: string | null; label: string; times: Array<{ sha256: string; taken: string }> };

/** A view shows at most this many positions or times: a case's clues, not a data export. */
const MAX_ROWS = 10_000;
/** Content ingested before the gazetteer (migration 013) is named on first view, this many at a time. */
const NAME_BATCH = 5_000;

const UNKNOWN_CAMERA = 'Onbekende camera / unknown camera';

const label = (d: DeviceLabelRow) => `${d.make}${d.model ? ` ${d.model}` : ''} (${d.serial})`;

/** One row per body in order of first capture, then the pictures no body could be named for. */
function timelineRows(times: TimeRow[], labels: Map<string, DeviceLabelRow>): TimelineRow[] {
  const rows = new Map<string | null, TimelineRow>();
  for (const t of times) {
    const device = t.device_id === null ? undefined : labels.get(t.device_id);
    const id = device ? device.id : null;
    let row = rows.get(id);
    if (!row) rows.set(id, (row = { deviceId: id, label: device ? label(device) : UNKNOWN_CAMERA, times: [] }));
    row.times.push({ sha256: t.sha256, taken: t.taken });
  }
  const unknown = rows.get(null);
  rows.delete(null);
  return unknown ? [...rows.values(), unknown] : [...rows.values()];
}

export function placesService(pool: Pool, cases: CasesService, audit: AuditService) {
  const repo = devicesRepo(pool);

  async function nameMissing(caseId: string): Promise<void> {
    for (;;) {
      const unnamed = await repo.unnamedPlaces(caseId, NAME_BATCH);
      if (unnamed.length === 0) return;
      const g = await gazetteer();
      const named = unnamed.flatMap((u) => {
        const p = g.nearest(u.lat, u.lon);
        return p ? [{ sha256: u.sha256, ...p, distance_km: p.distanceKm }] : [];
      });
      if (named.length > 0) await repo.namePlaces(named);
      if (named.length < unnamed.length || unnamed.length < NAME_BATCH) return; // the rest lie beyond any place
    }
  }

  return {
    async places(actor: Actor, caseId: string): Promise<CasePlace[]> {
      const c = await cases.open(actor, { id: caseId });
      await nameMissing(c.id);
      const rows = await repo.places(c.id, MAX_ROWS);
      await audit.record(actor, {
        action: 'places.view',
        targetType: 'case',
        targetId: c.number,
        caseId: c.id,
        details: { positions: rows.length },
      });
      return rows.map((r) => ({
        sha256: r.sha256,
        path: r.path,
        lat: r.lat,
        lon: r.lon,
        place: r.place,
        municipality: r.municipality,
        country: r.country,
        distanceKm: r.distance_km,
        taken: r.taken,
      }));
    },

    async timeline(actor: Actor, caseId: string): Promise<TimelineRow[]> {
      const c = await cases.open(actor, { id: caseId });
      const times = await repo.times(c.id, MAX_ROWS);
      const ids = [...new Set(times.flatMap((t) => (t.device_id === null ? [] : [t.device_id])))];
      const labels = new Map((ids.length ? await repo.labels(ids) : []).map((d) => [d.id, d]));
      const rows = timelineRows(times, labels);
      await audit.record(actor, {
        action: 'timeline.view',
        targetType: 'case',
        targetId: c.number,
        caseId: c.id,
        details: { devices: rows.length, times: times.length },
      });
      return rows;
    },
  };
}
