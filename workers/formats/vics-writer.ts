// Streaming writer for VICS 2.0 (US profile) `#Cases` exports: one Case whose Media array is
// written record by record, so an export of millions of files never sits in memory.
import { randomUUID } from 'node:crypto';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { normaliseHex, type HashKind } from './hash-entry.ts';

export const VICS_CASES_CONTEXT_US = 'http://github.com/VICSDATAMODEL/ProjectVic/DataModels/2.0.xml/US/$metadata#Cases';

/** Case-level fields; names follow the VICS 2.0 Case entity as written by existing exporters. */
export type VicsCaseInfo = {
  /** GUID identifying this export's case; a random UUID when omitted. */
  caseId?: string;
  caseNumber: string;
  contactName?: string;
  contactTitle?: string;
  /** The unit (eenheid/team) responsible, written as ContactOrganization. */
  contactOrganization?: string;
  contactPhone?: string;
  contactEmail?: string;
  sourceApplicationName?: string;
  sourceApplicationVersion?: string;
  /** Only written when known up front (the Media array is streamed, so it cannot be counted first). */
  totalMediaFiles?: number;
  /** Further Case properties, written verbatim before Media. */
  extra?: Record<string, unknown>;
};

export type VicsMediaFileOut = {
  fileName: string;
  filePath: string;
  created?: string;
  written?: string;
  accessed?: string;
  deleted?: boolean;
  unallocated?: boolean;
  sourceId?: string;
};

export type VicsMediaOut = {
  md5: string;
  sha1?: string | null;
  sha256?: string | null;
  pdq?: string | null;
  photodna?: string | null;
  mediaId?: number;
  mediaSize?: number | null;
  /** VICS 2.0 US category (0–4 …); null/undefined means uncategorised and the key is omitted. */
  category?: number | string | null;
  relativeFilePath?: string | null;
  mimeType?: string | null;
  /** Every path the file was found at: a full path string, or the MediaFiles fields. */
  files?: (string | VicsMediaFileOut)[];
  victimIdentified?: boolean | null;
  offenderIdentified?: boolean | null;
  isDistributed?: boolean | null;
  series?: string | null;
  tags?: string | null;
  comments?: string | null;
  dateUpdated?: string | Date | null;
};

/** Buffers small writes into ~64 KiB chunks and waits for 'drain' when the destination is full. */
/** Resolves on 'drain'; rejects if the destination closes or fails first (a client that went away). */
function waitForDrain(out: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (error?: Error) => {
      out.off('drain', onDrain).off('close', onClose).off('error', done);
      if (error) reject(error);
      else resolve();
    };
    const onDrain = () => done();
    const onClose = () => done(new Error('the export destination was closed before the export finished'));
    out.on('drain', onDrain).on('close', onClose).on('error', done);
  });
}

class Sink {
  private buf = '';
  bytes = 0;
  constructor(private readonly out: Writable) {}
  async write(s: string): Promise<void> {
    this.buf += s;
    if (this.buf.length >= 65536) await this.flush();
  }
  async flush(): Promise<void> {
    if (this.buf === '') return;
    const chunk = this.buf;
    this.buf = '';
    this.bytes += Buffer.byteLength(chunk);
    if (this.out.destroyed) throw new Error('the export destination was closed before the export finished');
    if (!this.out.write(chunk)) await waitForDrain(this.out);
  }
}

/**
 * Writes `{ "@odata.context": …#Cases, "value": [ { Case…, "Media": [ … ] } ] }`.
 * An invalid media item throws before anything of it is written; the partial file must then be discarded.
 */
export async function writeVicsCases(
  out: Writable,
  caseInfo: VicsCaseInfo,
  media: AsyncIterable<VicsMediaOut> | Iterable<VicsMediaOut>,
  opts?: { end?: boolean },
): Promise<{ media: number; bytes: number }> {
  const sink = new Sink(out);
  const head = JSON.stringify(caseFields(caseInfo)).slice(0, -1); // open object, Media follows last
  await sink.write(
    `{"@odata.context":${JSON.stringify(VICS_CASES_CONTEXT_US)},"value":[${head}${head.length > 1 ? ',' : ''}"Media":[`,
  );
  let n = 0;
  for await (const m of media) {
    const json = JSON.stringify(vicsMediaRecord(m, n + 1));
    await sink.write(`${n === 0 ? '' : ','}\n${json}`);
    n++;
  }
  await sink.write('\n]}]}\n');
  await sink.flush();
  if (opts?.end !== false) {
    out.end();
    await finished(out);
  }
  return { media: n, bytes: sink.bytes };
}

