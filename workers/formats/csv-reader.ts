// CSV hash sets (RFC 4180 quoting, quoted newlines) with a header naming md5/sha1/sha256/pdq columns.
import {
  Batcher,
  HashSetFormatError,
  SkipLog,
  normaliseHex,
  resolveOptions,
  toCategory,
  toText,
  NO_HASH,
  hasAnyHash,
  type HashEntry,
  type HashKind,
  type HashSetHeader,
  type OnBatch,
  type ReadOptions,
  type ReadResult,
} from './hash-entry.ts';
import { decodeChunks } from './text-lines.ts';

export type CsvReadOptions = ReadOptions & {
  /** Category scheme of the file's category column (CSV does not say; e.g. 'vics2-us', 'nl-local'). */
  scheme?: string | null;
  /** Field separator; by default the most frequent of `,` `;` TAB in the header line. */
  delimiter?: string;
  /** Longest row accepted, in characters (default 1 Mi); guards against an unterminated quote. */
  maxRowChars?: number;
};

const HASH_KINDS: HashKind[] = ['md5', 'sha1', 'sha256', 'pdq'];
const KNOWN = ['md5', 'sha1', 'sha256', 'pdq', 'category', 'series', 'photodna', 'mediaid'] as const;
type Column = (typeof KNOWN)[number];

/** `SHA-1`, ` Sha1 `, `sha_1` all name the sha1 column. */
function normaliseHeader(name: string): string {
  return name
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

export function pickDelimiter(headerLine: string): string {
  const counts = [',', ';', '\t'].map((d) => [d, headerLine.split(d).length - 1] as const);
  const best = counts.reduce((a, b) => (b[1] > a[1] ? b : a));
  return best[1] > 0 ? best[0] : ',';
}

export type RowSink = (fields: string[], lineNo: number) => void;

/** Incremental RFC 4180 tokenizer: quotes, doubled quotes, quoted CR/LF; tracks physical line numbers. */
export class CsvTokenizer {
  private fields: string[] = [];
  private field = '';
  private quoted = false;
  private afterQuote = false;
  private line = 1;
  private rowStart = 1;
  private rowChars = 0;

  constructor(
    private readonly delim: string,
    private readonly sink: RowSink,
    private readonly maxRowChars = 1 << 20,
  ) {}

  push(text: string): void {
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (++this.rowChars > this.maxRowChars) {
        throw new HashSetFormatError(
          `row starting at line ${this.rowStart} exceeds ${this.maxRowChars} characters (unterminated quote?)`,
          'csv',
          `line ${this.rowStart}`,
        );
      }
      if (this.quoted) {
        if (ch === '"') {
          this.quoted = false;
          this.afterQuote = true;
        } else {
          if (ch === '\n') this.line++;
          this.field += ch;
        }
      } else if (ch === '"' && this.afterQuote) {
        this.field += '"';
        this.quoted = true;
        this.afterQuote = false;
      } // "" inside quotes
      else if (ch === '"' && this.field === '') this.quoted = true;
      else if (ch === this.delim) this.endField();
      else if (ch === '\n') {
        this.endField();
        this.endRow();
        this.line++;
      } else if (ch === '\r') {
        /* CRLF: the LF ends the row; stray CR is dropped */
      } else {
        this.field += ch;
        this.afterQuote = false;
      }
    }
  }

  end(): void {
    if (this.quoted)
      throw new HashSetFormatError(
        `unterminated quoted field in the row starting at line ${this.rowStart}`,
        'csv',
        `line ${this.rowStart}`,
      );
    if (this.field !== '' || this.fields.length > 0) {
      this.endField();
      this.endRow();
    }
  }

  private endField(): void {
    this.fields.push(this.field);
    this.field = '';
    this.afterQuote = false;
  }

  private endRow(): void {
    const fields = this.fields;
    this.fields = [];
    this.rowChars = 0;
    const start = this.rowStart;
    this.rowStart = this.line + 1;
    this.sink(fields, start);
  }
}

type Layout = { names: string[]; index: Partial<Record<Column, number>> };

