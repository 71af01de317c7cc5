import { createReadStream } from 'node:fs';
import { mkdtemp, open, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WalkContext, type Unpacker } from './context.ts';
import { walkFolder } from './folder.ts';
import { baseName } from './names.ts';
import { SNIFF_BYTES, sniffArchive } from './streams.ts';
import { walkTarFile } from './tar.ts';
import {
  DEFAULT_LIMITS,
  type Consumer,
  type EntryInfo,
  type OutcomeSink,
  type Source,
  type WalkLimits,
  type WalkOptions,
  type WalkSummary,
} from './types.ts';
import { walkZip } from './zip.ts';

export * from './types.ts';
export { depthNote } from './reasons.ts';

/**
 * Walks a seized export and reports exactly one outcome per file found (directories excepted).
 * Hostile input never makes this throw: problems become rejected outcomes or summary.errors.
 * It throws only on abort, on consumer/onOutcome failures unrelated to the entry's bytes, and
 * on local I/O trouble (missing source, temp dir unwritable). A root archive is not itself
 * reported (the caller already holds it); nested archives are reported, then unpacked.
 */
export async function walkSource<T>(
  source: Source,
  rootName: string,
  limits: Partial<WalkLimits>,
  consume: Consumer<T>,
  onOutcome: OutcomeSink<T>,
  options: WalkOptions = {},
): Promise<WalkSummary> {
  const full = resolveLimits(limits);
  options.signal?.throwIfAborted();
  const tempRoot = await mkdtemp(join(options.tempDir ?? tmpdir(), 'spoor-walk-'));
  try {
    const ctx = new WalkContext(full, consume, onOutcome, tempRoot, unpack, options.signal);
    await walkRoot(ctx, source, rootName, tempRoot);
    ctx.summary.expandedBytes = ctx.budget.used;
    return ctx.summary;
  } finally {
    await rm(tempRoot, { recursive: true, force: true });
  }
}

/** Fills in defaults and refuses nonsense, so a config typo cannot silently disable a limit. */
export function resolveLimits(limits: Partial<WalkLimits>): Required<WalkLimits> {
  const full = { ...DEFAULT_LIMITS, ...limits };
  for (const [key, value] of Object.entries(full)) {
    if (typeof value !== 'number' || Number.isNaN(value) || value < 0) {
      throw new TypeError(`invalid limit ${key}: ${String(value)}`);
    }
  }
  return full;
}

const unpack: Unpacker = (ctx, kind, file, container, depth) =>
  kind === 'zip' ? walkZip(ctx, file, container, depth) : walkTarFile(ctx, file, container, depth, kind === 'gzip');

async function walkRoot<T>(ctx: WalkContext<T>, source: Source, rootName: string, tempRoot: string): Promise<void> {
  if (source.kind === 'folder') return walkFolder(ctx, source.path, rootName);
  if (source.kind === 'file') return walkRootFile(ctx, source.path, rootName);
  const path = join(tempRoot, 'root-buffer'); // one code path: zip needs a random-access file anyway
  await writeFile(path, source.data, { flag: 'wx' });
  return walkRootFile(ctx, path, rootName);
}

async function readHead(path: string): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await fh.read(buf, 0, SNIFF_BYTES, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/** A root archive is unpacked in place; anything else (or maxDepth 0) is a single entry. */
async function walkRootFile<T>(ctx: WalkContext<T>, path: string, rootName: string): Promise<void> {
  const kind = sniffArchive(await readHead(path));
  if (kind && ctx.limits.maxDepth >= 1) return unpack(ctx, kind, path, rootName, 1);
  const st = await stat(path);
  const info: EntryInfo = { sourcePath: rootName, name: baseName(rootName), size: st.size, mtime: st.mtime, depth: 0 };
  const refusal = ctx.admit(info, null);
  if (refusal) return ctx.reject(info, refusal);
  await ctx.deliver(info, ctx.open(createReadStream(path), {}));
}
