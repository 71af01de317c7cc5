import { Transform, type TransformCallback } from 'node:stream';
import { crc32 } from 'node:zlib';
import { EntryRejection, reasons, rejectionError } from './reasons.ts';

/** Walk-wide expanded-bytes budget, shared by every meter. */
export class Budget {
  used = 0;
  exhausted = false;
  constructor(readonly max: number) {}

  /** Returns false (and latches exhausted) once the running total passes the limit. */
  take(bytes: number): boolean {
    this.used += bytes;
    if (this.used > this.max) this.exhausted = true;
    return !this.exhausted;
  }
}

/** Counts bytes flowing through; used on compressed input to judge ratios while inflating. */
export class ByteCounter extends Transform {
  bytes = 0;
  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.bytes += chunk.length;
    cb(null, chunk);
  }
}

export type RatioSource = { compressedBytes: () => number; max: number; graceBytes: number };

export type MeterOptions = {
  maxEntrySize: number;
  budget: Budget;
  /** Declared uncompressed size; actual bytes must match it exactly. */
  declaredSize?: number | null;
  ratio?: RatioSource;
  /** Expected CRC-32 of the uncompressed data (zip). */
  crc32?: number | null;
};

export function ratioExceeded(out: number, compressed: number, r: RatioSource): number | null {
  if (out <= r.graceBytes) return null;
  const ratio = out / Math.max(compressed, 1);
  return ratio > r.max ? ratio : null;
}

/** Enforces per-entry limits on the bytes actually produced, since declared sizes lie. */
export class EntryMeter extends Transform {
  bytes = 0;
  private crc = 0;
  constructor(private readonly opts: MeterOptions) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.bytes += chunk.length;
    const failure = this.check(chunk.length);
    if (failure) return cb(failure);
    if (this.opts.crc32 != null) this.crc = crc32(chunk, this.crc);
    cb(null, chunk);
  }

  override _flush(cb: TransformCallback): void {
    const { declaredSize, crc32: expected } = this.opts;
    if (declaredSize != null && this.bytes !== declaredSize) {
      return cb(rejectionError(reasons.sizeMismatch(declaredSize, `${this.bytes} bytes`)));
    }
    if (expected != null && this.crc >>> 0 !== expected >>> 0) return cb(rejectionError(reasons.checksum()));
    cb();
  }

  private check(chunkLength: number): EntryRejection | null {
    const { maxEntrySize, budget, declaredSize, ratio } = this.opts;
    const withinBudget = budget.take(chunkLength);
    if (this.bytes > maxEntrySize) return rejectionError(reasons.entrySize(maxEntrySize));
    if (!withinBudget) return rejectionError(reasons.totalSize(budget.max));
    if (declaredSize != null && this.bytes > declaredSize) {
      return rejectionError(reasons.sizeMismatch(declaredSize, `more than ${declaredSize} bytes`));
    }
    const r = ratio ? ratioExceeded(this.bytes, ratio.compressedBytes(), ratio) : null;
    if (r !== null && ratio) return rejectionError(reasons.ratio(r, ratio.max));
    return null;
  }
}
