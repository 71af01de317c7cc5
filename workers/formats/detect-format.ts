// Sniffs which hash-set reader a file needs from its first bytes, and replays them to the reader.
import type { HashSetFormat } from './hash-entry.ts';

const HEX_TOKEN = /^(?:[0-9a-fA-F]{32}|[0-9a-fA-F]{40}|[0-9a-fA-F]{64})$/;
const HASH_HEADERS = new Set(['md5', 'sha1', 'sha256', 'pdq']);

/**
 * JSON object → 'vics'; a first content line with separators whose cells name md5/sha1/sha256/pdq
 * (or whose first cell is not a hash, i.e. some other header) → 'csv'; anything else → 'list'.
 */
export function detectFormat(head: string | Uint8Array): HashSetFormat {
  const text = (typeof head === 'string' ? head : new TextDecoder('utf-8', { fatal: false }).decode(head)).replace(
    /^\uFEFF/,
    '',
  );
  const start = text.trimStart();
  if (start.startsWith('{') || start.startsWith('[')) return 'vics';
  for (const rawLine of start.split('\n')) {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#')) continue;
    if (!/[,;\t]/.test(line)) return 'list';
    const cells = line.split(/[,;\t]/).map((c) => c.replace(/^"|"$/g, '').trim());
    if (cells.some((c) => HASH_HEADERS.has(c.toLowerCase().replace(/[^a-z0-9]/g, '')))) return 'csv';
    // `hash,filename` rows are a list; a header naming other columns is a CSV the reader will reject clearly.
    return HEX_TOKEN.test(cells[0]) ? 'list' : 'csv';
  }
  return 'list';
}

/**
 * Reads up to `sniffBytes` from the input, detects the format, and returns a stream that yields
 * those bytes again followed by the rest, so nothing is lost and back-pressure is kept.
 */
export async function sniffFormat(
  input: AsyncIterable<Buffer | Uint8Array | string>,
  sniffBytes = 8192,
): Promise<{ format: HashSetFormat; stream: AsyncIterable<Buffer | Uint8Array | string> }> {
  const it = input[Symbol.asyncIterator]();
  const head: (Buffer | Uint8Array | string)[] = [];
  let size = 0;
  let done = false;
  while (size < sniffBytes) {
    const r = await it.next();
    if (r.done) {
      done = true;
      break;
    }
    head.push(r.value);
    size += r.value.length;
  }
  const bytes = Buffer.concat(head.map((c) => (typeof c === 'string' ? Buffer.from(c) : c)));
  const format = detectFormat(bytes.subarray(0, Math.max(sniffBytes, 1)));
  async function* replay(): AsyncGenerator<Buffer | Uint8Array | string> {
    try {
      yield* head;
      if (done) return;
      for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
    } finally {
      await it.return?.(); // a reader that stops early (format error) must release the source stream
    }
  }
  return { format, stream: replay() };
}
