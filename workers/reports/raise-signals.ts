// Signals for the frontoffice when a melding joins a cluster: `cross-unit` for every unit of a cluster that spans
// units (each frontoffice its own), `three-or-more` for the joining melding's unit once the cluster holds three.
import type { Queryable } from '../../storage/db.ts';
import { appendAuditEntry } from '../../storage/audit-chain.ts';
import { clustersRepo, type ClusterMember } from '../../storage/repositories/clusters.repository.ts';
import { reportLinksRepo } from '../../storage/repositories/report-links.repository.ts';
import { signalsRepo } from '../../storage/repositories/signals.repository.ts';
import type { AuditKey } from '../../storage/audit-key.ts';
import { isRecent, signalPriority } from './priority.ts';
import { reasonFacts, reasonSentence, type Link, type ReasonCode } from './reasons.ts';

type RaiseDeps = { auditKey: AuditKey; today?: () => string };

const isoToday = () => new Date().toISOString().slice(0, 10);

function priorityOf(members: readonly ClusterMember[], today: string): number {
  return signalPriority({
    minorVictim: members.some((m) => m.victim_minor),
    reports: members.length,
    units: new Set(members.map((m) => m.unit_id)).size,
    recent: members.filter((m) => isRecent(m.received, today)).length,
  });
}

/** Which units get which signal now. */
function wanted(members: readonly ClusterMember[], raisedBy: string): Array<{ unitId: number; code: ReasonCode }> {
  const units = [...new Set(members.map((m) => m.unit_id))].sort((a, b) => a - b);
  const out: Array<{ unitId: number; code: ReasonCode }> =
    units.length > 1 ? units.map((unitId) => ({ unitId, code: 'cross-unit' })) : [];
  const raiser = members.find((m) => m.id === raisedBy);
  if (members.length >= 3 && raiser) out.push({ unitId: raiser.unit_id, code: 'three-or-more' });
  return out;
}

/** Raises the cluster's missing signals and re-prioritises the others; the number raised. Each is audited. */
export async function raiseSignals(tx: Queryable, deps: RaiseDeps, clusterId: number, raisedBy: string) {
  const signals = signalsRepo(tx);
  const members = await clustersRepo(tx).members(clusterId);
  const priority = priorityOf(members, (deps.today ?? isoToday)());
  await signals.reprioritise(clusterId, priority);
  const have = new Set((await signals.existing(clusterId)).map((s) => `${s.unit_id} ${s.reason_code}`));
  const missing = wanted(members, raisedBy).filter((w) => !have.has(`${w.unitId} ${w.code}`));
  if (missing.length === 0) return 0;
  // Only a new signal needs a reason, and only a reason needs the cluster's links.
  const links: Link[] = await reportLinksRepo(tx).inCluster(clusterId);
  const people = members.map((m) => ({ id: m.id, number: m.number, unitId: m.unit_id, unit: m.unit_name }));
  let raised = 0;
  for (const { unitId, code } of missing) {
    const facts = reasonFacts(code, unitId, raisedBy, links, people);
    if (!facts) continue;
    const reason = reasonSentence(facts);
    const id = await signals.insert({ clusterId, unitId, raisedBy, code, reason, priority });
    if (id === null) continue;
    raised += 1;
    await appendAuditEntry(tx, deps.auditKey, {
      actorId: null,
      actorName: 'system:linking',
      action: 'signal.raise',
      targetType: 'signal',
      targetId: String(id),
      details: { cluster: clusterId, unitId, reason: code, priority, melding: raisedBy },
    });
  }
  return raised;
}
