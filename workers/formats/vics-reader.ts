// Streaming reader for Project VIC / VICS hash sets (OData JSON, models 1.1–1.3 and 2.0 profiles).
import {
  Batcher,
  HashSetFormatError,
  SkipLog,
  resolveOptions,
  type HashSetHeader,
  type OnBatch,
  type ReadOptions,
  type ReadResult,
} from './hash-entry.ts';
import { JsonScanner, MAX_VALUE_DEPTH, pathOf, type Decision, type Frame, type ScanHandler } from './json-scan.ts';
import { clipLongFields, mediaToEntry, parseContext } from './vics-record.ts';
import { decodeChunks } from './text-lines.ts';

export type VicsReadOptions = ReadOptions & {
  /** Largest single record (or envelope value) accepted, in characters (default 64 Mi). */
  maxRecordChars?: number;
  /** Case-level fields kept for at most this many cases (default 1000). */
  maxCasesKept?: number;
  /** Records nested deeper than this are skipped with a reason (default 32): never a stack overflow. */
  maxRecordDepth?: number;
  /**
   * Longest string (or key) kept per field (default 16 Ki characters). A longer one is cut to this length with a
   * note of how much was cut, in `raw` and in series/MediaID; the record is still imported (hashes are never cut).
   */
  maxFieldChars?: number;
};

export const MAX_FIELD_CHARS = 16 * 1024;

export type VicsReadResult = ReadResult & {
  /** Case-level fields (CaseNumber, SourceApplicationName, …) of `#Cases` exports, without Media. */
  cases: Record<string, unknown>[];
  casesCount: number;
};

const ENVELOPE_KEYS = new Set(['odata.metadata', '@odata.context', 'odata.context']);
const ENVELOPE_HINT = 'expected {"odata.metadata" or "@odata.context": "…ProjectVic/DataModels/…", "value": [ … ]}';

type Element = { pairs: [string, string][]; sawMedia: boolean; refused: string | null };

/** Interprets the scanner's structure events as a VICS envelope with Media or Cases. */
class VicsHandler implements ScanHandler {
  readonly header: HashSetHeader = { format: 'vics', version: null, profile: null, scheme: null, context: null };
  readonly cases: Record<string, unknown>[] = [];
  casesCount = 0;
  dataSeen = false;
  private entitySet: 'Media' | 'Cases' | null = null;
  private element: Element | null = null;

  constructor(
    private readonly batcher: Batcher,
    private readonly skips: SkipLog,
    private readonly keepRaw: boolean,
    private readonly maxCasesKept: number,
    private readonly maxFieldChars: number,
  ) {}

  decide(stack: readonly Frame[], first: string): Decision {
    if (stack.length === 0) {
      if (first !== '{')
        throw fail(`the file starts with ${JSON.stringify(first)}, not a JSON object; ${ENVELOPE_HINT}`);
      return { action: 'enter', role: 'root' };
    }
    const top = stack[stack.length - 1];
    switch (top.role) {
      case 'root':
        return this.decideRoot(top.key ?? '', first);
      case 'data':
        return { action: 'keep' };
      case 'cases':
      case 'values':
        if (first === '{') {
          this.element = { pairs: [], sawMedia: false, refused: null };
          return { action: 'enter', role: top.role === 'cases' ? 'case' : 'element' };
        }
        this.skips.add(
          pathOf(stack),
          `expected a ${top.role === 'cases' ? 'Case' : 'Media'} object, found ${JSON.stringify(first)}…`,
        );
        return { action: 'skip' };
      case 'case':
      case 'element':
        if (first === '[' && top.key?.toLowerCase() === 'media') {
          this.element!.sawMedia = true;
          return { action: 'enter', role: 'data' };
        }
        return { action: 'keep' };
      default:
        return { action: 'skip' };
    }
  }

  private decideRoot(key: string, first: string): Decision {
    if (ENVELOPE_KEYS.has(key)) return { action: 'keep' };
    const lk = key.toLowerCase();
    if (lk !== 'value' && lk !== 'media') return { action: 'skip' }; // odata.count, nextLink, vendor extras
    if (this.header.context === null) {
      throw fail(
        `"${key}" appears before any "odata.metadata"/"@odata.context" key; ${ENVELOPE_HINT} (OData requires the context first)`,
      );
    }
    if (first !== '[')
      throw fail(
        `"${key}" must be an array of ${lk === 'media' ? 'Media' : (this.entitySet ?? 'Media or Cases')} records, found ${JSON.stringify(first)}…`,
      );
    this.dataSeen = true;
    if (lk === 'media' || this.entitySet === 'Media') return { action: 'enter', role: 'data' };
    return { action: 'enter', role: this.entitySet === 'Cases' ? 'cases' : 'values' };
  }

