import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import yauzl from 'yauzl';
import type { WalkContext } from './context.ts';
import { ByteCounter } from './meter.ts';
import { checkEntryName, isDirectoryName, memberPath } from './names.ts';
import { reasons, type Rejection } from './reasons.ts';
import type { EntryInfo } from './types.ts';

// Fallback when the central directory is missing (truncated export): walk local headers front to back.

const LOCAL_SIG = 0x04034b50;
const DESCRIPTOR_SIG = 0x08074b50;
const PK_SIGS = new Set([LOCAL_SIG, 0x02014b50, 0x06054b50, 0x06064b50]);
const FLAG_ENCRYPTED = 0x1;
const FLAG_DESCRIPTOR = 0x8;

type LocalHeader = {
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  uncompressedSize: number;
  name: string;
  mtime: Date;
  dataStart: number;
  zip64: boolean;
};

export async function scanLocalHeaders<T>(
  ctx: WalkContext<T>,
  file: string,
  container: string,
  depth: number,
  openError: string,
): Promise<void> {
  let found = 0;
  let stopped = '';
  const fh = await open(file, 'r');
  try {
    const size = (await fh.stat()).size;
    for (let pos: number | null = 0; pos !== null;) {
      ctx.checkAbort();
      const header = await readLocalHeader(fh, pos, size);
      if (!header) break;
      const step = await scanEntry(ctx, file, fh, size, header, container, depth);
      if (typeof step === 'string') stopped = `; ${step}`;
      else found += step.counted ? 1 : 0;
      pos = typeof step === 'string' ? null : step.next;
    }
  } finally {
    await fh.close();
  }
  const tail = `found ${found} entries by scanning local headers${stopped}`;
  ctx.archiveError(container, `corrupt zip: ${openError}; ${tail}`);
}

async function readAt(fh: FileHandle, pos: number, len: number): Promise<Buffer> {
  const buf = Buffer.alloc(len);
  const { bytesRead } = await fh.read(buf, 0, len, pos);
  return buf.subarray(0, bytesRead);
}

async function readLocalHeader(fh: FileHandle, pos: number, size: number): Promise<LocalHeader | null> {
  const fixed = await readAt(fh, pos, 30);
  if (fixed.length < 30 || fixed.readUInt32LE(0) !== LOCAL_SIG) return null;
  const nameLen = fixed.readUInt16LE(26);
  const extraLen = fixed.readUInt16LE(28);
  const dataStart = pos + 30 + nameLen + extraLen;
  if (dataStart > size) return null;
  const vars = await readAt(fh, pos + 30, nameLen + extraLen);
  const flags = fixed.readUInt16LE(6);
  let extras: yauzl.ExtraField[];
  try {
    extras = yauzl.parseExtraFields(vars.subarray(nameLen));
  } catch {
    extras = []; // a malformed extra field should not hide the entry
  }
  const h: LocalHeader = {
    flags,
    method: fixed.readUInt16LE(8),
    crc: fixed.readUInt32LE(14),
    compressedSize: fixed.readUInt32LE(18),
    uncompressedSize: fixed.readUInt32LE(22),
    name: yauzl.getFileNameLowLevel(flags, vars.subarray(0, nameLen), extras, false),
    mtime: dosToDate(fixed.readUInt16LE(12), fixed.readUInt16LE(10)),
    dataStart,
    zip64: false,
  };
  applyZip64(h, extras);
  return h;
}

function applyZip64(h: LocalHeader, extras: yauzl.ExtraField[]): void {
  const z = extras.find((e) => e.id === 0x0001);
  if (!z) return;
  h.zip64 = true;
  let i = 0;
  const take = (fallback: number) => {
    if (z.data.length < i + 8) return fallback;
    i += 8;
    return Number(z.data.readBigUInt64LE(i - 8));
  };
  if (h.uncompressedSize === 0xffffffff) h.uncompressedSize = take(h.uncompressedSize);
  if (h.compressedSize === 0xffffffff) h.compressedSize = take(h.compressedSize);
}

function dosToDate(date: number, time: number): Date {
  const y = ((date >> 9) & 0x7f) + 1980;
  const mo = ((date >> 5) & 0xf) - 1;
  return new Date(Date.UTC(y, mo, date & 0x1f, (time >> 11) & 0x1f, (time >> 5) & 0x3f, (time & 0x1f) * 2));
}

