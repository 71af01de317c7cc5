// The camera bodies of a case (issue 12): make + body serial, never make and model alone. The same body in another
// case is a cross-case link, shown through disclosure (hit/no-hit where the actor may not open it) and audited as a
// link view, exactly like image links.
import type { Pool } from '../../storage/db.ts';
import { devicesRepo, type CaseDeviceRow, type OtherCaseRow } from '../../storage/repositories/devices.repository.ts';
import { NotFound } from '../errors.ts';
import type { Actor } from './actor.ts';
import type { AuditService } from './audit.service.ts';
import type { CasesService } from './cases.service.ts';
import type { Disclosure } from './disclosure.ts';

export type OtherCase = { number: string; unit: string; visible: boolean; contact: string | null; count: number };

export type CaseDevice = {
  id: string;
  make: string;
  model: string | null;
  serial: string;
  lensSerials: string[];
  items: number;
  first: string | null;
  last: string | null;
  otherCases: OtherCase[];
};

type DeviceItem = { id: number; path: string; sha256: string; taken: string | null };

const iso = (d: Date | null) => d?.toISOString() ?? null;

const deviceNotFound = () =>
  new NotFound({
    nl: 'Dit toestel komt in deze zaak niet voor. Kies een toestel uit het overzicht van de zaak.',
    en: "This device does not occur in this case. Pick one from the case's device list.",
  });

const presentDevice = (r: CaseDeviceRow, otherCases: OtherCase[]): CaseDevice => ({
  id: r.id,
  make: r.make,
  model: r.model,
  serial: r.serial,
  lensSerials: r.lens_serials,
  items: r.items,
  first: iso(r.first),
  last: iso(r.last),
  otherCases,
});

type Deps = { pool: Pool; cases: CasesService; audit: AuditService; disclosure: Disclosure };

export function devicesService({ pool, cases, audit, disclosure }: Deps) {
  const repo = devicesRepo(pool);

  /** Other cases per device, as this actor may see them (number, unit, contact and a count for hidden ones). */
  async function otherCasesOf(actor: Actor, caseId: string, rows: CaseDeviceRow[]) {
    const refOf = disclosure.forActor(actor);
    const links = rows.length
      ? await repo.otherCases(
          rows.map((r) => r.id),
          caseId,
        )
      : [];
    const byDevice = new Map<string, OtherCase[]>();
    for (const link of links as OtherCaseRow[]) {
      const ref = await refOf(link.case_id);
      const list = byDevice.get(link.device_id) ?? [];
      list.push({ number: ref.number, unit: ref.unit, visible: ref.visible, contact: ref.contact, count: link.n });
      byDevice.set(link.device_id, list);
    }
    return byDevice;
  }

  return {
    /** Every body in the case with its file count, capture span and cross-case links; audited as a link view. */
    async list(actor: Actor, caseId: string): Promise<CaseDevice[]> {
      const c = await cases.open(actor, { id: caseId });
      const rows = await repo.caseDevices(c.id);
      const others = await otherCasesOf(actor, c.id, rows);
      const devices = rows.map((r) => presentDevice(r, others.get(r.id) ?? []));
      const linked = devices.flatMap((d) => d.otherCases.map((o) => o.number));
      await audit.record(actor, {
        action: 'devices.view',
        targetType: 'case',
        targetId: c.number,
        caseId: c.id,
        details: { devices: devices.length, otherCases: [...new Set(linked)] },
      });
      return devices;
    },

    /** The files of this case taken with one body, in item order (keyset on the item id). */
    async items(actor: Actor, caseId: string, deviceId: string, page: { after: number; limit: number }) {
      const c = await cases.open(actor, { id: caseId });
      const device = /^\d{1,18}$/.test(deviceId) ? await repo.deviceInCase(c.id, deviceId) : null;
      if (!device) throw deviceNotFound();
      const rows = await repo.deviceItems(c.id, device.id, page.after, page.limit);
      const items: DeviceItem[] = rows.map((r) => ({
        id: Number(r.id),
        path: r.source_path,
        sha256: r.sha256,
        taken: r.taken,
      }));
      await audit.record(actor, {
        action: 'devices.items',
        targetType: 'device',
        targetId: device.id,
        caseId: c.id,
        details: { after: page.after, count: items.length },
      });
      const next = items.length === page.limit ? items[items.length - 1]!.id : null;
      return { device, items, next };
    },
  };
}
