// Linking case media to meldingen: a selector read from a seized screenshot that a melding also carries (an
// offender's, never public, a hub, or a victim's or reporter's own) links the case and the melding, and the
// melding's frontoffice gets a 'case-link' signal naming the case by number, unit and contact only. Both
// directions (a case read after the melding, a melding extracted after the case) meet here, under the linking lock.
import type { Queryable } from '../../storage/db.ts';
import { appendAuditEntry } from '../../storage/audit-chain.ts';
import { caseSelectorsRepo } from '../../storage/repositories/case-selectors.repository.ts';
import { casesRepo, type CaseRow } from '../../storage/repositories/cases.repository.ts';
import { clustersRepo } from '../../storage/repositories/clusters.repository.ts';
import { reportLinksRepo, type SelectorKey } from '../../storage/repositories/report-links.repository.ts';
import { signalsRepo } from '../../storage/repositories/signals.repository.ts';
import { usersRepo } from '../../storage/repositories/users.repository.ts';
import { mergeClusters } from './cluster-update.ts';
import { linkableSelectors, withLinking, type LinkDeps } from './link-report.ts';
import { isRecent, signalPriority } from './priority.ts';
import { selectorLabel } from './reasons.ts';

const NO_REPORT = '00000000-0000-0000-0000-000000000000';
type Fresh = SelectorKey & { report_id: string };

/** The sentence names the melding's own selector and, of the case, only what hit/no-hit shows. */
function caseLinkReason(kase: CaseRow, contact: string | null, number: string, keys: SelectorKey[]) {
  const say = (lang: 'nl' | 'en') =>
    keys.map((k) => `${selectorLabel(k.type, lang)} ${k.value}`).join(lang === 'nl' ? ' en ' : ' and ');
  const call = contact ?? kase.unit_name;
  return {
    nl: `Melding ${number} deelt ${say('nl')} met beeldmateriaal in zaak ${kase.number} van eenheid ${kase.unit_name}. Neem contact op met ${call}.`,
    en: `Melding ${number} shares ${say('en')} with media in case ${kase.number} of unit ${kase.unit_name}. Contact ${call}.`,
  };
}

async function signalCaseLink(tx: Queryable, deps: LinkDeps, kase: CaseRow, reportId: string, keys: Fresh[]) {
  const owner = (await clustersRepo(tx).owners([reportId]))[0];
  if (!owner) return 0;
  const cluster = (await clustersRepo(tx).clusterOf(reportId)) ?? (await mergeClusters(tx, [reportId], [null]));
  const members = await clustersRepo(tx).members(cluster);
  const today = (deps.today ?? (() => new Date().toISOString().slice(0, 10)))();
  const priority = signalPriority({
    minorVictim: members.some((m) => m.victim_minor),
    reports: members.length,
    units: new Set([...members.map((m) => m.unit_id), kase.unit_id]).size,
    recent: members.filter((m) => isRecent(m.received, today)).length,
  });
  const reason = caseLinkReason(kase, await usersRepo(tx).unitContact(kase.unit_id), owner.number, keys);
  const id = await signalsRepo(tx).insert({
    clusterId: cluster,
    unitId: owner.unit_id,
    raisedBy: reportId,
    code: 'case-link',
    reason,
    priority,
  });
  if (id === null) return 0;
  await caseSelectorsRepo(tx).nameCase(id, kase.id);
  await appendAuditEntry(tx, deps.auditKey, {
    actorId: null,
    actorName: 'system:linking',
    action: 'signal.raise',
    targetType: 'signal',
    targetId: String(id),
    details: { cluster, unitId: owner.unit_id, reason: 'case-link', priority, melding: reportId, case: kase.id },
  });
  return 1;
}

/** Stores the links that are new, audits them, and signals each newly linked melding's frontoffice. */
async function recordLinks(tx: Queryable, deps: LinkDeps, kase: CaseRow, wanted: Fresh[]) {
  const fresh = await caseSelectorsRepo(tx).link(kase.id, wanted);
  if (fresh.length === 0) return { added: 0, signals: 0 };
  await appendAuditEntry(tx, deps.auditKey, {
    actorId: null,
    actorName: 'system:linking',
    action: 'case-link.add',
    targetType: 'case',
    caseId: kase.id,
    details: { links: fresh.map((f) => ({ melding: f.report_id, type: f.type, value: f.value })) },
  });
  let signals = 0;
  for (const reportId of new Set(fresh.map((f) => f.report_id))) {
    signals += await signalCaseLink(
      tx,
      deps,
      kase,
      reportId,
      fresh.filter((f) => f.report_id === reportId),
    );
  }
  return { added: fresh.length, signals };
}

/** Links the case to every melding sharing one of its linkable selectors, inside the caller's linking transaction. */
export async function linkCaseIn(tx: Queryable, deps: LinkDeps, caseId: string) {
  const kase = await casesRepo(tx).byId(caseId);
  if (!kase) return { added: 0, signals: 0 };
  const keys = await linkableSelectors(tx, deps, await caseSelectorsRepo(tx).linkable(caseId));
  const carriers = keys.length ? await reportLinksRepo(tx).carriers(keys, NO_REPORT) : [];
  return recordLinks(
    tx,
    deps,
    kase,
    carriers.map((c) => ({ report_id: c.report_id, type: c.type, value: c.value })),
  );
}

/** After a case's media were read: link the case to every melding sharing one of its linkable selectors. */
export const linkCaseToReports = (deps: LinkDeps, caseId: string) =>
  withLinking(deps.pool, (tx) => linkCaseIn(tx, deps, caseId));

/** After a melding's extraction: link it to every case whose media carry one of its linkable selectors. */
export const linkReportToCases = (deps: LinkDeps, reportId: string) =>
  withLinking(deps.pool, async (tx) => {
    const state = await reportLinksRepo(tx).state(reportId);
    if (!state) return { added: 0, signals: 0 };
    const keys = await linkableSelectors(tx, deps, state.selectors);
    const total = { added: 0, signals: 0 };
    const found = await caseSelectorsRepo(tx).casesCarrying(keys);
    for (const caseId of new Set(found.map((f) => f.case_id))) {
      const kase = await casesRepo(tx).byId(caseId);
      if (!kase) continue;
      const wanted = found.filter((f) => f.case_id === caseId).map((f) => ({ ...f, report_id: reportId }));
      const r = await recordLinks(tx, deps, kase, wanted);
      total.added += r.added;
      total.signals += r.signals;
    }
    return total;
  });
