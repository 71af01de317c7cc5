// Reads a bulk-import manifest of meldingen: CSV with a header, or JSONL (one object a line). Each row keeps its
// line number; a row that cannot be read is returned as a skip with its reason, never as an exception.
import fs from 'node:fs';
import { CsvTokenizer, pickDelimiter } from '../../workers/formats/csv-reader.ts';
import { HashSetFormatError } from '../../workers/formats/hash-entry.ts';
import { decodeChunks } from '../../workers/formats/text-lines.ts';

/** One manifest row as written: values still unchecked (report-import.service.ts checks them). */
export type ManifestRow = {
  line: number;
  id: string;
  unit: string;
  received: string;
  offence: string;
  victimMinor: string;
  aangifte: string;
  textFile: string;
  /** Inline text (JSONL only); null when the row names a text file or has no text. */
  text: string | null;
  attachments: string[];
};
export type Skip = { line: number; reason: string };
export type Manifest = { rows: ManifestRow[]; skipped: Skip[] };

const COLUMNS = ['id', 'unit', 'received', 'offence', 'victim_minor', 'aangifte', 'text_file', 'attachments'] as const;
const REQUIRED = ['id', 'unit', 'received', 'victim_minor', 'aangifte'] as const;
type Column = (typeof COLUMNS)[number];

const splitPaths = (value: string) =>
  value
    .split(';')
    .map((p) => p.trim())
    .filter(Boolean);

function toRow(line: number, get: (c: Column) => string, text: string | null, attachments: string[]): ManifestRow {
  return {
    line,
    id: get('id').trim(),
    unit: get('unit').trim(),
    received: get('received').trim(),
    offence: get('offence').trim(),
    victimMinor: get('victim_minor').trim(),
    aangifte: get('aangifte').trim(),
    textFile: get('text_file').trim(),
    text,
    attachments,
  };
}

const headerName = (name: string) =>
  name
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');

async function readCsv(file: string): Promise<Manifest> {
  const out: Manifest = { rows: [], skipped: [] };
  let index: Map<string, number> | null = null;
  const onRow = (fields: string[], line: number) => {
    if (fields.every((f) => f.trim() === '')) return;
    if (!index) {
      index = new Map(fields.map((f, i) => [headerName(f), i]));
      const missing = REQUIRED.filter((c) => !index!.has(c));
      if (missing.length > 0) throw new ManifestError(`the header lacks the column(s) ${missing.join(', ')}`);
      return;
    }
    const at = index;
    const get = (c: Column) => (at.has(c) ? (fields[at.get(c)!] ?? '') : '');
    out.rows.push(toRow(line, get, null, splitPaths(get('attachments'))));
  };
  let tokenizer: CsvTokenizer | null = null;
  try {
    for await (const text of decodeChunks(fs.createReadStream(file))) {
      tokenizer ??= new CsvTokenizer(pickDelimiter(text.split('\n')[0] ?? ''), onRow);
      tokenizer.push(text.replace(/^\uFEFF/, ''));
    }
    tokenizer?.end();
  } catch (error) {
    // An unterminated quote swallows every row after it: the file as a whole is refused.
    if (error instanceof HashSetFormatError) throw new ManifestError(error.message);
    throw error;
  }
  if (!index) throw new ManifestError('the file is empty: it needs a header row and one row per melding');
  return out;
}

const scalar = (v: unknown) => (v === undefined || v === null ? '' : typeof v === 'object' ? '\u0000' : String(v));

function jsonRow(line: number, value: Record<string, unknown>): ManifestRow | string {
  for (const c of REQUIRED) if (value[c] === undefined || value[c] === null) return `missing "${c}"`;
  const attachments = value.attachments ?? [];
  const list = Array.isArray(attachments)
    ? attachments
    : typeof attachments === 'string'
      ? splitPaths(attachments)
      : null;
  if (!list || list.some((p) => typeof p !== 'string'))
    return '"attachments" must be a list of paths or one ;-separated text';
  if (value.text !== undefined && typeof value.text !== 'string') return '"text" must be a string';
  if (value.text !== undefined && value.text_file) return 'give "text" or "text_file", not both';
  const get = (c: Column) => scalar(value[c]);
  const bad = COLUMNS.find((c) => c !== 'attachments' && get(c) === '\u0000');
  if (bad) return `"${bad}" must be a single value`;
  return toRow(
    line,
    get,
    (value.text as string | undefined) ?? null,
    (list as string[]).map((p) => p.trim()),
  );
}

async function readJsonl(file: string): Promise<Manifest> {
  const out: Manifest = { rows: [], skipped: [] };
  const lines = (await fs.promises.readFile(file, 'utf8')).replace(/^\uFEFF/, '').split('\n');
  lines.forEach((raw, i) => {
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      out.skipped.push({ line: i + 1, reason: 'not valid JSON' });
      return;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      out.skipped.push({ line: i + 1, reason: 'not a JSON object' });
      return;
    }
    const row = jsonRow(i + 1, value as Record<string, unknown>);
    if (typeof row === 'string') out.skipped.push({ line: i + 1, reason: row });
    else out.rows.push(row);
  });
  return out;
}

/** The manifest as a whole cannot be read (no header, wrong columns): nothing is imported. */
export class ManifestError extends Error {
  override readonly name = 'ManifestError';
}

/** JSONL by extension (.jsonl, .ndjson) or by a first character `{`; CSV otherwise. */
export async function readManifest(file: string): Promise<Manifest> {
  const head = Buffer.alloc(64);
  const fd = await fs.promises.open(file, 'r');
  const { bytesRead } = await fd.read(head, 0, 64, 0).finally(() => fd.close());
  const first = head
    .subarray(0, bytesRead)
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart()[0];
  return /\.(jsonl|ndjson)$/i.test(file) || first === '{' ? readJsonl(file) : readCsv(file);
}
