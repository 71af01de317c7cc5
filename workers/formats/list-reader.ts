// Plain hash lists: one MD5/SHA-1/SHA-256 per line, kind detected by length; `#` comments allowed.
import {
  Batcher,
  SkipLog,
  kindByLength,
  normaliseHex,
  resolveOptions,
  type HashEntry,
  type HashSetHeader,
  type OnBatch,
  type ReadOptions,
  type ReadResult,
} from './hash-entry.ts';
import { LineSplitter, decodeChunks } from './text-lines.ts';

export type ListReadOptions = ReadOptions & {
  /** 64 hex characters are SHA-256 unless the list is known to hold PDQ hashes (default 'sha256'). */
  hex64?: 'sha256' | 'pdq';
};

/** First token of `hash  filename`, `hash *filename` (md5sum) or `hash,anything` lines. */
const TOKEN_END = /[\s,;]/;

/** Parses one line; returns an entry, a skip reason, or null for blank/comment lines. */
function parseListLine(line: string, hex64: 'sha256' | 'pdq', keepRaw: boolean): HashEntry | string | null {
  const text = line.trim();
  if (text === '' || text.startsWith('#')) return null;
  const end = text.search(TOKEN_END);
  const token = end < 0 ? text : text.slice(0, end);
  const kind = kindByLength(token.length, hex64);
  if (kind === null) {
    return `first token has ${token.length} characters; expected 32 (MD5), 40 (SHA-1) or 64 (${hex64 === 'pdq' ? 'PDQ' : 'SHA-256'}) hex: ${JSON.stringify(token.slice(0, 70))}`;
  }
  const res = normaliseHex(token, kind);
  if (!res.ok) return res.reason;
  return {
    md5: kind === 'md5' ? res.hex : null,
    sha1: kind === 'sha1' ? res.hex : null,
    sha256: kind === 'sha256' ? res.hex : null,
    pdq: kind === 'pdq' ? res.hex : null,
    photodna: null,
    category: null,
    categoryScheme: null,
    series: null,
    victimIdentified: null,
    mediaId: null,
    raw: keepRaw ? text : null,
  };
}

/** Streams a plain list; bad lines are skipped as `line N` and never stop the import. */
export async function readList(
  input: AsyncIterable<Buffer | Uint8Array | string>,
  onBatch: OnBatch,
  opts?: ListReadOptions,
): Promise<ReadResult> {
  const o = resolveOptions(opts);
  const hex64 = opts?.hex64 ?? 'sha256';
  const header: HashSetHeader = { format: 'list', version: null, profile: null, scheme: null, context: null };
  const batcher = new Batcher(o.batchSize);
  const skips = new SkipLog(o.maxSkippedKept);
  const splitter = new LineSplitter((line, lineNo, tooLong) => {
    if (tooLong) return skips.add(`line ${lineNo}`, 'line is too long to be a hash entry (binary file?)');
    const r = parseListLine(line, hex64, o.keepRaw);
    if (r === null) return;
    if (typeof r === 'string') skips.add(`line ${lineNo}`, r);
    else batcher.push(r);
  });
  for await (const text of decodeChunks(input)) {
    splitter.push(text);
    await batcher.drain(onBatch, header);
  }
  splitter.end();
  await batcher.drain(onBatch, header, true);
  return { header, entries: batcher.total, skipped: skips.kept, skippedCount: skips.count };
}
