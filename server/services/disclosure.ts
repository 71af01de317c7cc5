// Need-to-know for hits, in one place: what an actor may see of something found in a case (later a
// melding or a device) that the actor may or may not open. Everything, or only that a hit exists:
// the owner's number, unit, a contact to call and how many hits — never content, category or path.
import type { Pool } from '../../storage/db.ts';
import { casesRepo } from '../../storage/repositories/cases.repository.ts';
import { usersRepo } from '../../storage/repositories/users.repository.ts';
import type { Actor } from './actor.ts';
import type { CasesService } from './cases.service.ts';

/** What a hit shows of its owner; `matchCount` is set only on collapsed (hidden) hits. */
export type OwnerRef = { number: string; unit: string; visible: boolean; contact: string | null; matchCount?: number };

export type Disclosure = {
  /** One request's view of owners: each is resolved once, however many hits it has. */
  forActor(actor: Actor): (caseId: string) => Promise<OwnerRef>;
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

  return {
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
