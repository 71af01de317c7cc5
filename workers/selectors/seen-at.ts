// When an IP address was seen, as the text says it: "om 14:32 vanaf 192.0.2.44", "192.0.2.44 (12-03-2026 14:32)".

type Stamp = { start: number; end: number; text: string };
type Located = { type: string; start: number; end: number };

const ISO_STAMP = /\b(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)(?:\.\d+)?\s*(Z|UTC|[+-]\d{2}:?\d{2})?/g;
const DATE = /\b(?:(\d{4})-(\d{2})-(\d{2})|(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}))\b/g;
const TIME =
  /(?<![\d:.])([01]?\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?(?![\d:])(?:\s*(?:uur|u\b))?(?:\s*(UTC|CET|CEST|GMT))?/g;
const DATE_NEAR_TIME = 24;

function pad(n: string): string {
  return n.padStart(2, '0');
}

/** Every date-and-time, date or time on one line, each written as "YYYY-MM-DD HH:MM[:SS][ zone]". */
function stampsIn(line: string, offset: number): Stamp[] {
  const stamps: Stamp[] = [];
  const taken = (start: number, end: number) => stamps.some((s) => s.start < end + offset && start + offset < s.end);
  for (const m of line.matchAll(ISO_STAMP)) {
    const zone = m[3] === undefined ? '' : ` ${m[3] === 'Z' ? 'UTC' : m[3]}`;
    stamps.push({ start: offset + m.index, end: offset + m.index + m[0].length, text: `${m[1]} ${m[2]}${zone}` });
  }
  const dates = [...line.matchAll(DATE)].filter((m) => !taken(m.index, m.index + m[0].length));
  for (const m of line.matchAll(TIME)) {
    if (taken(m.index, m.index + m[0].length)) continue;
    const time = `${pad(m[1])}:${m[2]}${m[3] === undefined ? '' : `:${m[3]}`}${m[4] === undefined ? '' : ` ${m[4]}`}`;
    const date = dates.find((d) => Math.abs(d.index - m.index) <= DATE_NEAR_TIME);
    const day =
      date === undefined
        ? ''
        : date[1]
          ? `${date[1]}-${date[2]}-${date[3]} `
          : `${date[6]}-${pad(date[5])}-${pad(date[4])} `;
    stamps.push({
      start: offset + Math.min(m.index, date?.index ?? m.index),
      end: offset + m.index + m[0].length,
      text: day + time,
    });
  }
  return stamps.sort((a, b) => a.start - b.start);
}

/**
 * The stamp each IP address on a line was seen at. A line that starts with a time writes "time, then address"
 * ("om 14:32 vanaf …"); otherwise "address, then time" ("… om 14:32"). Each address looks its own way first,
 * never past a neighbouring address, and falls back to the other side.
 */
export function seenAtByIndex(text: string, found: readonly Located[]): Map<number, string> {
  const result = new Map<number, string>();
  let lineStart = 0;
  for (const line of text.split('\n')) {
    const lineEnd = lineStart + line.length;
    const stamps = stampsIn(line, lineStart).filter((s) => !found.some((f) => s.start < f.end && f.start < s.end));
    const ips = found
      .map((f, index) => ({ ...f, index }))
      .filter((f) => f.type === 'ip' && f.start >= lineStart && f.end <= lineEnd);
    const timeFirst = stamps.length > 0 && ips.length > 0 && stamps[0].start < ips[0].start;
    ips.forEach((address, i) => {
      const from = i === 0 ? lineStart : ips[i - 1].end;
      const to = i === ips.length - 1 ? lineEnd : ips[i + 1].start;
      const before = stamps.filter((s) => s.start >= from && s.end <= address.start).at(-1);
      const after = stamps.find((s) => s.start >= address.end && s.end <= to);
      const stamp = timeFirst ? (before ?? after) : (after ?? before);
      if (stamp !== undefined) result.set(address.index, stamp.text);
    });
    lineStart = lineEnd + 1;
  }
  return result;
}
