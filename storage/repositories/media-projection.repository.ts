// The grid's per-case media projection (migration 012). Writers need do nothing: triggers on the source tables
// mark the (case, content) keys they change, in the writer's transaction. A drain recomputes the marked keys
// of one case from the sources, so workers drain after their writes and the grid drains before it reads.
import { one, type Queryable } from '../db.ts';

// Keys per transaction: a drain holds the case's projection lock, so a reader never waits long behind one.
const CHUNK = 5000;

const sql = {
  drain: 'SELECT media_projection_drain($1, $2) AS n',
};

/**
 * Pass the pool: each chunk is its own READ COMMITTED transaction (inside a caller's, the lock would last until its
 * commit; and the drain relies on each of its statements seeing what committed before it).
 */
export const mediaProjectionRepo = (db: Queryable) => ({
  /** Brings every change to the case's content committed so far into the projection; returns the marks taken. */
  async drain(caseId: string): Promise<number> {
    let taken = 0;
    for (;;) {
      const n = (await one<{ n: number }>(db, sql.drain, [caseId, CHUNK]))!.n;
      taken += n;
      if (n < CHUNK) return taken;
    }
  },
});
