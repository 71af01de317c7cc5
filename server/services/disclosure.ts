// Need-to-know for hits, in one place: what an actor may see of something found in a case or a melding
// (later a device) that the actor may or may not open. Everything, or only that a hit exists:
// the owner's number, unit, a contact to call and how many hits — never content, category or path.
import type { Pool } from '../../storage/db.ts';
import { casesRepo } from '../../storage/repositories/cases.repository.ts';
import { clustersRepo } from '../../storage/repositories/clusters.repository.ts';
import { usersRepo } from '../../storage/repositories/users.repository.ts';
import type { Actor } from './actor.ts';
import type { CasesService } from './cases.service.ts';
import { mayOpenReport } from './report-access.ts';

/** What a hit shows of its owner; `matchCount` is set only on collapsed (hidden) hits. */
export type OwnerRef = { number: string; unit: string; visible: boolean; contact: string | null; matchCount?: number };

/**
 * A melding as a hit: number, unit, received date and the receiving unit's frontoffice contact. `id` only when
 * the actor may open it; a hidden melding is hit/no-hit, never its text or selectors.
 */
export type ReportOwnerRef = OwnerRef & { id: string | null; received: string };

export type Disclosure = {
  /** One request's view of owners: each is resolved once, however many hits it has. */
  forActor(actor: Actor): (caseId: string) => Promise<OwnerRef>;
  /** Meldingen as this actor may see them, by id; ids that do not exist are left out. */
  reportOwners(actor: Actor, reportIds: readonly string[]): Promise<Map<string, ReportOwnerRef>>;
};

export function disclosure(pool: Pool, cases: CasesService): Disclosure {
  const caseRepo = casesRepo(pool);
  const users = usersRepo(pool);

  async function caseOwner(actor: Actor, caseId: string): Promise<OwnerRef> {
    const c = await caseRepo.byId(caseId);
    if (!c) throw new Error(`case ${caseId} of a hit no longer exists`);
    const visible = (await cases.accessTo(actor, c)) !== 'none';
    return { number: c.number, unit: c.unit_name, visible, contact: await users.unitContact(c.unit_id) };
  }

  async function reportOwners(actor: Actor, reportIds: readonly string[]) {
    const rows = reportIds.length ? await clustersRepo(pool).owners([...new Set(reportIds)]) : [];
    return new Map(
      rows.map((r): [string, ReportOwnerRef] => {
        const visible = mayOpenReport(actor, r.unit_id);
        const ref = { number: r.number, unit: r.unit_name, visible, contact: r.contact, received: r.received };
        return [r.id, { ...ref, id: visible ? r.id : null }];
      }),
    );
  }

  return {
    reportOwners,
    forActor(actor) {
      const seen = new Map<string, Promise<OwnerRef>>();
      return (caseId) => {
        let ref = seen.get(caseId);
        if (!ref) seen.set(caseId, (ref = caseOwner(actor, caseId)));
        return ref.then((r) => ({ ...r }));
      };
    },
  };
}

type Hit = { distance: number; kind: string };

/**
 * Hits whose owner the actor may not open collapse into one row per owner with a count, with the
 * content-bearing fields removed by `redact`, so nothing about the material leaks. Visible hits pass.
 */
export function collapseHidden<H extends Hit>(
  hits: H[],
  ownerOf: (hit: H) => OwnerRef | null,
  redact: (hit: H, owner: OwnerRef) => H,
): H[] {
  const shown = hits.filter((h) => ownerOf(h)?.visible !== false);
  const hidden = new Map<string, H>();
  for (const hit of hits) {
    const owner = ownerOf(hit);
    if (!owner || owner.visible) continue;
    const prior = hidden.get(owner.number);
    if (!prior) {
      hidden.set(owner.number, redact(hit, { ...owner, matchCount: 1 }));
      continue;
    }
    const priorOwner = ownerOf(prior)!;
    priorOwner.matchCount = (priorOwner.matchCount ?? 0) + 1;
    prior.distance = Math.min(prior.distance, hit.distance);
    if (hit.kind === 'exact') prior.kind = 'exact';
  }
  return [...shown, ...hidden.values()].sort((a, b) => a.distance - b.distance);
}
