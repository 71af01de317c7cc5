// Common output of all hash-set readers, plus the small validators they share.

export type HashSetFormat = 'vics' | 'list' | 'csv';

export type HashEntry = {
  md5: string | null;
  sha1: string | null;
  sha256: string | null;
  pdq: string | null;
  /** Opaque base64 as delivered; PhotoDNA cannot be computed or checked here. */
  photodna: string | null;
  /** Category exactly as the source scheme names it; null = uncategorised (never "0"). */
  category: string | null;
  /** Scheme the category belongs to (e.g. 'vics2-us'); numbers mean different things per scheme. */
  categoryScheme: string | null;
  series: string | null;
  victimIdentified: boolean | null;
  mediaId: string | null;
  /** The source record as parsed (VICS object, CSV row object, list line), for loss-free round trips. */
  raw: unknown | null;
};

export type SkippedRecord = { position: string; reason: string };

export type HashSetHeader = {
  format: HashSetFormat;
  version: string | null;
  profile: string | null;
  scheme: string | null;
  context: string | null;
};

export type ReadResult = {
  header: HashSetHeader;
  /** Entries delivered to the consumer. */
  entries: number;
  /** The first `maxSkippedKept` skipped records, in file order. */
  skipped: SkippedRecord[];
  /** All skipped records, including those beyond the kept list. */
  skippedCount: number;
};

export type OnBatch = (entries: HashEntry[], header: HashSetHeader) => void | Promise<void>;

export type ReadOptions = {
  /** Entries per onBatch call (default 1000). */
  batchSize?: number;
  /** Skip reasons kept verbatim (default 1000); the rest are only counted. */
  maxSkippedKept?: number;
  /** Keep the source record in `raw` (default true); off saves memory for lookup-only imports. */
  keepRaw?: boolean;
};

/** The file's structure is unusable (not JSON, no envelope, truncated, missing columns). */
export class HashSetFormatError extends Error {
  override readonly name = 'HashSetFormatError';
  constructor(
    message: string,
    readonly format: HashSetFormat,
    readonly position?: string,
  ) {
    super(message);
  }
}

export type HashKind = 'md5' | 'sha1' | 'sha256' | 'pdq';

const HEX_LENGTH: Record<HashKind, number> = { md5: 32, sha1: 40, sha256: 64, pdq: 64 };

export type HexResult = { ok: true; hex: string | null } | { ok: false; reason: string };

const HEX_RE = /^[0-9a-f]+$/;

/** Lower-cases and validates one hash; absent (null/undefined/blank) is ok with hex null. */
export function normaliseHex(value: unknown, kind: HashKind): HexResult {
  if (value === null || value === undefined) return { ok: true, hex: null };
  if (typeof value === 'string' && isLowerHex(value, HEX_LENGTH[kind])) return { ok: true, hex: value }; // common case, no copies
  const name = kind.toUpperCase();
  if (typeof value !== 'string') return { ok: false, reason: `${name} is a ${typeof value}, expected a hex string` };
  const hex = value.trim().toLowerCase();
  if (hex === '') return { ok: true, hex: null };
  const want = HEX_LENGTH[kind];
  if (hex.length !== want)
    return { ok: false, reason: `${name} has ${hex.length} characters, expected ${want} hex: ${clip(value)}` };
  if (!HEX_RE.test(hex)) return { ok: false, reason: `${name} contains non-hex characters: ${clip(value)}` };
  return { ok: true, hex };
}

function isLowerHex(s: string, length: number): boolean {
  if (s.length !== length) return false;
  for (let i = 0; i < length; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return false;
  }
  return true;
}

/** Hash kind implied by a bare hex string's length (64 is ambiguous: caller decides sha256 vs pdq). */
export function kindByLength(hexLength: number, hex64: 'sha256' | 'pdq' = 'sha256'): HashKind | null {
  if (hexLength === 32) return 'md5';
  if (hexLength === 40) return 'sha1';
  if (hexLength === 64) return hex64;
  return null;
}

/** JSON booleans and "true"/"false" strings (any case, also 1/0); anything else is unknown (null). */
export function toBool(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value === 1 ? true : value === 0 ? false : null;
  if (typeof value !== 'string') return null;
  const v = value.trim().toLowerCase();
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  return null;
}

export type CategoryResult = { ok: true; category: string | null } | { ok: false; reason: string };

const MAX_CATEGORY_CHARS = 64;

/** Numbers and strings become a trimmed string; missing/blank is uncategorised (null), never "0". */
export function toCategory(value: unknown): CategoryResult {
  if (value === null || value === undefined) return { ok: true, category: null };
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return { ok: false, reason: `Category is not a finite number: ${value}` };
    return { ok: true, category: String(value) };
  }
  if (typeof value === 'string') {
    const v = value.trim();
    // A category is a short code: a long text there is a broken record, not a category to show.
    if (v.length > MAX_CATEGORY_CHARS) {
      const reason = `Category has ${v.length} characters, expected a short code (at most ${MAX_CATEGORY_CHARS})`;
      return { ok: false, reason: `${reason}: ${clip(v)}` };
    }
    return { ok: true, category: v === '' ? null : v };
  }
  return {
    ok: false,
    reason: `Category is a ${Array.isArray(value) ? 'array' : typeof value}, expected a number or string`,
  };
}

/** Scalar text fields (MediaID, Series); objects with a Name (seen in some exports) yield that name. */
export function toText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'object' && !Array.isArray(value)) {
    const name = (value as Record<string, unknown>).Name ?? (value as Record<string, unknown>).name;
    return typeof name === 'string' && name.trim() !== '' ? name.trim() : null;
  }
  return null;
}

export function clip(value: string, max = 80): string {
  const s = JSON.stringify(value);
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

/** Keeps the first `max` skip reasons and counts the rest, so a broken 13M-record file cannot exhaust memory. */
export class SkipLog {
  readonly kept: SkippedRecord[] = [];
  count = 0;
  constructor(private readonly max: number) {}
  add(position: string, reason: string): void {
    this.count++;
    if (this.kept.length < this.max) this.kept.push({ position, reason });
  }
}

/** Collects entries into fixed-size batches; the reader drains them between input chunks. */
export class Batcher {
  private current: HashEntry[] = [];
  readonly ready: HashEntry[][] = [];
  total = 0;
  constructor(private readonly size: number) {}
  push(entry: HashEntry): void {
    this.current.push(entry);
    this.total++;
    if (this.current.length >= this.size) {
      this.ready.push(this.current);
      this.current = [];
    }
  }
  /** Hands every full batch (and with `final`, the remainder) to the consumer, one await at a time. */
  async drain(onBatch: OnBatch, header: HashSetHeader, final = false): Promise<void> {
    if (final && this.current.length > 0) {
      this.ready.push(this.current);
      this.current = [];
    }
    while (this.ready.length > 0) await onBatch(this.ready.shift()!, header);
  }
}

export function resolveOptions(opts: ReadOptions | undefined): Required<ReadOptions> {
  const batchSize = opts?.batchSize ?? 1000;
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
  return { batchSize, maxSkippedKept: opts?.maxSkippedKept ?? 1000, keepRaw: opts?.keepRaw ?? true };
}

export const NO_HASH = 'no usable hash (MD5, SHA1, SHA256 or PDQ)';

export function hasAnyHash(h: {
  md5: string | null;
  sha1: string | null;
  sha256: string | null;
  pdq: string | null;
}): boolean {
  return h.md5 !== null || h.sha1 !== null || h.sha256 !== null || h.pdq !== null;
}
