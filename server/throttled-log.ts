// While the database is away every worker loop and pooled client reports the same failure several
// times a second: one line per kind of message per interval says it without flooding the log.
export function throttledLog(log: (line: string) => void, intervalMs = 10_000): (line: string) => void {
  const seen = new Map<string, { at: number; suppressed: number }>();
  return (line) => {
    // Same failure, other queue, worker or pid: one kind.
    const kind = line
      .replace(/\s*\(Queue: [^)]*\)/g, '')
      .replace(/[0-9a-f-]{8,}|\d+/gi, '#')
      .slice(0, 160);
    const now = Date.now();
    const entry = seen.get(kind);
    if (entry && now - entry.at < intervalMs) {
      entry.suppressed++;
      return;
    }
    if (seen.size > 200) seen.clear();
    seen.set(kind, { at: now, suppressed: 0 });
    log(entry?.suppressed ? `${line} (and ${entry.suppressed} more like it)` : line);
  };
}
