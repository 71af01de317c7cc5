// PostgreSQL access: a pool, the Queryable type repositories take, and small typed helpers.
import pg from 'pg';

// Return bigint/int8 columns as numbers where they fit; counts and ids here stay far below 2^53.
pg.types.setTypeParser(20, (v) => Number(v));

export type Queryable = Pick<pg.Pool | pg.PoolClient, 'query'>;
export type Pool = pg.Pool;

export function createPool(
  connectionString: string,
  max = 10,
  onError: (error: Error) => void = () => undefined,
): pg.Pool {
  const pool = new pg.Pool({ connectionString, max, idleTimeoutMillis: 10_000 });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', onError);
  // pg-pool drops its listener while a client is checked out, and an unheard 'error' (a database
  // restart mid-transaction) ends the process; the query in flight rejects with the same error anyway.
  pool.on('connect', (client) => client.on('error', onError));
  return pool;
}

// Connection-level failures: the database is away (restart, crash, network), not a wrong query. Not
// ECONNRESET or EPIPE: those are as likely an aborted upload or an object store as the database.
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ETIMEDOUT', 'EHOSTUNREACH', '57P01', '57P02', '57P03', '53300']);
const UNAVAILABLE_MESSAGE =
  /Connection terminated|not queryable|Client was closed|timeout exceeded when trying to connect/i;

/** True when `error` says the database cannot be reached right now, so the same request may succeed later. */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (error instanceof AggregateError && error.errors.some(isDatabaseUnavailable)) return true;
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || /^08...$/.test(code))) return true;
  return UNAVAILABLE_MESSAGE.test(error.message);
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