type Step = { next: number; counted: boolean } | string;

async function scanEntry<T>(
  ctx: WalkContext<T>,
  file: string,
  fh: FileHandle,
  size: number,
  h: LocalHeader,
  container: string,
  depth: number,
): Promise<Step> {
  const streamed = (h.flags & FLAG_DESCRIPTOR) !== 0;
  const knownEnd = h.dataStart + h.compressedSize;
  const checked = checkEntryName(h.name);
  const info: EntryInfo = {
    sourcePath: memberPath(container, checked.path),
    name: checked.name,
    size: streamed ? null : h.uncompressedSize,
    mtime: h.mtime,
    depth,
  };
  if (isDirectoryName(h.name) && !streamed) return { next: knownEnd, counted: false };
  const refusal = ctx.admit(
    info,
    structural(h, checked.ok ? null : checked.rejection),
    h.method === 8 && !streamed ? h.compressedSize : null,
  );
  if (refusal) {
    await ctx.reject(info, refusal);
    return streamed ? 'cannot skip a rejected entry of unknown size' : { next: knownEnd, counted: true };
  }
  if (!streamed) {
    await ctx.deliver(info, knownSizeBody(ctx, file, h, size));
    return { next: knownEnd, counted: true };
  }
  if (h.method !== 8) {
    await ctx.reject(info, reasons.corrupt('stored entry of unknown size without central directory'));
    return 'stored entry of unknown size';
  }
  return scanStreamedDeflate(ctx, file, fh, h, info);
}

function structural(h: LocalHeader, nameRejection: Rejection | null): Rejection | null {
  if (nameRejection) return nameRejection;
  if (h.flags & FLAG_ENCRYPTED) return reasons.encrypted();
  if (h.method !== 0 && h.method !== 8) return reasons.unsupportedMethod(h.method);
  return null;
}

function knownSizeBody<T>(ctx: WalkContext<T>, file: string, h: LocalHeader, size: number) {
  const end = Math.min(h.dataStart + h.compressedSize, size);
  const raw = end > h.dataStart ? createReadStream(file, { start: h.dataStart, end: end - 1 }) : Readable.from([]);
  const counter = new ByteCounter();
  const deflated = h.method === 8;
  const { maxCompressionRatio: max, ratioGraceBytes: graceBytes } = ctx.limits;
  return ctx.open(raw, {
    stages: deflated ? [counter, createInflateRaw()] : [],
    declaredSize: h.uncompressedSize,
    crc32: h.crc,
    ratio: deflated ? { compressedBytes: () => counter.bytes, max, graceBytes } : undefined,
  });
}

/** Size unknown (data descriptor): inflate until the deflate stream ends to find where it stops. */
async function scanStreamedDeflate<T>(
  ctx: WalkContext<T>,
  file: string,
  fh: FileHandle,
  h: LocalHeader,
  info: EntryInfo,
): Promise<Step> {
  const counter = new ByteCounter();
  const inflate = createInflateRaw();
  let ended = false;
  inflate.once('end', () => (ended = true));
  const { maxCompressionRatio: max, ratioGraceBytes: graceBytes } = ctx.limits;
  const body = ctx.open(createReadStream(file, { start: h.dataStart }), {
    stages: [counter, inflate],
    ratio: { compressedBytes: () => counter.bytes, max, graceBytes },
  });
  await ctx.deliver(info, body);
  if (!ended) return 'lost track of entry boundaries after an unreadable entry';
  const afterData = h.dataStart + inflate.bytesWritten; // bytes zlib actually consumed
  return { next: afterData + (await descriptorLength(fh, afterData, h.zip64)), counted: true };
}

/** The descriptor's signature is optional and its sizes may be 32 or 64 bit: probe for the next 'PK'. */
async function descriptorLength(fh: FileHandle, pos: number, zip64: boolean): Promise<number> {
  const probe = await readAt(fh, pos, 28);
  const signed = probe.length >= 4 && probe.readUInt32LE(0) === DESCRIPTOR_SIG;
  const candidates = signed ? [16, 24] : [12, 20];
  if (zip64) candidates.reverse();
  const fits = candidates.find((n) => probe.length >= n + 4 && PK_SIGS.has(probe.readUInt32LE(n)));
  return fits ?? candidates[0];
}
