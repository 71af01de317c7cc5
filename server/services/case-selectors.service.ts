// A case's selectors (read from its media's text) with where else they occur: meldingen and other cases, each as
// this actor may see it (disclosure.ts: hit/no-hit for what the actor may not open). Public values and hubs show
// no hits, as they never link. The view is audited.
import type { Pool } from '../../storage/db.ts';
import { caseSelectorsRepo } from '../../storage/repositories/case-selectors.repository.ts';
import { publicSelectorsRepo } from '../../storage/repositories/public-selectors.repository.ts';
import { isPublic } from '../../workers/selectors/public-list.ts';
import { SELECTOR_SIGNALS, type SelectorName } from '../../workers/signals/index.ts';
import type { Actor } from './actor.ts';
import type { AuditService } from './audit.service.ts';
import type { CasesService } from './cases.service.ts';
import type { Disclosure } from './disclosure.ts';
import { noMediaTextForProsecutors } from './media-text-access.ts';

type Deps = { pool: Pool; cases: CasesService; audit: AuditService; disclosure: Disclosure };

export function caseSelectorsService(d: Deps) {
  return {
    async list(actor: Actor, caseId: string) {
      const c = await d.cases.open(actor, { id: caseId });
      noMediaTextForProsecutors(actor);
      const rows = await caseSelectorsRepo(d.pool).listing(c.id);
      const list = await publicSelectorsRepo(d.pool).active();
      const links = (r: (typeof rows)[number]) =>
        (r.role === 'offender' || r.role === 'unknown') &&
        r.hub !== 'review' &&
        r.hub !== 'public' &&
        SELECTOR_SIGNALS[r.type as SelectorName]?.usable(r.value) === true &&
        !isPublic(r.type as SelectorName, r.value, list);
      const owners = await d.disclosure.reportOwners(
        actor,
        rows.filter(links).flatMap((r) => r.reports),
      );
      const caseRef = d.disclosure.forActor(actor);
      const selectors = [];
      for (const r of rows) {
        const linking = links(r);
        const reports = linking ? r.reports.flatMap((id) => (owners.has(id) ? [owners.get(id)!] : [])) : [];
        const cases = linking ? await Promise.all(r.cases.map((id) => caseRef(id))) : [];
        selectors.push({ type: r.type, value: r.value, role: r.role, items: r.items, reports, cases });
      }
      await d.audit.record(actor, {
        action: 'case.selectors.view',
        targetType: 'case',
        caseId: c.id,
        details: {
          selectors: selectors.length,
          reports: selectors.flatMap((s) => s.reports.map((x) => x.number)),
          cases: selectors.flatMap((s) => s.cases.map((x) => x.number)),
        },
      });
      return { selectors };
    },
  };
}
