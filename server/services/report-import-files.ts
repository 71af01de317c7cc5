// The files a manifest row names: only inside the manifest's folder (no "..", no absolute path, no symlink out),
// texts as UTF-8, attachments hashed and typed by their bytes before anything is stored.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { detectType, SNIFF_BYTES } from '../../workers/ingest/file-type.ts';
import { isAttachmentMime } from './report-attachments.service.ts';
import { MAX_TEXT_CHARS } from './report-input.ts';

/** Why one row is skipped; its message is the reason printed beside the line number. */
export class RowProblem extends Error {
  override readonly name = 'RowProblem';
}

export type LocalAttachment = { file: string; name: string; sha256: string; size: number; mime: string };

const MiB = 1024 ** 2;

/** The real path of `relative` under `dir` (itself a real path), or a RowProblem saying why not. */
async function resolveInside(dir: string, relative: string, what: string): Promise<string> {
  if (path.isAbsolute(relative) || /^[a-z]:[\\/]/i.test(relative))
    throw new RowProblem(`${what} "${relative}" is an absolute path; give paths relative to the manifest`);
  const candidate = path.resolve(dir, relative);
  const escapes = (p: string) => {
    const rel = path.relative(dir, p);
    return rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel);
  };
  if (escapes(candidate)) throw new RowProblem(`${what} "${relative}" lies outside the manifest's folder`);
  const real = await fs.promises.realpath(candidate).catch(() => null);
  if (!real) throw new RowProblem(`${what} "${relative}" does not exist`);
  if (escapes(real)) throw new RowProblem(`${what} "${relative}" links to a place outside the manifest's folder`);
  const stat = await fs.promises.stat(real);
  if (!stat.isFile()) throw new RowProblem(`${what} "${relative}" is not a file`);
  return real;
}

export async function readTextFile(dir: string, relative: string): Promise<string> {
  const file = await resolveInside(dir, relative, 'text file');
  const bytes = await fs.promises.readFile(file);
  if (bytes.length > MAX_TEXT_CHARS * 4)
    throw new RowProblem(`text file "${relative}" is larger than ${MAX_TEXT_CHARS * 4} bytes`);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw new RowProblem(`text file "${relative}" is not UTF-8 text`);
  }
}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(fs.createReadStream(file), hash);
  return hash.digest('hex');
}

/** Hashes and types an attachment where it lies; refuses empty, oversized and unsupported files. */
export async function inspectAttachment(dir: string, relative: string, maxBytes: number): Promise<LocalAttachment> {
  const file = await resolveInside(dir, relative, 'attachment');
  const { size } = await fs.promises.stat(file);
  if (size === 0) throw new RowProblem(`attachment "${relative}" is empty`);
  if (size > maxBytes)
    throw new RowProblem(`attachment "${relative}" is larger than ${(maxBytes / MiB).toFixed(0)} MiB`);
  const head = Buffer.alloc(Math.min(size, SNIFF_BYTES));
  const fd = await fs.promises.open(file, 'r');
  await fd.read(head, 0, head.length, 0).finally(() => fd.close());
  const mime = (await detectType(head))?.mime ?? null;
  if (!isAttachmentMime(mime))
    throw new RowProblem(`attachment "${relative}" is ${mime ?? 'of an unknown type'}: only images and PDFs are taken`);
  return { file, name: path.basename(relative).slice(0, 255), sha256: await sha256Of(file), size, mime: mime! };
}
