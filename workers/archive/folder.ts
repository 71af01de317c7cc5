import { constants, type Stats } from 'node:fs';
import { lstat, open, readdir } from 'node:fs/promises';
import type { WalkContext } from './context.ts';
import { errorMessage, reasons, type Rejection } from './reasons.ts';
import type { EntryInfo } from './types.ts';

const SEP = Buffer.from('/');
const utf8 = new TextDecoder('utf-8', { fatal: true });
/** O_NOFOLLOW: a member swapped for a symlink after lstat must not be followed; O_NONBLOCK: nor a FIFO block us. */
const OPEN_FLAGS = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;

/** Seized media carries names in legacy encodings; paths stay as bytes, display falls back to latin1. */
function display(name: Buffer): { text: string; exact: boolean } {
  try {
    return { text: utf8.decode(name), exact: true };
  } catch {
    return { text: name.toString('latin1'), exact: false };
  }
}

/** Walks a folder recursively without following symlinks; members sit at depth 0. */
export async function walkFolder<T>(ctx: WalkContext<T>, root: string, rootName: string): Promise<void> {
  await walkDir(ctx, Buffer.from(root), rootName, true);
}

async function walkDir<T>(ctx: WalkContext<T>, dir: Buffer, shown: string, exact: boolean): Promise<void> {
  let names: Buffer[];
  try {
    names = await readdir(dir, { encoding: 'buffer' });
  } catch (err) {
    return ctx.archiveError(shown, `unreadable directory: ${errorMessage(err)}`);
  }
  names.sort(Buffer.compare); // deterministic order across runs and filesystems
  for (const name of names) {
    ctx.checkAbort();
    const full = Buffer.concat([dir, SEP, name]);
    const d = display(name);
    const childShown = `${shown}/${d.text}`;
    let st: Stats;
    try {
      st = await lstat(full);
    } catch (err) {
      await rejectMember(ctx, childShown, d.text, null, reasons.unreadable(errorMessage(err)));
      continue;
    }
    if (st.isDirectory()) await walkDir(ctx, full, childShown, exact && d.exact);
    else await walkMember(ctx, full, st, childShown, d.text, exact && d.exact);
  }
}

async function rejectMember<T>(
  ctx: WalkContext<T>,
  sourcePath: string,
  name: string,
  st: Stats | null,
  r: Rejection,
): Promise<void> {
  const info = infoOf(sourcePath, name, st);
  await ctx.reject(info, ctx.admit(info, r) ?? r); // counted like any other entry
}

function infoOf(sourcePath: string, name: string, st: Stats | null): EntryInfo {
  return { sourcePath, name, size: st?.isFile() ? st.size : null, mtime: st?.mtime ?? null, depth: 0 };
}

async function walkMember<T>(
  ctx: WalkContext<T>,
  full: Buffer,
  st: Stats,
  sourcePath: string,
  name: string,
  exact: boolean,
): Promise<void> {
  if (st.isSymbolicLink()) return rejectMember(ctx, sourcePath, name, st, reasons.symlink());
  if (!st.isFile()) return rejectMember(ctx, sourcePath, name, st, reasons.specialFile());
  const info = infoOf(sourcePath, name, st);
  const refusal = ctx.admit(info, null);
  if (refusal) return ctx.reject(info, refusal);
  let fh;
  try {
    fh = await open(full, OPEN_FLAGS);
    if (!(await fh.stat()).isFile()) throw new Error('no longer a regular file');
  } catch (err) {
    await fh?.close();
    return ctx.reject(info, reasons.unreadable(errorMessage(err)));
  }
  const stream = fh.createReadStream(); // closes the handle when the stream ends or is destroyed
  await ctx.deliver(info, ctx.open(stream, {}), exact ? full.toString('utf8') : undefined);
}
