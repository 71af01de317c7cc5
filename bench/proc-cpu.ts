// Where the CPU goes, by kind of thread: this process's main thread, its other Node threads (the libuv pool,
// where sharp waits and file I/O runs, and V8's helpers: Node 20 leaves them unnamed), libvips' pixel workers,
// and the embedded PostgreSQL's processes. Read from /proc, so Linux only; elsewhere every figure is 0.
import fs from 'node:fs';

export type CpuSplit = { main: number; node: number; libvips: number; postgres: number };

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** utime+stime (and, for a process, its reaped children's) in ms, and the command name. */
function readStat(path: string, withChildren: boolean): { comm: string; ppid: number; ms: number } | null {
  try {
    const text = fs.readFileSync(path, 'utf8');
    const comm = text.slice(text.indexOf('(') + 1, text.lastIndexOf(')'));
    const fields = text
      .slice(text.lastIndexOf(')') + 2)
      .split(' ')
      .map(Number);
    const ticks = fields[11]! + fields[12]! + (withChildren ? fields[13]! + fields[14]! : 0);
    return { comm, ppid: fields[1]!, ms: ticks * TICK_MS };
  } catch {
    return null; // gone meanwhile, or no /proc
  }
}

function postgresMs(): number {
  const children = new Map<number, number[]>();
  const stats = new Map<number, { comm: string; ms: number }>();
  const pids = fs.existsSync('/proc') ? fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d)) : [];
  for (const pid of pids.map(Number)) {
    const s = readStat(`/proc/${pid}/stat`, true);
    if (!s) continue;
    stats.set(pid, s);
    children.set(s.ppid, [...(children.get(s.ppid) ?? []), pid]);
  }
  let total = 0;
  for (const queue = [process.pid]; queue.length > 0;) {
    for (const child of children.get(queue.pop()!) ?? []) {
      if (stats.get(child)!.comm.startsWith('postgres')) total += stats.get(child)!.ms;
      queue.push(child);
    }
  }
  return total;
}

/** libvips counts what is left of the process total, so its workers that exited meanwhile are not lost. */
export function cpuSplit(): CpuSplit {
  const split: CpuSplit = { main: 0, node: 0, libvips: 0, postgres: postgresMs() };
  const tasks = fs.existsSync('/proc/self/task') ? fs.readdirSync('/proc/self/task') : [];
  for (const tid of tasks) {
    const s = readStat(`/proc/self/task/${tid}/stat`, false);
    if (!s || s.comm.startsWith('libvips')) continue;
    if (Number(tid) === process.pid) split.main += s.ms;
    else split.node += s.ms;
  }
  split.libvips = (readStat('/proc/self/stat', false)?.ms ?? 0) - split.main - split.node;
  return split;
}

/** "main 12, node 8, libvips 20, postgres 5" in ms per item between two readings. */
export function describeSplit(before: CpuSplit, after: CpuSplit, items: number): string {
  const keys = Object.keys(before) as Array<keyof CpuSplit>;
  return keys.map((k) => `${k} ${((after[k] - before[k]) / items).toFixed(1)}`).join(', ');
}
