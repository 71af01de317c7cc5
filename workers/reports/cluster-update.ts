// Keeping reports.cluster_id equal to the connected components of report_links, locally: a merge touches the
// clusters one melding's links meet; a split recomputes one cluster from its own links. Never all meldingen.
import type { Queryable } from '../../storage/db.ts';
import { appendAuditEntry } from '../../storage/audit-chain.ts';
import type { AuditKey } from '../../storage/audit-key.ts';
import { clustersRepo } from '../../storage/repositories/clusters.repository.ts';
import { reportLinksRepo, type SelectorKey } from '../../storage/repositories/report-links.repository.ts';
import { signalsRepo } from '../../storage/repositories/signals.repository.ts';
import { mergePlan, splitPlan } from './components.ts';

/** Puts `reportIds` (linked to one another) in one cluster: the oldest they meet, merging the others into it. */
export async function mergeClusters(
  tx: Queryable,
  reportIds: readonly string[],
  clusterIds: ReadonlyArray<number | null>,
): Promise<number> {
  const clusters = clustersRepo(tx);
  const { survivor, absorbed } = mergePlan(clusterIds);
  const target = survivor ?? (await clusters.create());
  await clusters.absorb(target, absorbed);
  await signalsRepo(tx).moveTo(target, absorbed);
  await clusters.assign(reportIds, target);
  await clusters.touch(target);
  return target;
}

const DISSOLVED =
  'Automatisch gesloten: het cluster bestaat niet meer, want zijn selector is openbaar of een hub geworden. ' +
  '/ Closed automatically: the cluster no longer exists, as its selector became public or a hub.';

/** A cluster that no longer exists closes its signals, each closure audited. */
async function closeDissolved(tx: Queryable, auditKey: AuditKey, clusterId: number): Promise<void> {
  for (const id of await signalsRepo(tx).closeForCluster(clusterId, DISSOLVED)) {
    await appendAuditEntry(tx, auditKey, {
      actorId: null,
      actorName: 'system:linking',
      action: 'signal.close.auto',
      targetType: 'signal',
      targetId: String(id),
      details: { cluster: clusterId, reason: 'cluster dissolved' },
    });
  }
}

/** Recomputes one cluster from the links left in it: the largest part keeps the id, the rest split off. */
export async function splitCluster(tx: Queryable, auditKey: AuditKey, clusterId: number): Promise<void> {
  const clusters = clustersRepo(tx);
  const members = (await clusters.members(clusterId)).map((m) => m.id);
  const links = (await reportLinksRepo(tx).inCluster(clusterId)).map((l) => [l.a, l.b] as const);
  const { keep, apart, alone } = splitPlan(members, links);
  if (keep.length === members.length) return;
  for (const group of apart) await clusters.assign(group, await clusters.create());
  if (alone.length > 0) await clusters.assign(alone, null);
  await clusters.touch(clusterId);
  if (keep.length === 0) await closeDissolved(tx, auditKey, clusterId);
}

/** Removes every link a selector made (it became public, or a hub) and splits the clusters that held only by it. */
export async function unlinkSelector(tx: Queryable, auditKey: AuditKey, key: SelectorKey): Promise<number> {
  const removed = await reportLinksRepo(tx).deleteBySelector(key);
  const touched = new Set<number>();
  for (const id of new Set(removed.flatMap((l) => [l.a, l.b]))) {
    const cluster = await clustersRepo(tx).clusterOf(id);
    if (cluster !== null) touched.add(cluster);
  }
  for (const cluster of touched) await splitCluster(tx, auditKey, cluster);
  return removed.length;
}
