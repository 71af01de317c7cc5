// An administrator's decision on a selector (a hub declared public or an offender's, a public-list edit) reaches the
// cases too: the case ↔ melding links that case media made through it are removed, or made again, in the
// decision's own transaction under the linking lock.
import type { AuditKey } from '../../storage/audit-key.ts';
import { appendAuditEntry } from '../../storage/audit-chain.ts';
import type { Queryable } from '../../storage/db.ts';
import { caseSelectorsRepo } from '../../storage/repositories/case-selectors.repository.ts';
import type { SelectorKey } from '../../storage/repositories/report-links.repository.ts';
import { linkCaseIn } from './link-case.ts';
import type { LinkDeps } from './link-report.ts';

/** The selector links no more: every case ↔ melding link it made is removed, audited per case. */
export async function unlinkCasesOn(tx: Queryable, auditKey: AuditKey, key: SelectorKey): Promise<number> {
  const removed = await caseSelectorsRepo(tx).unlinkSelector(key);
  for (const caseId of new Set(removed.map((r) => r.case_id))) {
    const links = removed.filter((r) => r.case_id === caseId);
    await appendAuditEntry(tx, auditKey, {
      actorId: null,
      actorName: 'system:linking',
      action: 'case-link.remove',
      targetType: 'case',
      caseId,
      details: { links: links.map((l) => ({ melding: l.report_id, type: l.type, value: l.value })) },
    });
  }
  return removed.length;
}

/** The selector links again: every case whose media carry it is linked anew (only missing links are added). */
export async function relinkCasesOn(tx: Queryable, deps: LinkDeps, key: SelectorKey): Promise<number> {
  let added = 0;
  const carrying = await caseSelectorsRepo(tx).casesCarrying([key]);
  for (const caseId of new Set(carrying.map((c) => c.case_id))) added += (await linkCaseIn(tx, deps, caseId)).added;
  return added;
}
