// The managed list of public selectors that never link (helplines, police numbers, platforms' own domains).
// Removed entries are kept with who removed them, so the start-up seed never brings one back.
import type { SelectorName } from '../../workers/signals/signal-type.ts';
import { exec, many, type Queryable } from '../db.ts';

export type PublicSelectorRow = {
  type: SelectorName;
  value: string;
  note: string;
  added_by_name: string;
  added_at: Date;
};

const sql = {
  active: `SELECT type, value, note, added_by_name, added_at FROM public_selectors
    WHERE removed_at IS NULL ORDER BY type, value`,
  // Only entries never seen before: an administrator's removal stands.
  seed: `INSERT INTO public_selectors (type, value, note)
    SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) ON CONFLICT (type, value) DO NOTHING`,
  // Adding what was removed once makes it public again, under the new name and note.
  add: `INSERT INTO public_selectors (type, value, note, added_by_name) VALUES ($1, $2, $3, $4)
    ON CONFLICT (type, value) DO UPDATE SET note = EXCLUDED.note, added_by_name = EXCLUDED.added_by_name,
      added_at = now(), removed_by_name = NULL, removed_at = NULL
    WHERE public_selectors.removed_at IS NOT NULL`,
  remove: `UPDATE public_selectors SET removed_by_name = $3, removed_at = now()
    WHERE type = $1 AND value = $2 AND removed_at IS NULL`,
};

export const publicSelectorsRepo = (db: Queryable) => ({
  active: () => many<PublicSelectorRow>(db, sql.active),
  seed: (rows: ReadonlyArray<{ type: string; value: string; note: string }>) =>
    exec(db, sql.seed, [rows.map((r) => r.type), rows.map((r) => r.value), rows.map((r) => r.note)]),
  /** False when it is on the list already. */
  add: async (type: string, value: string, note: string, by: string) =>
    (await exec(db, sql.add, [type, value, note, by])) > 0,
  /** False when it was not on the list. */
  remove: async (type: string, value: string, by: string) => (await exec(db, sql.remove, [type, value, by])) > 0,
});