function caseFields(c: VicsCaseInfo): Record<string, unknown> {
  const f: Record<string, unknown> = { CaseID: c.caseId ?? randomUUID(), CaseNumber: c.caseNumber };
  setIf(f, 'ContactName', c.contactName);
  setIf(f, 'ContactTitle', c.contactTitle);
  setIf(f, 'ContactOrganization', c.contactOrganization);
  setIf(f, 'ContactPhone', c.contactPhone);
  setIf(f, 'ContactEmail', c.contactEmail);
  f.SourceApplicationName = c.sourceApplicationName ?? 'Spoor';
  setIf(f, 'SourceApplicationVersion', c.sourceApplicationVersion);
  setIf(f, 'TotalMediaFiles', c.totalMediaFiles);
  for (const [k, v] of Object.entries(c.extra ?? {})) if (k !== 'Media') f[k] = v;
  return f;
}

/** One Media object in VICS 2.0 field names; unknown values are omitted rather than written as null. */
function vicsMediaRecord(m: VicsMediaOut, defaultId: number): Record<string, unknown> {
  const md5 = hex(m.md5, 'md5');
  if (md5 === null) throw new TypeError('VICS Media needs an MD5');
  const r: Record<string, unknown> = { MediaID: m.mediaId ?? defaultId };
  const category = categoryOut(m.category);
  if (category !== null) r.Category = category;
  r.MD5 = md5;
  setIf(r, 'SHA1', hex(m.sha1, 'sha1'));
  setIf(r, 'MediaSize', m.mediaSize);
  setIf(r, 'PhotoDNA', m.photodna);
  setIf(r, 'VictimIdentified', m.victimIdentified);
  setIf(r, 'OffenderIdentified', m.offenderIdentified);
  setIf(r, 'IsDistributed', m.isDistributed);
  setIf(r, 'Series', m.series);
  setIf(r, 'Tags', m.tags);
  setIf(r, 'Comments', m.comments);
  setIf(r, 'MimeType', m.mimeType);
  setIf(r, 'RelativeFilePath', m.relativeFilePath);
  setIf(r, 'DateUpdated', m.dateUpdated instanceof Date ? m.dateUpdated.toISOString() : m.dateUpdated);
  if (m.files?.length) r.MediaFiles = m.files.map((f) => mediaFile(md5, f));
  const alt = altHashes(md5, m);
  if (alt.length > 0) r.AlternativeHashes = alt;
  return r;
}

function mediaFile(md5: string, f: string | VicsMediaFileOut): Record<string, unknown> {
  const o = typeof f === 'string' ? splitPath(f) : f;
  const r: Record<string, unknown> = { MD5: md5, FileName: o.fileName, FilePath: o.filePath };
  if (typeof f !== 'string') {
    setIf(r, 'Created', f.created);
    setIf(r, 'Written', f.written);
    setIf(r, 'Accessed', f.accessed);
    setIf(r, 'Deleted', f.deleted);
    setIf(r, 'Unallocated', f.unallocated);
    setIf(r, 'SourceID', f.sourceId);
  }
  return r;
}

/** VICS splits a location into FileName and the containing FilePath; both separators occur in seized data. */
export function splitPath(path: string): VicsMediaFileOut {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return { fileName: path.slice(cut + 1), filePath: cut < 0 ? '' : path.slice(0, cut) };
}

function altHashes(md5: string, m: VicsMediaOut): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  const pdq = hex(m.pdq, 'pdq');
  const sha256 = hex(m.sha256, 'sha256');
  if (pdq !== null) out.push({ MD5: md5, HashName: 'PDQ', HashValue: pdq });
  if (sha256 !== null) out.push({ MD5: md5, HashName: 'SHA256', HashValue: sha256 });
  return out;
}

function categoryOut(c: number | string | null | undefined): number | null {
  if (c === null || c === undefined || (typeof c === 'string' && c.trim() === '')) return null;
  const n = typeof c === 'number' ? c : /^\s*\d+\s*$/.test(c) ? Number(c) : NaN;
  if (!Number.isInteger(n) || n < 0)
    throw new RangeError(
      `VICS 2.0 US Category must be a non-negative integer, got ${JSON.stringify(c)}; map other schemes first`,
    );
  return n;
}

function hex(v: string | null | undefined, kind: HashKind): string | null {
  const res = normaliseHex(v, kind);
  if (!res.ok) throw new TypeError(`cannot write VICS Media: ${res.reason}`);
  return res.hex;
}

function setIf(o: Record<string, unknown>, key: string, v: unknown): void {
  if (v !== null && v !== undefined) o[key] = v;
}
