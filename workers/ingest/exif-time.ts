// Capture times as cameras and tools write them, turned into ISO 8601 only when they are unambiguous and real:
// a wrong date on a victim-identification timeline is worse than none, so anything doubtful stays null.

export type CaptureTime = {
  /** ISO 8601 local time as written ("2024-05-17T14:03:22"), with the offset when one was recorded. */
  taken: string;
  /** The instant for sorting and range filters; a time without an offset is read as UTC. */
  instant: string;
};

const EXIF_LIKE =
  /^(\d{4})[:\-/.](\d{2})[:\-/.](\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?(?:[.,](\d{1,9}))?\s*(Z|[+-]\d{2}:?\d{2})?$/;
const DAY_MONTH = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})[ T,]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(Z|[+-]\d{2}:?\d{2})?$/;
const OFFSET = /^(Z|([+-])(\d{2}):?(\d{2}))$/;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function offsetMinutes(raw: string | undefined): { text: string; minutes: number } | null | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const m = OFFSET.exec(raw.trim());
  if (!m) return null;
  if (m[1] === 'Z') return { text: 'Z', minutes: 0 };
  const hours = Number(m[3]);
  const minutes = Number(m[4]);
  if (hours > 14 || minutes > 59) return null;
  const sign = m[2] === '-' ? -1 : 1;
  return { text: `${m[2]}${pad(hours)}:${pad(minutes)}`, minutes: sign * (hours * 60 + minutes) };
}

type Parts = { y: number; mo: number; d: number; h: number; mi: number; s: number };

/** A real calendar date and clock time after the first photograph (cameras write 0000:00:00 when unset). */
function valid(p: Parts): boolean {
  if (p.y < 1826 || p.y > 2100 || p.mo < 1 || p.mo > 12 || p.d < 1) return false;
  if (p.h > 23 || p.mi > 59 || p.s > 59) return false;
  const check = new Date(Date.UTC(p.y, p.mo - 1, p.d));
  return check.getUTCMonth() === p.mo - 1 && check.getUTCDate() === p.d;
}

function compose(p: Parts, offsetRaw: string | undefined): CaptureTime | null {
  if (!valid(p)) return null;
  const offset = offsetMinutes(offsetRaw);
  if (offset === null) return null;
  const local = `${pad(p.y, 4)}-${pad(p.mo)}-${pad(p.d)}T${pad(p.h)}:${pad(p.mi)}:${pad(p.s)}`;
  const utc = Date.UTC(p.y, p.mo - 1, p.d, p.h, p.mi, p.s) - (offset?.minutes ?? 0) * 60_000;
  return { taken: offset ? `${local}${offset.text}` : local, instant: new Date(utc).toISOString() };
}

/** "17/05/2024" is day-first, "05/17/2024" month-first; "05/06/2024" could be either and is not guessed. */
function dayMonth(a: number, b: number): { d: number; mo: number } | null {
  if (a === b || (a > 12 && b <= 12)) return { d: a, mo: b };
  if (b > 12 && a <= 12) return { d: b, mo: a };
  return null;
}

/**
 * Parses a capture time: EXIF `YYYY:MM:DD HH:MM:SS`, ISO/XMP forms, and day/month/year forms when unambiguous.
 * `offset` is EXIF OffsetTimeOriginal; an offset inside the value wins. Returns null rather than a wrong date.
 * A date without a time is not taken: it would invent a time of day.
 */
export function parseCaptureTime(raw: string | undefined, offset?: string): CaptureTime | null {
  const value = raw?.trim();
  if (!value) return null;
  const iso = EXIF_LIKE.exec(value);
  if (iso) {
    const [, y, mo, d, h, mi, s, , zone] = iso;
    const parts = { y: +y!, mo: +mo!, d: +d!, h: +h!, mi: +mi!, s: +(s ?? 0) };
    return compose(parts, zone ?? offset);
  }
  const dm = DAY_MONTH.exec(value);
  if (!dm) return null;
  const [, a, b, y, h, mi, s, zone] = dm;
  const order = dayMonth(+a!, +b!);
  if (!order) return null;
  return compose({ y: +y!, ...order, h: +h!, mi: +mi!, s: +(s ?? 0) }, zone ?? offset);
}
