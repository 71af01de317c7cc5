// Numbered, forward-only plain-SQL migrations, applied by postgres-migrations (which also
// refuses to run if a migration that already landed was edited).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { migrate } from 'postgres-migrations';

const migrationsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export async function runMigrations(connectionString: string): Promise<void> {
  const client = new pg.Client({ connectionString });
  // A dropped connection rejects the statement in flight; an unheard 'error' event would end the process.
  client.on('error', () => undefined);
  await client.connect();
  try {
    // An advisory lock keeps two processes starting at once from racing on the same migrations.
    await client.query('SELECT pg_advisory_lock(727001)');
    await migrate({ client }, migrationsDir, { logger: () => undefined });
  } finally {
    await client.query('SELECT pg_advisory_unlock(727001)').catch(() => undefined);
    await client.end();
  }
}
