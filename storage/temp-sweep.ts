// Temporary files a crash left behind: upload parts, content spools, evidence downloads, archive-walk
// and video-analysis folders. One goes only when nothing has written to it for the given age and no process on this machine
// holds it open (a long unpack reads its spool for hours without touching it).
import fs from 'node:fs/promises';
import path from 'node:path';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
/** What Spoor names its temporary files in a store's spool folder. */
export const SPOOL_TEMP_NAMES = new RegExp(`^(?:${UUID}\\.(?:part|spool|evidence)|spoor-walk-[A-Za-z0-9]+)$`);
/** Archive walks and video analyses in the OS temp folder (shared with everything else: only our own names). */
export const OS_TEMP_NAMES = /^spoor-(?:walk|video)-[A-Za-z0-9]+$/;

export type TempArea = { dir: string; names: RegExp };

/** The newest modification of a file, or of anything inside a folder (symlinks are not followed). */
async function newestChange(file: string): Promise<number> {
  const stat = await fs.lstat(file);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of await fs.readdir(file)) newest = Math.max(newest, await newestChange(path.join(file, entry)));
  return newest;
}

/** Paths under `dirs` that a process has open or works in, from /proc; null where there is no /proc. */
async function pathsInUse(dirs: string[]): Promise<string[] | null> {
  const pids = await fs.readdir('/proc').catch(() => null);
  if (!pids) return null;
  const links = async (pid: string) => {
    const fds = await fs.readdir(`/proc/${pid}/fd`).catch(() => [] as string[]);
    const targets = await Promise.all(
      [...fds.map((fd) => `/proc/${pid}/fd/${fd}`), `/proc/${pid}/cwd`].map((link) =>
        fs.readlink(link).catch(() => ''),
      ),
    );
    return targets.filter((t) => dirs.some((d) => t.startsWith(d + path.sep)));
  };
  return (await Promise.all(pids.filter((p) => /^\d+$/.test(p)).map(links))).flat();
}

async function staleCandidates(areas: TempArea[], cutoff: number): Promise<string[]> {
  const found: string[] = [];
  for (const { dir, names } of areas) {
    for (const name of await fs.readdir(dir).catch(() => [] as string[])) {
      const full = path.join(dir, name);
      if (names.test(name) && (await newestChange(full).catch(() => Infinity)) < cutoff) found.push(full);
    }
  }
  return found;
}

/** Removes the stale temporary files of `areas`; returns what it removed. */
export async function sweepStaleTemp(areas: TempArea[], minAgeMs: number): Promise<string[]> {
  const resolved = areas.map((a) => ({ ...a, dir: path.resolve(a.dir) }));
  const candidates = await staleCandidates(resolved, Date.now() - minAgeMs);
  if (candidates.length === 0) return [];
  const inUse = (await pathsInUse(resolved.map((a) => a.dir))) ?? [];
  const removed: string[] = [];
  for (const file of candidates) {
    if (inUse.some((p) => p === file || p.startsWith(file + path.sep))) continue;
    // Another user's leftovers in the shared temp folder are theirs to clear.
    if (
      await fs.rm(file, { recursive: true, force: true }).then(
        () => true,
        () => false,
      )
    )
      removed.push(file);
  }
  return removed;
}
