// Signals for the frontoffice: its unit's queue, one signal with its cluster (other units' meldingen as hit/no-hit),
// and the steps: acknowledge, assign to a member of the unit, close with a note. Every view and step is audited.
// Need-to-know as for meldingen: the unit's frontoffice and leads, and administrators; for others it is a 404.
import { inTransaction, type Pool, type Queryable } from '../../storage/db.ts';
import { reportsRepo } from '../../storage/repositories/reports.repository.ts';
import { signalsRepo, type SignalRow, type SignalState } from '../../storage/repositories/signals.repository.ts';
import { usersRepo } from '../../storage/repositories/users.repository.ts';
import { BadInput, Conflict, NotYours } from '../errors.ts';
import type { Actor } from './actor.ts';
import type { AuditService } from './audit.service.ts';
import { isUuid } from './cases.service.ts';
import { clusterView, maySeeCluster, nearHints, type ClusterView } from './cluster-view.ts';
import type { Disclosure } from './disclosure.ts';
import { mayOpenReport, reportNotFound } from './report-access.ts';

type Deps = { pool: Pool; audit: AuditService; disclosure: Disclosure };
export type SignalQuery = { state?: SignalState; unit?: string; limit?: number; offset?: number };

const signalNotFound = () =>
  new NotYours({
    nl: 'Signaal niet gevonden, of niet voor uw eenheid. Open de signalen van uw eigen eenheid in de wachtrij.',
    en: 'Signal not found, or not for your unit. Open the signals of your own unit from the queue.',
  });

const clusterNotFound = () =>
  new NotYours({
    nl: 'Cluster niet gevonden, of zonder melding die u mag openen. Open het cluster vanuit een melding of signaal.',
    en: 'Cluster not found, or without a melding you may open. Open the cluster from a melding or a signal.',
  });

const closedAlready = (id: number) =>
  new Conflict({
    nl: `Signaal ${id} is al gesloten. Een nieuwe melding in het cluster geeft zo nodig een nieuw signaal.`,
    en: `Signal ${id} is closed already. A new melding in the cluster raises a new signal where needed.`,
  });

async function visibleSignal(db: Queryable, actor: Actor, id: number): Promise<SignalRow> {
  const row = await signalsRepo(db).byId(id);
  if (!row || !mayOpenReport(actor, row.unit_id)) throw signalNotFound();
  return row;
}

/** The units whose queue the actor may read (null: all); outside the need-to-know an empty queue. */
async function queueUnits(pool: Pool, actor: Actor, unit?: string): Promise<number[] | null> {
  const named = unit ? await usersRepo(pool).unitByName(unit) : null;
  if (unit && !named) {
    throw new BadInput({ nl: `Onbekende eenheid "${unit.slice(0, 40)}".`, en: `Unknown unit "${unit.slice(0, 40)}".` });
  }
  if (actor.role === 'admin') return named ? [named.id] : null;
  if (!mayOpenReport(actor, actor.unitId) || (named && named.id !== actor.unitId)) return [];
  return [actor.unitId];
}

type Step = { action: 'acknowledge' | 'assign' | 'close'; assignee?: string; note?: string };

async function assigneeFor(db: Queryable, signal: SignalRow, username: string): Promise<string> {
  const user = await usersRepo(db).byUsername(username);
  const member = user && !user.disabled && user.unit_id === signal.unit_id;
  if (!member || !mayOpenReport({ id: user.id, username, role: user.role, unitId: user.unit_id }, signal.unit_id)) {
    throw new BadInput({
      nl:
        `"${username.slice(0, 40)}" is geen actieve frontoffice-medewerker of teamleider van ${signal.unit_name}. ` +
        'Kies iemand van die eenheid.',
      en:
        `"${username.slice(0, 40)}" is not an active frontoffice member or lead of ${signal.unit_name}. ` +
        'Choose someone of that unit.',
    });
  }
  return user.id;
}

