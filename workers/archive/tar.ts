import { createReadStream } from 'node:fs';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { createGunzip } from 'node:zlib';
import tarStream, { type Extract } from 'tar-stream';
import type { WalkContext } from './context.ts';
import { ByteCounter, ratioExceeded, type RatioSource } from './meter.ts';
import { baseName, checkEntryName, memberPath } from './names.ts';
import { EntryRejection, errorMessage, reasons, rejectionError, type Rejection } from './reasons.ts';
import { chain, peekHead, sniffArchive, waitWritable } from './streams.ts';
import type { EntryInfo } from './types.ts';

/** tar-stream does not export its entry type; it is what the extractor iterates. */
type TarEntry = Extract extends AsyncIterable<infer S> ? S : never;

const REGULAR = new Set(['file', 'contiguous-file']);
const LINKISH = new Set(['link', 'symlink', 'character-device', 'block-device', 'fifo']);

/** tar, tar.gz, or a lone gzip member: all strictly sequential, so no random access needed. */
export async function walkTarFile<T>(
  ctx: WalkContext<T>,
  file: string,
  container: string,
  depth: number,
  gzip: boolean,
): Promise<void> {
  if (!gzip) return walkTarStream(ctx, createReadStream(file), container, depth, 'tar');
  const counter = new ByteCounter();
  const { maxCompressionRatio: max, ratioGraceBytes: graceBytes } = ctx.limits;
  const ratio = { compressedBytes: () => counter.bytes, max, graceBytes };
  const guard = new GzipGuard(ratio, ctx.limits.maxTotalExpanded);
  const inflated = chain(createReadStream(file), [counter, createGunzip(), guard]);
  let peeked;
  try {
    peeked = await peekHead(inflated.stream);
  } catch (err) {
    inflated.destroy();
    return ctx.archiveError(container, `corrupt gzip: ${errorMessage(inflated.failure() ?? err)}`);
  }
  if (sniffArchive(peeked.head) === 'tar') return walkTarStream(ctx, peeked.body, container, depth, 'tar.gz');
  await walkGzipMember(ctx, peeked.body, container, depth);
}

/** Judges the whole gzip (ratio + total output): skipping a bomb entry still inflates it. */
class GzipGuard extends Transform {
  private out = 0;
  constructor(
    private readonly ratio: RatioSource,
    private readonly maxOut: number,
  ) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.out += chunk.length;
    if (this.out > this.maxOut) return cb(rejectionError(reasons.totalSize(this.maxOut)));
    const r = ratioExceeded(this.out, this.ratio.compressedBytes(), this.ratio);
    cb(r === null ? null : rejectionError(reasons.ratio(r, this.ratio.max)), chunk);
  }
}

/** A gzip that is not a tar holds one file; its name is the container's minus '.gz'. */
async function walkGzipMember<T>(ctx: WalkContext<T>, body: Readable, container: string, depth: number): Promise<void> {
  const outer = baseName(container.split('!/').pop() ?? container);
  const stripped = outer.replace(/\.(gz|gzip)$/i, '');
  const name = stripped && stripped !== outer ? stripped : `${outer}.decompressed`;
  const info: EntryInfo = { sourcePath: memberPath(container, name), name, size: null, mtime: null, depth };
  const refusal = ctx.admit(info, null);
  if (refusal) {
    body.destroy();
    return ctx.reject(info, refusal);
  }
  await ctx.deliver(info, ctx.open(body, {}));
}

async function walkTarStream<T>(
  ctx: WalkContext<T>,
  input: Readable,
  container: string,
  depth: number,
  label: string,
): Promise<void> {
  const extract = tarStream.extract();
  const pumping = pump(input, extract);
  const it = extract[Symbol.asyncIterator]();
  try {
    for (;;) {
      let r: IteratorResult<TarEntry>;
      try {
        r = await it.next();
      } catch (err) {
        return ctx.archiveError(container, archiveMessage(label, err));
      }
      if (r.done) return;
      await walkTarEntry(ctx, r.value, container, depth);
    }
  } finally {
    extract.destroy();
    input.destroy();
    await pumping;
  }
}

function archiveMessage(label: string, err: unknown): string {
  if (err instanceof EntryRejection) return `${label} stream: ${err.reason}; remaining entries not read`;
  return `corrupt ${label}: ${errorMessage(err)}`;
}

/** Manual pump: tar-stream is streamx-based, so we feed it ourselves and forward input errors. */
async function pump(input: Readable, extract: Extract): Promise<void> {
  try {
    for await (const chunk of input) {
      if (extract.destroyed) return;
      if (!extract.write(chunk)) await waitWritable(extract);
    }
    if (!extract.destroyed) extract.end(undefined); // streamx types demand an argument
  } catch (err) {
    extract.destroy(err as Error);
  }
}

async function walkTarEntry<T>(ctx: WalkContext<T>, entry: TarEntry, container: string, depth: number): Promise<void> {
  const h = entry.header;
  const type = h.type ?? 'unknown';
  const body = new TarBody(entry);
  if (type === 'directory' && !h.size) return void body.destroy();
  const checked = checkEntryName(h.name);
  const info: EntryInfo = {
    sourcePath: memberPath(container, checked.path),
    name: checked.name,
    size: h.size ?? null,
    mtime: h.mtime ?? null,
    depth,
  };
  const refusal = ctx.admit(info, structural(type, h.size ?? 0, checked.ok ? null : checked.rejection));
  if (refusal) {
    body.destroy(); // drains, so the next header can be read
    return ctx.reject(info, refusal);
  }
  await ctx.deliver(info, ctx.open(body, { declaredSize: h.size ?? null }));
}

function structural(type: string, size: number, nameRejection: Rejection | null): Rejection | null {
  if (nameRejection) return nameRejection;
  if (type === 'directory') return reasons.directoryData(size);
  if (LINKISH.has(type)) return reasons.link();
  if (!REGULAR.has(type)) return { code: 'special-file', reason: `unsupported tar entry type ${type}` };
  return null;
}

/** Node-stream view of a tar entry; destroy drains it, as destroying the entry kills the extractor. */
class TarBody extends Readable {
  private finished = false;
  constructor(private readonly entry: TarEntry) {
    super();
    entry.on('data', this.onData);
    entry.on('end', () => {
      this.finished = true;
      this.push(null);
    });
    entry.on('error', (err: Error) => this.destroy(err));
    entry.on('close', () => this.finished || this.destroy(new Error('tar entry ended prematurely')));
  }
  private readonly onData = (chunk: unknown) => {
    if (!this.push(chunk as Buffer)) this.entry.pause();
  };
  override _read(): void {
    this.entry.resume();
  }
  override _destroy(err: Error | null, cb: (err?: Error | null) => void): void {
    this.finished = true;
    this.entry.off('data', this.onData);
    this.entry.on('data', () => undefined);
    this.entry.resume();
    cb(err);
  }
}
