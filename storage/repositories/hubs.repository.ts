// Hubs: selectors seen in too many otherwise unlinked meldingen of too many units, held for an administrator.
import type { SelectorName } from '../../workers/signals/signal-type.ts';
import { exec, many, one, type Queryable } from '../db.ts';

export type HubState = 'review' | 'public' | 'offender';
export type HubRow = {
  type: SelectorName;
  value: string;
  reports: number;
  units: number;
  state: HubState;
  decided_by_name: string | null;
  decided_at: Date | null;
  created_at: Date;
};

const sql = {
  // A hub found again keeps its state (an administrator's decision stands) and gets the latest counts.
  flag: `INSERT INTO selector_hubs (type, value, reports, units) VALUES ($1, $2, $3, $4)
    ON CONFLICT (type, value) DO UPDATE SET reports = EXCLUDED.reports, units = EXCLUDED.units
    RETURNING (xmax = 0) AS inserted`,
  list: `SELECT * FROM selector_hubs WHERE ($1::text IS NULL OR state = $1)
    ORDER BY state = 'review' DESC, reports DESC, type, value`,
  byKey: 'SELECT * FROM selector_hubs WHERE type = $1 AND value = $2 FOR UPDATE',
  decide: `UPDATE selector_hubs SET state = $3, decided_by_name = $4, decided_at = now()
    WHERE type = $1 AND value = $2`,
};

export const hubsRepo = (db: Queryable) => ({
  /** True when the hub is new. */
  flag: async (type: string, value: string, counts: { reports: number; units: number }) =>
    (await one<{ inserted: boolean }>(db, sql.flag, [type, value, counts.reports, counts.units]))!.inserted,
  list: (state: HubState | null) => many<HubRow>(db, sql.list, [state]),
  /** The hub, locked for a decision; null when there is none. */
  byKey: (type: string, value: string) => one<HubRow>(db, sql.byKey, [type, value]),
  decide: (type: string, value: string, state: HubState, by: string) => exec(db, sql.decide, [type, value, state, by]),
});