/** The next state of a signal after a step; closing needs a note that says what was done. */
async function applyStep(db: Queryable, signal: SignalRow, step: Step) {
  if (signal.state === 'closed') throw closedAlready(signal.id);
  if (step.action === 'acknowledge') {
    return { state: signal.state === 'open' ? 'acknowledged' : signal.state, assignee: signal.assignee, note: null };
  }
  if (step.action === 'assign') {
    return { state: 'assigned' as const, assignee: await assigneeFor(db, signal, step.assignee ?? ''), note: null };
  }
  const note = step.note?.trim() ?? '';
  if (note === '') {
    throw new BadInput({
      nl: 'Schrijf bij het sluiten een notitie: wat is er met het signaal gedaan?',
      en: 'Write a note when closing: what was done with the signal?',
    });
  }
  return { state: 'closed' as const, assignee: signal.assignee, note: note.slice(0, 4000) };
}

export function signalsService(pool: Pool, audit: AuditService, disclosure: Disclosure) {
  const deps: Deps = { pool, audit, disclosure };
  const view = async (actor: Actor, clusterId: number) => {
    const v = await clusterView(deps, actor, clusterId);
    return maySeeCluster(actor, v) ? v : null;
  };
  return {
    async queue(actor: Actor, q: SignalQuery) {
      const unitIds = await queueUnits(pool, actor, q.unit);
      const [limit, offset] = [q.limit ?? 100, q.offset ?? 0];
      const filter = { unitIds, states: q.state ? [q.state] : null, limit, offset };
      const rows = unitIds?.length === 0 ? [] : await signalsRepo(pool).queue(filter);
      const details = { unitIds, state: q.state ?? null, offset, limit, count: rows.length };
      await audit.record(actor, { action: 'signal.list', targetType: 'signal', details });
      return { rows, next: rows.length === limit ? offset + limit : null };
    },

    async detail(actor: Actor, id: number): Promise<{ signal: SignalRow; cluster: ClusterView | null }> {
      const signal = await visibleSignal(pool, actor, id);
      const cluster = await view(actor, signal.current_cluster);
      const details = { cluster: signal.current_cluster, unitId: signal.unit_id, reports: cluster?.reports.length };
      await audit.record(actor, { action: 'signal.view', targetType: 'signal', targetId: String(id), details });
      return { signal, cluster };
    },

    async step(actor: Actor, id: number, step: Step): Promise<SignalRow> {
      await inTransaction(pool, async (tx) => {
        await signalsRepo(tx).lock(id);
        const signal = await visibleSignal(tx, actor, id);
        const next = await applyStep(tx, signal, step);
        await signalsRepo(tx).update(id, next);
        const details = { from: signal.state, to: next.state, assignee: step.assignee ?? null, note: next.note };
        await audit.record(
          actor,
          { action: `signal.${step.action}`, targetType: 'signal', targetId: String(id), details },
          tx,
        );
      });
      return (await signalsRepo(pool).byId(id))!;
    },

    /** The melding view's links: its cluster and its "lijkt op" hints (display only, never linked). */
    async reportLinks(actor: Actor, reportId: string) {
      const report = isUuid(reportId) ? await reportsRepo(pool).byId(reportId) : null;
      if (!report || !mayOpenReport(actor, report.unit_id)) throw reportNotFound();
      const hints = await nearHints(deps, actor, report);
      const cluster = report.cluster_id === null ? null : await clusterView(deps, actor, report.cluster_id);
      const details = { cluster: cluster?.id ?? null, hints: hints.length };
      await audit.record(actor, { action: 'report.links.view', targetType: 'report', targetId: report.id, details });
      return { cluster, hints };
    },

    async cluster(actor: Actor, clusterId: number): Promise<ClusterView> {
      const v = await view(actor, clusterId);
      if (!v) throw clusterNotFound();
      await audit.record(actor, { action: 'cluster.view', targetType: 'cluster', targetId: String(v.id) });
      return v;
    },
  };
}
