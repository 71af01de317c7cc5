import { createReadStream, createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Duplex, Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Budget, EntryMeter, ratioExceeded, type MeterOptions } from './meter.ts';
import { depthNote, reasons, toRejection, type Rejection } from './reasons.ts';
import { chain, peekHead, sniffArchive, type MeteredBody } from './streams.ts';
import type { ArchiveKind, Consumer, EntryInfo, OutcomeSink, WalkLimits, WalkSummary } from './types.ts';

/** Unpacks a local archive file whose members sit at `depth`; injected to avoid an import cycle. */
export type Unpacker = <T>(
  ctx: WalkContext<T>,
  kind: ArchiveKind,
  file: string,
  containerPath: string,
  depth: number,
) => Promise<void>;

export type Metered = MeteredBody & { meter: EntryMeter };

export type OpenOptions = Omit<MeterOptions, 'maxEntrySize' | 'budget'> & { stages?: Duplex[] };

/** Shared state of one walk: limits, counters, outcome reporting and the per-entry delivery path. */
export class WalkContext<T> {
  readonly budget: Budget;
  readonly summary: WalkSummary = { files: 0, rejected: 0, bytes: 0, expandedBytes: 0, errors: [] };
  private entries = 0;
  private spoolSeq = 0;

  constructor(
    readonly limits: Required<WalkLimits>,
    private readonly consume: Consumer<T>,
    private readonly sink: OutcomeSink<T>,
    private readonly tempRoot: string,
    readonly unpack: Unpacker,
    readonly signal?: AbortSignal,
  ) {
    this.budget = new Budget(limits.maxTotalExpanded);
  }

  checkAbort(): void {
    this.signal?.throwIfAborted();
  }

  /** Counts an entry and returns why it must not be read, if anything forbids it. */
  admit(info: EntryInfo, structural: Rejection | null, compressedSize: number | null = null): Rejection | null {
    this.checkAbort();
    const { maxEntries, maxEntrySize, maxCompressionRatio, ratioGraceBytes } = this.limits;
    this.entries += 1;
    if (this.entries > maxEntries) return reasons.entryCount(maxEntries);
    if (this.budget.exhausted) return reasons.totalSize(this.budget.max);
    if (structural) return structural;
    if (info.size === null) return null;
    if (info.size > maxEntrySize) return reasons.entrySize(maxEntrySize);
    if (this.budget.used + info.size > this.budget.max) {
      this.budget.exhausted = true; // the brief: this entry and everything after it
      return reasons.totalSize(this.budget.max);
    }
    if (compressedSize === null) return null;
    const ratio = { compressedBytes: () => compressedSize, max: maxCompressionRatio, graceBytes: ratioGraceBytes };
    const r = ratioExceeded(info.size, compressedSize, ratio);
    return r === null ? null : reasons.ratio(r, maxCompressionRatio);
  }

  async reject(info: EntryInfo, r: Rejection): Promise<void> {
    this.summary.rejected += 1;
    await this.sink({ kind: 'rejected', info, code: r.code, reason: r.reason });
  }

  archiveError(sourcePath: string, message: string): void {
    this.summary.errors.push({ sourcePath, message });
  }

  /** Wraps an entry's raw bytes in the limit-enforcing meter. */
  open(raw: Readable, opts: OpenOptions): Metered {
    const { stages = [], ...meterOpts } = opts;
    const meter = new EntryMeter({ ...meterOpts, maxEntrySize: this.limits.maxEntrySize, budget: this.budget });
    return { ...chain(raw, [...stages, meter]), meter };
  }

  /**
   * Hands an admitted entry to the consumer; nested archives are also unpacked. `localPath`
   * means the bytes already sit in a local file, so no spooling is needed to unpack them.
   */
  async deliver(info: EntryInfo, body: Metered, localPath?: string): Promise<void> {
    const onAbort = () => body.destroy();
    this.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      let peeked;
      try {
        peeked = await peekHead(body.stream);
      } catch (err) {
        return await this.fail(info, body.failure() ?? err);
      }
      peeked.body.on('error', () => undefined); // failures are tracked via body.failure(); never crash on an unwatched stream
      const kind = sniffArchive(peeked.head);
      const nested = kind !== null && info.depth < this.limits.maxDepth;
      if (kind && nested && !localPath) return await this.spoolAndUnpack(info, kind, peeked.body, body);
      const note = kind && !nested ? depthNote(this.limits.maxDepth) : undefined;
      const ok = await this.consumeBody(info, peeked.body, body.failure, () => body.meter.bytes, note);
      if (ok && kind && nested && localPath) await this.unpack(this, kind, localPath, info.sourcePath, info.depth + 1);
    } finally {
      this.signal?.removeEventListener('abort', onAbort);
      body.destroy();
    }
  }

  /** Nested archives need random access (zip), so their bytes go to a private temp file first. */
  private async spoolAndUnpack(info: EntryInfo, kind: ArchiveKind, stream: Readable, body: Metered): Promise<void> {
    const file = join(this.tempRoot, `spool-${++this.spoolSeq}`);
    try {
      try {
        await pipeline(stream, createWriteStream(file, { flags: 'wx' }));
      } catch (err) {
        this.checkAbort();
        if (body.failure() === undefined) throw err; // disk/temp problem: not the entry's fault
        return await this.fail(info, body.failure());
      }
      const bytes = body.meter.bytes;
      const spooled = createReadStream(file).on('error', () => undefined); // a local read error surfaces via the consumer
      const ok = await this.consumeBody(
        info,
        spooled,
        () => undefined,
        () => bytes,
      );
      if (ok) await this.unpack(this, kind, file, info.sourcePath, info.depth + 1);
    } finally {
      await rm(file, { force: true });
    }
  }

  /** Runs the consumer; a stream failure turns into a rejection, a consumer-only failure propagates. */
  private async consumeBody(
    info: EntryInfo,
    stream: Readable,
    failure: () => unknown,
    bytes: () => number,
    note?: string,
  ): Promise<boolean> {
    let result: T;
    try {
      result = await this.consume(info, stream);
    } catch (err) {
      if (failure() === undefined && !this.signal?.aborted) throw err;
      await this.fail(info, failure() ?? err);
      return false;
    } finally {
      stream.destroy();
    }
    if (failure() !== undefined) {
      await this.fail(info, failure()); // the consumer swallowed a stream error; still refuse the entry
      return false;
    }
    this.summary.files += 1;
    this.summary.bytes += bytes();
    await this.sink({ kind: 'file', info, result, bytes: bytes(), ...(note ? { note } : {}) });
    return true;
  }

  private async fail(info: EntryInfo, err: unknown): Promise<void> {
    this.checkAbort();
    await this.reject(info, toRejection(err));
  }
}
