// Linking one melding the moment its extraction is done: incremental, through the (type, value) index, never all
// pairs. Links need exact canonical equality of an offender/unknown selector that is neither public nor a hub.
// Concurrent extractions are serialised by one transaction-level advisory lock: linking takes milliseconds, and
// with one writer at a time two meldingen that meet cannot each make a cluster of their own.
import { inTransaction, type Pool, type Queryable } from '../../storage/db.ts';
import type { AuditKey } from '../../storage/audit-key.ts';
import { appendAuditEntry } from '../../storage/audit-chain.ts';
import { clustersRepo } from '../../storage/repositories/clusters.repository.ts';
import { hubsRepo } from '../../storage/repositories/hubs.repository.ts';
import {
  reportLinksRepo,
  type CarrierRow,
  type LinkingState,
  type LinkRow,
  type SelectorKey,
} from '../../storage/repositories/report-links.repository.ts';
import { isPublic } from '../selectors/public-list.ts';
import { SELECTOR_SIGNALS, type SelectorName } from '../signals/index.ts';
import { mergeClusters, splitCluster, unlinkSelector } from './cluster-update.ts';
import { DEFAULT_HUB_POLICY, judgeHub, type HubPolicy } from './hub-rule.ts';
import { forgetVersion, noteVersion, publicList } from './public-cache.ts';
import { raiseSignals } from './raise-signals.ts';

export type LinkDeps = {
  pool: Pool;
  auditKey: AuditKey;
  /** Absent: DEFAULT_HUB_POLICY (server/config.ts passes SPOOR_HUB_REPORTS and SPOOR_HUB_UNITS). */
  hubs?: HubPolicy;
  /** Today as YYYY-MM-DD, for recency in priorities; tests pass a fixed day. */
  today?: () => string;
};

export type LinkOutcome = { links: number; added: number; removed: number; cluster: number | null; signals: number };

const key = (k: SelectorKey) => `${k.type}\u0000${k.value}`;
const linkKey = (l: LinkRow) => `${l.a}\u0000${l.b}\u0000${l.type}\u0000${l.value}`;
const pair = (x: string, y: string, k: SelectorKey): LinkRow => (x < y ? { a: x, b: y, ...k } : { a: y, b: x, ...k });

/** Selectors that may link: usable, not public, not a hub held for review or declared public (cases use it too). */
export async function linkableSelectors(tx: Queryable, deps: LinkDeps, selectors: LinkingState['selectors']) {
  const usable = selectors.filter((k) => SELECTOR_SIGNALS[k.type as SelectorName]?.usable(k.value) === true);
  const held = usable.filter((k) => k.hub !== 'review' && k.hub !== 'public');
  if (held.length === 0) return held;
  const list = await publicList(tx, deps.pool);
  return held.filter((k) => !isPublic(k.type as SelectorName, k.value, list));
}

type Planned = { links: LinkRow[]; partners: CarrierRow[] };
type Me = { id: string; unit_id: number };

/** True (and recorded) when the selector turns out to be a hub: it then links nothing, and loses its links. */
async function becameHub(
  tx: Queryable,
  deps: LinkDeps,
  me: Me,
  k: SelectorKey,
  carriers: CarrierRow[],
  planned: Planned,
): Promise<boolean> {
  const all = [{ id: me.id, unitId: me.unit_id }, ...carriers.map((c) => ({ id: c.report_id, unitId: c.unit_id }))];
  const policy = deps.hubs ?? DEFAULT_HUB_POLICY;
  if (all.length <= policy.reports) return false;
  const stored = await reportLinksRepo(tx).amongExcept(
    all.map((c) => c.id),
    k,
  );
  const ids = new Set(all.map((c) => c.id));
  const mine = planned.links.filter((l) => ids.has(l.a) && ids.has(l.b));
  const verdict = judgeHub(
    all,
    [...stored, ...mine].map((l) => [l.a, l.b] as const),
    policy,
  );
  if (!verdict.hub) return false;
  if (await hubsRepo(tx).flag(k.type, k.value, { reports: verdict.groups, units: verdict.units })) {
    await appendAuditEntry(tx, deps.auditKey, {
      actorId: null,
      actorName: 'system:linking',
      action: 'selector-hub.flag',
      targetType: 'selector',
      targetId: `${k.type}:${k.value}`,
      details: { reports: verdict.groups, units: verdict.units, melding: me.id },
    });
  }
  await unlinkSelector(tx, deps.auditKey, k);
  return true;
}

