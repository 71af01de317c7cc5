// After a `kill -9` of its Node owner the embedded PostgreSQL runs on as an orphan and holds the data
// directory's lock, so the next start failed until someone stopped it by hand. This finds such a
// postmaster of *our own* data directory, makes sure its owner is gone, and stops it cleanly.
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export type Postmaster = { pid: number; dataDir: string; port: number | null };

class DatabaseInUse extends Error {
  constructor(dir: string, postmaster: number, owner: number) {
    super(
      `The database in ${dir} is in use by process ${owner} (PostgreSQL pid ${postmaster}), ` +
        'probably another Spoor command on this data directory. Let it finish or stop it, then start again.',
    );
    this.name = 'DatabaseInUse';
  }
}

/** The postmaster.pid lock file of a cluster directory: pid, data directory and port. */
export async function readPostmasterPid(databaseDir: string): Promise<Postmaster | null> {
  const text = await fs.readFile(path.join(databaseDir, 'postmaster.pid'), 'utf8').catch(() => null);
  if (text === null) return null;
  const [pid, dataDir, , port] = text.split('\n');
  const parsed = Number(pid);
  if (!Number.isInteger(parsed) || parsed <= 0) return { pid: 0, dataDir: dataDir ?? '', port: null };
  return { pid: parsed, dataDir: dataDir ?? '', port: Number(port) || null };
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // alive, owned by another user
  }
}

/** argv and parent pid of a process, from /proc where there is one, else from ps. */
async function processInfo(pid: number): Promise<{ argv: string[]; ppid: number } | null> {
  try {
    const argv = (await fs.readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0').filter(Boolean);
    const stat = await fs.readFile(`/proc/${pid}/stat`, 'utf8');
    return { argv, ppid: Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) };
  } catch {
    const out = await run('ps', ['-o', 'ppid=,args=', '-p', String(pid)]).catch(() => null);
    const match = out && /^\s*(\d+)\s+(.*)$/.exec(out.stdout.trim());
    return match ? { argv: match[2]!.split(/\s+/), ppid: Number(match[1]) } : null;
  }
}

/** True when `pid` is a postgres server started with `-D databaseDir`, not some process that reused the pid. */
async function isPostmasterOf(pid: number, databaseDir: string): Promise<{ ppid: number } | null> {
  const info = await processInfo(pid);
  if (!info || !/postgres$/.test(path.basename(info.argv[0] ?? ''))) return null;
  const dir = info.argv[info.argv.indexOf('-D') + 1];
  return dir && path.resolve(dir) === path.resolve(databaseDir) ? { ppid: info.ppid } : null;
}

async function nodeParent(ppid: number): Promise<number | null> {
  const info = ppid > 1 ? await processInfo(ppid) : null;
  return info && /node/.test(path.basename(info.argv[0] ?? '')) ? ppid : null;
}

async function waitForExit(pid: number, ms: number): Promise<boolean> {
  for (const deadline = Date.now() + ms; Date.now() < deadline; await sleep(100)) if (!isAlive(pid)) return true;
  return !isAlive(pid);
}

/** Fast shutdown (SIGINT), then immediate shutdown (SIGQUIT), then SIGKILL: each given time to finish. */
async function stopPostmaster(pid: number, graceMs = 15_000): Promise<string> {
  for (const [signal, wait] of [
    ['SIGINT', graceMs],
    ['SIGQUIT', 5_000],
    ['SIGKILL', 5_000],
  ] as const) {
    try {
      process.kill(pid, signal);
    } catch {
      return signal; // already gone
    }
    if (await waitForExit(pid, wait)) return signal;
  }
  throw new Error(`PostgreSQL (pid ${pid}) did not stop, even after SIGKILL. Stop it by hand and start again.`);
}

/** Stops whatever postmaster now serves `databaseDir` (one restarted from outside is not our child). */
export async function stopPostmasterOf(databaseDir: string): Promise<void> {
  const lock = await readPostmasterPid(databaseDir);
  if (!lock || lock.pid <= 0 || !isAlive(lock.pid)) return;
  if (await isPostmasterOf(lock.pid, databaseDir)) await stopPostmaster(lock.pid);
}

/**
 * Clears what a crashed owner left in `databaseDir`. `ownerPid` is the Node process recorded as having
 * started the cluster; a postmaster whose parent is still that process is in use and is left alone.
 */
export async function recoverStalePostmaster(
  databaseDir: string,
  ownerPid: number | null,
  log: (line: string) => void,
): Promise<void> {
  const lock = await readPostmasterPid(databaseDir);
  if (!lock) return;
  const own = lock.pid > 0 && isAlive(lock.pid) ? await isPostmasterOf(lock.pid, databaseDir) : null;
  if (!own) {
    // A dead postmaster's lock: PostgreSQL removes it itself unless its pid now names a live process.
    if (lock.pid > 0 && isAlive(lock.pid)) {
      log(`Removing the stale PostgreSQL lock file of dead process ${lock.pid} (the pid now names another process).`);
      await fs.rm(path.join(databaseDir, 'postmaster.pid'), { force: true });
    }
    return;
  }
  // Without a record (a cluster started by an older Spoor), a live Node parent counts as the owner.
  const owner = ownerPid ?? (await nodeParent(own.ppid));
  const inUse = owner !== null && own.ppid === owner && owner !== process.pid;
  if (inUse) throw new DatabaseInUse(databaseDir, lock.pid, owner);
  const started = Date.now();
  const signal = await stopPostmaster(lock.pid);
  const took = Date.now() - started;
  log(`Stopped PostgreSQL (pid ${lock.pid}) left running by a crashed Spoor process (${signal}, ${took} ms).`);
}
