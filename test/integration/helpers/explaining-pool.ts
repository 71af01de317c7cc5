// A pool that also runs each query under EXPLAIN (ANALYZE, BUFFERS) first and adds up the buffers it touched, per
// named step: a measure of the work a use case does that, unlike time, does not depend on the machine's load.
import type { Pool, Queryable } from '../../../storage/db.ts';

type BufferTally = Record<string, number>;

type PlanNode = { 'Shared Hit Blocks'?: number; 'Shared Read Blocks'?: number };

export function explainingPool(db: Queryable) {
  const tally: BufferTally = {};
  let step = 'unnamed';
  const query = async (text: string, values?: unknown[]) => {
    const explained = await db.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${text}`, values);
    const plan = (explained.rows[0]['QUERY PLAN'] as Array<{ Plan: PlanNode }>)[0]!.Plan;
    tally[step] = (tally[step] ?? 0) + (plan['Shared Hit Blocks'] ?? 0) + (plan['Shared Read Blocks'] ?? 0);
    return db.query(text, values);
  };
  return {
    pool: { query } as unknown as Pool,
    tally,
    async measure<T>(name: string, work: () => Promise<T>): Promise<T> {
      step = name;
      try {
        return await work();
      } finally {
        step = 'unnamed';
      }
    },
  };
}
