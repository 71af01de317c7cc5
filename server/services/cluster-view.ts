// A cluster as one actor may see it: its meldingen (hit/no-hit for those the actor may not open), the links with
// the selector that made each (a value only when the actor may open one end), and "lijkt op" hints — values one
// slip away in other meldingen, shown for the analyst and never linked.
import type { Pool } from '../../storage/db.ts';
import { clustersRepo } from '../../storage/repositories/clusters.repository.ts';
import { reportLinksRepo, type SelectorKey } from '../../storage/repositories/report-links.repository.ts';
import { selectorOccurrencesRepo } from '../../storage/repositories/selector-occurrences.repository.ts';
import { nearHalves } from '../../workers/reports/near-keys.ts';
import { findNearMisses, type NearMiss } from '../../workers/selectors/near-miss.ts';
import type { SelectorName } from '../../workers/signals/index.ts';
import type { Actor } from './actor.ts';
import type { Disclosure, ReportOwnerRef } from './disclosure.ts';

export type ViewDeps = { pool: Pool; disclosure: Disclosure };

type ClusterLink = { a: string; aUnit: string; b: string; bUnit: string; type: string; value: string | null };
type NearHint = {
  report: string;
  type: string;
  value: string;
  near: Array<{ value: string | null; reason: NearMiss['reason']; report: ReportOwnerRef }>;
};
export type ClusterView = { id: number; reports: ReportOwnerRef[]; links: ClusterLink[]; hints: NearHint[] };

/** The melding's own values that may link, each with the values one slip away elsewhere (hidden ones: no value). */
export async function nearHints(deps: ViewDeps, actor: Actor, report: { id: string; number: string }) {
  const occurrences = await selectorOccurrencesRepo(deps.pool).forReport(report.id);
  const keys = new Map<string, SelectorKey>();
  for (const o of occurrences) if (o.role === 'offender' || o.role === 'unknown') keys.set(`${o.type} ${o.value}`, o);
  const hints: NearHint[] = [];
  for (const { type, value } of keys.values()) {
    const candidates = await reportLinksRepo(deps.pool).nearCandidates(
      { type, value },
      nearHalves(type, value),
      report.id,
    );
    const misses = findNearMisses(
      type as SelectorName,
      value,
      candidates.map((c) => c.value),
    );
    if (misses.length === 0) continue;
    const owners = await deps.disclosure.reportOwners(
      actor,
      candidates.map((c) => c.report_id),
    );
    const near = misses.flatMap((miss) =>
      candidates
        .filter((c) => c.value === miss.value && owners.has(c.report_id))
        .map((c) => {
          const owner = owners.get(c.report_id)!;
          return { value: owner.visible ? miss.value : null, reason: miss.reason, report: owner };
        }),
    );
    hints.push({ report: report.number, type, value, near });
  }
  return hints;
}

/** The cluster (followed to where it was merged) as the actor may see it; null when it has no meldingen. */
export async function clusterView(deps: ViewDeps, actor: Actor, clusterId: number): Promise<ClusterView | null> {
  const clusters = clustersRepo(deps.pool);
  const id = await clusters.effective(clusterId);
  const members = id === null ? [] : await clusters.members(id);
  if (id === null || members.length === 0) return null;
  const owners = await deps.disclosure.reportOwners(
    actor,
    members.map((m) => m.id),
  );
  const owner = (reportId: string) => owners.get(reportId)!;
  const links = (await reportLinksRepo(deps.pool).inCluster(id)).map((l) => ({
    a: owner(l.a).number,
    aUnit: owner(l.a).unit,
    b: owner(l.b).number,
    bUnit: owner(l.b).unit,
    type: l.type,
    // A value both ends hide would be a word from another unit's melding.
    value: owner(l.a).visible || owner(l.b).visible ? l.value : null,
  }));
  const hints: NearHint[] = [];
  for (const m of members) if (owner(m.id).visible) hints.push(...(await nearHints(deps, actor, m)));
  return { id, reports: members.map((m) => owner(m.id)), links, hints };
}

/** True when the actor may open at least one melding of the view (administrators: any cluster). */
export const maySeeCluster = (actor: Actor, view: ClusterView | null): view is ClusterView =>
  view !== null && (actor.role === 'admin' || view.reports.some((r) => r.visible));