  value(stack: readonly Frame[], text: string): void {
    const top = stack[stack.length - 1];
    if (top.role === 'data') return this.record(text, pathOf(stack));
    if (top.role === 'case' || top.role === 'element') {
      this.element!.pairs.push([top.key ?? '', text]);
      return;
    }
    if (top.role === 'root' && this.header.context === null) this.envelope(text);
  }

  refused(stack: readonly Frame[], reason: string): void {
    const top = stack[stack.length - 1];
    if (top.role === 'data') return this.skips.add(pathOf(stack), `record ${reason}; skipped`);
    if (top.role === 'case' || top.role === 'element') {
      this.element!.refused ??= `field "${top.key}" ${reason}`;
      return;
    }
    throw fail(`the value of "${top.key}" is ${reason}`);
  }

  close(stack: readonly Frame[], frame: Frame): void {
    if (frame.role !== 'case' && frame.role !== 'element') return;
    const el = this.element!;
    this.element = null;
    if (frame.role === 'element' && !el.sawMedia) {
      if (el.refused !== null) return this.skips.add(pathOf(stack), `record ${el.refused}; skipped`);
      // Context named no entity set and this object has no Media array: it is a Media record itself.
      const text = `{${el.pairs.map(([k, t]) => `${JSON.stringify(k)}:${t}`).join(',')}}`;
      return this.record(text, pathOf(stack));
    }
    this.casesCount++;
    if (this.cases.length < this.maxCasesKept) this.cases.push(caseFields(el.pairs, this.maxFieldChars));
  }

  private envelope(text: string): void {
    let ctx: unknown;
    try {
      ctx = JSON.parse(text);
    } catch {
      ctx = undefined;
    }
    if (typeof ctx !== 'string') throw fail(`the OData context must be a string URL, found ${text.slice(0, 60)}`);
    const parsed = parseContext(ctx);
    if (parsed.unknownFragment !== null) {
      throw fail(`the OData context names "#${parsed.unknownFragment}"; expected a #Media or #Cases export (${ctx})`);
    }
    Object.assign(this.header, {
      context: ctx,
      version: parsed.version,
      profile: parsed.profile,
      scheme: parsed.scheme,
    });
    this.entitySet = parsed.entitySet;
  }

  private record(text: string, position: string): void {
    let rec: unknown;
    try {
      rec = JSON.parse(text);
    } catch (e) {
      return this.skips.add(position, `record is not valid JSON: ${(e as Error).message}`);
    }
    // Only a record longer than the field limit can hold an over-long field: the common case walks nothing.
    if (text.length > this.maxFieldChars) rec = clipLongFields(rec, this.maxFieldChars);
    const entry = mediaToEntry(rec, this.header.scheme!, this.keepRaw);
    if (typeof entry === 'string') this.skips.add(position, entry);
    else this.batcher.push(entry);
  }
}

/**
 * Streams a VICS file and delivers entries in batches; the next chunk is read only after
 * `onBatch` resolves, so a slow consumer throttles the reader. Malformed records are skipped
 * and reported; structural problems throw HashSetFormatError — possibly after earlier batches
 * were delivered (e.g. truncation is only visible at the end), so import inside a transaction.
 */
export async function readVics(
  input: AsyncIterable<Buffer | Uint8Array | string>,
  onBatch: OnBatch,
  opts?: VicsReadOptions,
): Promise<VicsReadResult> {
  const o = resolveOptions(opts);
  const batcher = new Batcher(o.batchSize);
  const skips = new SkipLog(o.maxSkippedKept);
  const maxFieldChars = opts?.maxFieldChars ?? MAX_FIELD_CHARS;
  const handler = new VicsHandler(batcher, skips, o.keepRaw, opts?.maxCasesKept ?? 1000, maxFieldChars);
  const scanner = new JsonScanner(handler, opts?.maxRecordChars, opts?.maxRecordDepth ?? MAX_VALUE_DEPTH);
  for await (const text of decodeChunks(input)) {
    scanner.push(text);
    await batcher.drain(onBatch, handler.header);
  }
  scanner.end();
  if (handler.header.context === null) throw fail(`no "odata.metadata" or "@odata.context" key; ${ENVELOPE_HINT}`);
  if (!handler.dataSeen) throw fail(`no "value" (or "Media") array of records; ${ENVELOPE_HINT}`);
  await batcher.drain(onBatch, handler.header, true);
  return {
    header: handler.header,
    entries: batcher.total,
    skipped: skips.kept,
    skippedCount: skips.count,
    cases: handler.cases,
    casesCount: handler.casesCount,
  };
}

function caseFields(pairs: [string, string][], maxFieldChars: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, t] of pairs) {
    try {
      out[k] = JSON.parse(t);
    } catch {
      out[k] = t;
    } // a broken case field must not stop the import
  }
  return clipLongFields(out, maxFieldChars) as Record<string, unknown>;
}

function fail(message: string): HashSetFormatError {
  return new HashSetFormatError(`Not a usable VICS file: ${message}`, 'vics');
}
