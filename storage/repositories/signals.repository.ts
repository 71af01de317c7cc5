// Signals: escalations to a unit's frontoffice, one per (cluster, unit, reason). Raised by linking; acknowledged,
// assigned and closed by the frontoffice (every step audited by the service).
import { exec, many, one, type Queryable } from '../db.ts';

export type SignalState = 'open' | 'acknowledged' | 'assigned' | 'closed';
export type ReasonCode = 'cross-unit' | 'three-or-more' | 'case-link';

export type SignalRow = {
  id: number;
  cluster_id: number;
  /** The cluster the signal's cluster was merged into meanwhile, or its own. */
  current_cluster: number;
  unit_id: number;
  unit_name: string;
  raised_by_report: string;
  raised_by_number: string;
  reason_code: ReasonCode;
  reason: { nl: string; en: string };
  priority: number;
  state: SignalState;
  assignee: string | null;
  assignee_name: string | null;
  note: string | null;
  created_at: Date;
  updated_at: Date;
};

export type NewSignal = {
  clusterId: number;
  unitId: number;
  raisedBy: string;
  code: ReasonCode;
  reason: { nl: string; en: string };
  priority: number;
};

export type SignalFilter = { unitIds: number[] | null; states: SignalState[] | null; limit: number; offset: number };

const COLUMNS = `s.id, s.cluster_id, coalesce(c.merged_into, c.id) AS current_cluster, s.unit_id, un.name AS unit_name,
  s.raised_by_report, r.number AS raised_by_number, s.reason_code, s.reason, s.priority, s.state, s.assignee,
  u.display_name AS assignee_name, s.note, s.created_at, s.updated_at`;
const FROM = `signals s JOIN units un ON un.id = s.unit_id JOIN reports r ON r.id = s.raised_by_report
  JOIN report_clusters c ON c.id = s.cluster_id LEFT JOIN users u ON u.id = s.assignee`;
const STATE_ORDER = "array_position(ARRAY['open', 'acknowledged', 'assigned', 'closed'], s.state)";

const sql = {
  // A signal already there keeps its reason and who raised it (the caller asks which exist first).
  insert: `INSERT INTO signals (cluster_id, unit_id, raised_by_report, reason_code, reason, priority)
    VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (cluster_id, unit_id, reason_code) DO NOTHING RETURNING id`,
  existing: 'SELECT unit_id, reason_code FROM signals WHERE cluster_id = $1',
  // Unfinished signals follow their cluster's priority as it grows.
  reprioritise: `UPDATE signals SET priority = $2, updated_at = now()
    WHERE cluster_id = $1 AND state <> 'closed' AND priority <> $2`,
  // On a merge the survivor takes over the absorbed clusters' signals, one per (unit, reason), never a duplicate.
  moveTo: `UPDATE signals s SET cluster_id = $1, updated_at = now()
    WHERE s.id IN (
      SELECT DISTINCT ON (m.unit_id, m.reason_code) m.id FROM signals m
      WHERE m.cluster_id = ANY($2::bigint[]) AND NOT EXISTS (SELECT 1 FROM signals t
        WHERE t.cluster_id = $1 AND t.unit_id = m.unit_id AND t.reason_code = m.reason_code)
      ORDER BY m.unit_id, m.reason_code, m.id)`,
  queue: `SELECT ${COLUMNS} FROM ${FROM}
    WHERE ($1::int[] IS NULL OR s.unit_id = ANY($1)) AND ($2::text[] IS NULL OR s.state = ANY($2))
    ORDER BY ${STATE_ORDER}, s.priority DESC, s.created_at, s.id LIMIT $3 OFFSET $4`,
  byId: `SELECT ${COLUMNS} FROM ${FROM} WHERE s.id = $1`,
  lock: 'SELECT id FROM signals WHERE id = $1 FOR UPDATE',
  // A cluster that fell apart entirely (its only selector became public or a hub) has nothing left to work on.
  closeForCluster: `UPDATE signals SET state = 'closed', note = $2, updated_at = now()
    WHERE cluster_id = $1 AND state <> 'closed' RETURNING id`,
  update: `UPDATE signals SET state = $2, assignee = $3, note = coalesce($4, note), updated_at = now()
    WHERE id = $1`,
};

export const signalsRepo = (db: Queryable) => ({
  /** The new signal's id; null when one for this cluster, unit and reason exists. */
  insert: async (s: NewSignal) =>
    (await one<{ id: number }>(db, sql.insert, [s.clusterId, s.unitId, s.raisedBy, s.code, s.reason, s.priority]))
      ?.id ?? null,
  existing: (clusterId: number) => many<{ unit_id: number; reason_code: ReasonCode }>(db, sql.existing, [clusterId]),
  reprioritise: (clusterId: number, priority: number) => exec(db, sql.reprioritise, [clusterId, priority]),
  moveTo: (survivor: number, absorbed: readonly number[]) =>
    absorbed.length ? exec(db, sql.moveTo, [survivor, absorbed]) : 0,
  queue: (f: SignalFilter) => many<SignalRow>(db, sql.queue, [f.unitIds, f.states, f.limit, f.offset]),
  byId: (id: number) => one<SignalRow>(db, sql.byId, [id]),
  lock: (id: number) => exec(db, sql.lock, [id]),
  closeForCluster: async (clusterId: number, note: string) =>
    (await many<{ id: number }>(db, sql.closeForCluster, [clusterId, note])).map((r) => r.id),
  update: (id: number, change: { state: SignalState; assignee: string | null; note: string | null }) =>
    exec(db, sql.update, [id, change.state, change.assignee, change.note]),
});