/** The links this melding should have now, with the meldingen they reach. */
async function planLinks(tx: Queryable, deps: LinkDeps, me: Me, state: LinkingState): Promise<Planned> {
  const selectors = await linkableSelectors(tx, deps, state.selectors);
  const carriers = selectors.length ? await reportLinksRepo(tx).carriers(selectors, me.id) : [];
  const bySelector = new Map<string, CarrierRow[]>();
  for (const c of carriers) bySelector.set(key(c), [...(bySelector.get(key(c)) ?? []), c]);
  const planned: Planned = { links: [], partners: [] };
  for (const k of selectors) {
    const found = bySelector.get(key(k)) ?? [];
    if (found.length === 0) continue;
    if (k.hub !== 'offender' && (await becameHub(tx, deps, me, k, found, planned))) continue;
    planned.links.push(...found.map((c) => pair(me.id, c.report_id, { type: k.type, value: k.value })));
    planned.partners.push(...found);
  }
  return planned;
}

/** Links one melding inside the caller's transaction, which must hold the linking lock (withLinking). */
async function linkReportIn(
  tx: Queryable,
  deps: LinkDeps,
  reportId: string,
  opts: { raise?: boolean } = {},
): Promise<LinkOutcome | null> {
  const links = reportLinksRepo(tx);
  const state = await links.state(reportId);
  if (!state) return null;
  const me = { id: reportId, unit_id: state.unit_id };
  const planned = await planLinks(tx, deps, me, state);
  const wanted = new Set(planned.links.map(linkKey));
  const had = new Set(state.links.map(linkKey));
  const stale = state.links.filter((l) => !wanted.has(linkKey(l)));
  const fresh = planned.links.filter((l) => !had.has(linkKey(l)));
  await links.deleteMany(stale);
  await links.insertMany(fresh);
  let cluster = state.cluster_id;
  // A re-read melding that lost a selector may no longer hold its cluster together.
  if (stale.length > 0 && cluster !== null) {
    await splitCluster(tx, deps.auditKey, cluster);
    cluster = await clustersRepo(tx).clusterOf(reportId);
  }
  let signals = 0;
  if (fresh.length > 0) {
    const partners = [...new Set(planned.partners.map((p) => p.report_id))];
    const clusterIds = await clustersRepo(tx).clustersOf([reportId, ...partners]);
    cluster = await mergeClusters(tx, [reportId, ...partners], clusterIds);
    if (opts.raise !== false) signals = await raiseSignals(tx, deps, cluster, reportId);
  }
  return { links: planned.links.length, added: fresh.length, removed: stale.length, cluster, signals };
}

/** Runs `work` in a transaction holding the linking lock: every change to links and clusters goes through here. */
export function withLinking<T>(
  pool: Pool,
  work: (tx: Queryable) => Promise<T>,
  opts: { flushLater?: boolean } = {},
): Promise<T> {
  return inTransaction(pool, async (tx) => {
    if (opts.flushLater) await clustersRepo(tx).flushLater();
    noteVersion(tx, await clustersRepo(tx).lockLinking());
    try {
      return await work(tx);
    } finally {
      forgetVersion(tx);
    }
  });
}

/**
 * Links a melding whose selectors are stored: its links, its cluster (merging what it joins) and signals. Its commit
 * does not wait for the disk: extraction marks the melding done right after, and that durable commit flushes this
 * one too; a crash before it leaves the melding 'extracting', and the retried job links it again.
 */
export const linkReport = (deps: LinkDeps, reportId: string): Promise<LinkOutcome | null> =>
  withLinking(deps.pool, (tx) => linkReportIn(tx, deps, reportId), { flushLater: true });

/**
 * Links again every melding carrying a selector that may link now (a hub declared an offender's, taken off the public
 * list). Signals are raised once per resulting cluster, as if its most recently received carrier had just joined.
 */
export async function relinkSelector(tx: Queryable, deps: LinkDeps, k: SelectorKey): Promise<number> {
  const carriers = await reportLinksRepo(tx).carrierIds(k);
  let added = 0;
  for (const id of carriers) added += (await linkReportIn(tx, deps, id, { raise: false }))?.added ?? 0;
  if (added === 0) return 0;
  const clusters = new Set<number>();
  for (const id of carriers) clusters.add((await clustersRepo(tx).clusterOf(id)) ?? -1);
  clusters.delete(-1);
  const isCarrier = new Set(carriers);
  for (const cluster of clusters) {
    const newest = (await clustersRepo(tx).members(cluster)).filter((m) => isCarrier.has(m.id)).at(-1);
    if (newest) await raiseSignals(tx, deps, cluster, newest.id);
  }
  return added;
}
