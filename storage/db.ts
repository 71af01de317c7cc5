// PostgreSQL access: a pool, the Queryable type repositories take, and small typed helpers.
import pg from 'pg';

// Return bigint/int8 columns as numbers where they fit; counts and ids here stay far below 2^53.
pg.types.setTypeParser(20, (v) => Number(v));

export type Queryable = Pick<pg.Pool | pg.PoolClient, 'query'>;
export type Pool = pg.Pool;

export function createPool(connectionString: string, max = 10): pg.Pool {
  const pool = new pg.Pool({ connectionString, max, idleTimeoutMillis: 10_000 });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  return pool;
}

export async function many<T>(db: Queryable, text: string, values: unknown[] = []): Promise<T[]> {
  const result = await db.query(text, values);
  return result.rows as T[];
}

export async function one<T>(db: Queryable, text: string, values: unknown[] = []): Promise<T | null> {
  const result = await db.query(text, values);
  return (result.rows[0] as T | undefined) ?? null;
}

export async function exec(db: Queryable, text: string, values: unknown[] = []): Promise<number> {
  const result = await db.query(text, values);
  return result.rowCount ?? 0;
}

export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
