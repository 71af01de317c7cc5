// "Has anyone reported this before?" for a phone number, e-mail, handle, IBAN, IP, URL or wallet in any written
// form: the meldingen carrying it, under the same need-to-know and audit as hash lookups. A melding the actor may not
// open is one hit/no-hit row (number, unit, date, frontoffice contact), never how its text wrote the value.
import type { Pool } from '../../storage/db.ts';
import { publicSelectorsRepo } from '../../storage/repositories/public-selectors.repository.ts';
import { reportLinksRepo } from '../../storage/repositories/report-links.repository.ts';
import { isPublic } from '../../workers/selectors/public-list.ts';
import type { SelectorName } from '../../workers/signals/index.ts';
import type { Actor } from './actor.ts';
import type { AuditService } from './audit.service.ts';
import type { Disclosure } from './disclosure.ts';
import { canonicalSelector } from './selectors-admin.service.ts';

export type SelectorMatch = {
  source: 'report';
  report: { number: string; unit: string; visible: boolean; contact: string | null };
  received: string;
  surface: string | null;
};

type Deps = { pool: Pool; audit: AuditService; disclosure: Disclosure };

async function lookupSelector(deps: Deps, actor: Actor, selector: string, type?: SelectorName) {
  const key = canonicalSelector({ selector, type });
  const found = await reportLinksRepo(deps.pool).occurrencesOf(key);
  const owners = await deps.disclosure.reportOwners(
    actor,
    found.map((f) => f.report_id),
  );
  const matches: SelectorMatch[] = found
    .filter((f) => owners.has(f.report_id))
    .map((f): SelectorMatch => {
      const { number, unit, visible, contact, received } = owners.get(f.report_id)!;
      return {
        source: 'report',
        report: { number, unit, visible, contact },
        received,
        surface: visible ? f.surface : null,
      };
    })
    .sort((a, b) => b.received.localeCompare(a.received) || a.report.number.localeCompare(b.report.number));
  const publicList = await publicSelectorsRepo(deps.pool).active();
  const query = { ...key, public: isPublic(key.type, key.value, publicList) };
  await deps.audit.record(actor, {
    action: 'lookup',
    targetType: 'lookup',
    details: { selector: key, hits: matches.length, reports: matches.map((m) => m.report.number) },
  });
  return { query, matches };
}

/** The lookup service's `bySelector`: a phone, e-mail, handle, IBAN, IP, URL or wallet against every melding. */
export const selectorLookup = (deps: Deps) => (actor: Actor, selector: string, type?: SelectorName) =>
  lookupSelector(deps, actor, selector, type);