function layoutOf(fields: string[]): Layout {
  const names = fields.map((f) => f.replace(/^\uFEFF/, '').trim());
  const index: Partial<Record<Column, number>> = {};
  names.forEach((n, i) => {
    const key = normaliseHeader(n) as Column;
    if ((KNOWN as readonly string[]).includes(key) && index[key] === undefined) index[key] = i;
  });
  if (!HASH_KINDS.some((k) => index[k] !== undefined)) {
    throw new HashSetFormatError(
      `CSV header has no hash column: found [${names.map((n) => JSON.stringify(n)).join(', ')}]; expected at least one of md5, sha1, sha256, pdq`,
      'csv',
      'line 1',
    );
  }
  return { names, index };
}

/** One data row to an entry, or a skip reason. */
function rowToEntry(fields: string[], l: Layout, scheme: string | null, keepRaw: boolean): HashEntry | string {
  const get = (c: Column): string | undefined => (l.index[c] === undefined ? undefined : fields[l.index[c]!]);
  const h: Record<HashKind, string | null> = { md5: null, sha1: null, sha256: null, pdq: null };
  for (const kind of HASH_KINDS) {
    const res = normaliseHex(get(kind), kind);
    if (!res.ok) return res.reason;
    h[kind] = res.hex;
  }
  if (!hasAnyHash(h)) return NO_HASH;
  const cat = toCategory(get('category'));
  const photodna = get('photodna')?.trim() || null;
  let raw: Record<string, string> | null = null;
  if (keepRaw) {
    raw = {};
    l.names.forEach((n, i) => {
      raw![n] = fields[i] ?? '';
    });
  }
  return {
    md5: h.md5,
    sha1: h.sha1,
    sha256: h.sha256,
    pdq: h.pdq,
    photodna,
    category: cat.ok ? cat.category : null,
    categoryScheme: scheme,
    series: toText(get('series')),
    victimIdentified: null,
    mediaId: toText(get('mediaid')),
    raw,
  };
}

/** Streams a CSV hash set; missing hash columns throw HashSetFormatError, bad rows are skipped as `line N`. */
export async function readCsv(
  input: AsyncIterable<Buffer | Uint8Array | string>,
  onBatch: OnBatch,
  opts?: CsvReadOptions,
): Promise<ReadResult> {
  const o = resolveOptions(opts);
  const scheme = opts?.scheme ?? null;
  const header: HashSetHeader = { format: 'csv', version: null, profile: null, scheme, context: null };
  const batcher = new Batcher(o.batchSize);
  const skips = new SkipLog(o.maxSkippedKept);
  let layout: Layout | null = null;
  const onRow: RowSink = (fields, lineNo) => {
    if (fields.every((f) => f.trim() === '')) return; // blank line
    if (layout === null) {
      layout = layoutOf(fields);
      return;
    }
    const r = rowToEntry(fields, layout, scheme, o.keepRaw);
    if (typeof r === 'string') skips.add(`line ${lineNo}`, r);
    else batcher.push(r);
  };
  let tokenizer: CsvTokenizer | null = null;
  let head = '';
  for await (const text of decodeChunks(input)) {
    if (tokenizer === null) {
      head += text; // the delimiter is chosen from the complete header line
      if (!head.includes('\n') && head.length < 65536) continue;
      tokenizer = new CsvTokenizer(opts?.delimiter ?? pickDelimiter(head.split('\n')[0]), onRow, opts?.maxRowChars);
      tokenizer.push(head.replace(/^\uFEFF/, ''));
      head = '';
    } else tokenizer.push(text);
    await batcher.drain(onBatch, header);
  }
  tokenizer ??= new CsvTokenizer(opts?.delimiter ?? pickDelimiter(head), onRow, opts?.maxRowChars);
  if (head !== '') tokenizer.push(head.replace(/^\uFEFF/, ''));
  tokenizer.end();
  if (layout === null)
    throw new HashSetFormatError('CSV file is empty: no header row with md5/sha1/sha256/pdq columns', 'csv');
  await batcher.drain(onBatch, header, true);
  return { header, entries: batcher.total, skipped: skips.kept, skippedCount: skips.count };
}
