import { createInflateRaw } from 'node:zlib';
import type { Readable } from 'node:stream';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import type { WalkContext } from './context.ts';
import { ByteCounter } from './meter.ts';
import { checkEntryName, isDirectoryName, memberPath } from './names.ts';
import { errorMessage, reasons, type Rejection } from './reasons.ts';
import { scanLocalHeaders } from './zip-scan.ts';
import type { EntryInfo } from './types.ts';

const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;

// yauzl aborts the whole archive on one unsafe name or lying stored size; we check both per entry instead.
const OPEN_OPTIONS: yauzl.Options = {
  lazyEntries: true,
  autoClose: false,
  decodeStrings: false,
  validateEntrySizes: false,
  strictFileNames: false,
};

export async function walkZip<T>(
  ctx: WalkContext<T>,
  file: string,
  containerPath: string,
  depth: number,
): Promise<void> {
  let zip: ZipFile;
  try {
    zip = await openZip(file);
  } catch (err) {
    return scanLocalHeaders(ctx, file, containerPath, depth, errorMessage(err));
  }
  const next = entryReader(zip);
  try {
    for (;;) {
      let entry: Entry | null;
      try {
        entry = await next();
      } catch (err) {
        return ctx.archiveError(containerPath, `corrupt zip: ${errorMessage(err)}`);
      }
      if (!entry) return;
      await walkEntry(ctx, zip, entry, containerPath, depth);
    }
  } finally {
    zip.close();
  }
}

function openZip(file: string): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, OPEN_OPTIONS, (err, zip) => (err ? reject(err) : resolve(zip)));
  });
}

/** Promise-per-entry over yauzl's lazy events; a sticky error also catches late reader errors. */
function entryReader(zip: ZipFile): () => Promise<Entry | null> {
  let sticky: Error | null = null;
  let waiting: { resolve: (e: Entry | null) => void; reject: (e: Error) => void } | null = null;
  const settle = (fn: (w: NonNullable<typeof waiting>) => void) => {
    const w = waiting;
    waiting = null;
    if (w) fn(w);
  };
  zip.on('entry', (e: Entry) => settle((w) => w.resolve(e)));
  zip.on('end', () => settle((w) => w.resolve(null)));
  zip.on('error', (err: Error) => {
    sticky ??= err;
    settle((w) => w.reject(err));
  });
  return () =>
    new Promise((resolve, reject) => {
      if (sticky) return reject(sticky);
      waiting = { resolve, reject };
      zip.readEntry();
    });
}

/** CP437 unless the UTF-8 flag (or an Info-ZIP unicode path field) says otherwise. */
function entryName(entry: Entry): string {
  return yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, false);
}

function unixType(entry: Entry): number {
  const madeByUnix = entry.versionMadeBy >> 8 === 3;
  return madeByUnix ? (entry.externalFileAttributes >>> 16) & S_IFMT : 0;
}

function mtimeOf(entry: Entry): Date | null {
  try {
    return entry.getLastModDate({ timezone: 'UTC' }); // DOS times have no zone; UTC keeps runs reproducible
  } catch {
    return null;
  }
}

function structuralRejection(entry: Entry, nameRejection: Rejection | null): Rejection | null {
  if (nameRejection) return nameRejection;
  const type = unixType(entry);
  if (type !== 0 && type !== S_IFREG && type !== S_IFDIR) return reasons.link();
  if (entry.isEncrypted()) return reasons.encrypted();
  if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
    return reasons.unsupportedMethod(entry.compressionMethod);
  }
  return null;
}

async function walkEntry<T>(
  ctx: WalkContext<T>,
  zip: ZipFile,
  entry: Entry,
  container: string,
  depth: number,
): Promise<void> {
  const raw = entryName(entry);
  const checked = checkEntryName(raw);
  const info: EntryInfo = {
    sourcePath: memberPath(container, checked.path),
    name: checked.name,
    size: entry.uncompressedSize,
    mtime: mtimeOf(entry),
    depth,
  };
  if (isDirectoryName(raw) || unixType(entry) === S_IFDIR) {
    if (entry.uncompressedSize === 0 && entry.compressedSize <= 2) return; // a real directory: not a file
    return ctx.reject(info, reasons.directoryData(Math.max(entry.uncompressedSize, entry.compressedSize)));
  }
  const structural = structuralRejection(entry, checked.ok ? null : checked.rejection);
  const compressed = entry.compressionMethod === 8 ? entry.compressedSize : null;
  const refusal = ctx.admit(info, structural, compressed);
  if (refusal) return ctx.reject(info, refusal);
  let raw$: Readable;
  try {
    raw$ = await openRaw(zip, entry);
  } catch (err) {
    return ctx.reject(info, reasons.corrupt(errorMessage(err)));
  }
  await ctx.deliver(info, openEntryBody(ctx, raw$, entry));
}

function openRaw(zip: ZipFile, entry: Entry): Promise<Readable> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, { decodeFileData: false }, (err, s) => (err ? reject(err) : resolve(s)));
  });
}

/** We inflate ourselves so compressed bytes can be counted for the streaming ratio check. */
function openEntryBody<T>(ctx: WalkContext<T>, raw: Readable, entry: Entry) {
  const deflated = entry.compressionMethod === 8;
  const counter = new ByteCounter();
  const stages = deflated ? [counter, createInflateRaw()] : [];
  const { maxCompressionRatio: max, ratioGraceBytes: graceBytes } = ctx.limits;
  return ctx.open(raw, {
    stages,
    declaredSize: entry.uncompressedSize,
    crc32: entry.crc32,
    ratio: deflated ? { compressedBytes: () => counter.bytes, max, graceBytes } : undefined,
  });
}
