// Checks a dossier (a folder, or the zip it was downloaded as): every file against manifest.sha256, no file added
// or removed, and manifest.sig against the unit's key as the verifier knows it. Reports the first problem found.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { verifyDossierSignature } from '../../storage/dossier-keys.ts';
import { MANIFEST, parseManifest, parseSignature, SIGNATURE, type TrustedKeys } from './manifest.ts';

type Message = { nl: string; en: string };
export type VerifyResult =
  { ok: true; files: number; unit: string; fingerprint: string } | { ok: false; problem: Message };

/** What the check reads: the names in the dossier, and each file as a stream. */
type DossierSource = { names: string[]; open: (name: string) => Promise<Readable>; close: () => void };

const MAX_TEXT = 16 * 1024 * 1024;

async function folderSource(dir: string): Promise<DossierSource> {
  const entries = await fsp.readdir(dir, { withFileTypes: true });
  // A sub-folder counts as an added entry: the dossier is flat.
  const names = entries.map((e) => (e.isFile() ? e.name : `${e.name}/`));
  return { names, open: async (name) => fs.createReadStream(path.join(dir, name)), close: () => undefined };
}

async function zipSource(file: string): Promise<DossierSource> {
  const zip = await yauzl.openPromise(file, { lazyEntries: true, autoClose: false, strictFileNames: true });
  const entries = new Map<string, yauzl.Entry>();
  for await (const entry of zip.eachEntry()) entries.set(entry.fileName, entry);
  return {
    names: [...entries.keys()],
    open: (name) => zip.openReadStreamPromise(entries.get(name)!),
    close: () => zip.close(),
  };
}

async function sha256Of(stream: Readable): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of stream) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function textOf(stream: Readable): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > MAX_TEXT) {
      stream.destroy();
      return null;
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

const problem = (nl: string, en: string): VerifyResult => ({ ok: false, problem: { nl, en } });

async function checkSignature(src: DossierSource, manifest: Buffer, trusted: TrustedKeys): Promise<VerifyResult> {
  if (!src.names.includes(SIGNATURE)) return problem(`${SIGNATURE} ontbreekt.`, `${SIGNATURE} is missing.`);
  const sig = parseSignature((await textOf(await src.open(SIGNATURE)))?.toString('utf8') ?? '');
  if (!sig) return problem(`${SIGNATURE} is onleesbaar.`, `${SIGNATURE} cannot be read.`);
  const key = await trusted(sig.unit);
  if (!key) {
    return problem(
      `Geen dossiersleutel bekend voor eenheid ${sig.unit}; geef de publieke sleutel mee (--public-key).`,
      `No dossier key known for unit ${sig.unit}; pass its public key (--public-key).`,
    );
  }
  if (!verifyDossierSignature(key.publicKeyPem, manifest, sig.signature)) {
    return problem(
      'De handtekening klopt niet bij het manifest en de sleutel van de eenheid.',
      "The signature does not match the manifest and the unit's key.",
    );
  }
  return { ok: true, files: 0, unit: sig.unit, fingerprint: key.fingerprint };
}

async function check(src: DossierSource, trusted: TrustedKeys): Promise<VerifyResult> {
  if (!src.names.includes(MANIFEST)) return problem(`${MANIFEST} ontbreekt.`, `${MANIFEST} is missing.`);
  const manifest = await textOf(await src.open(MANIFEST));
  const entries = manifest ? parseManifest(manifest.toString('utf8')) : null;
  if (!manifest || !entries) return problem(`${MANIFEST} is onleesbaar.`, `${MANIFEST} cannot be read.`);
  const listed = new Set([...entries.map((e) => e.name), MANIFEST, SIGNATURE]);
  const added = src.names.find((n) => !listed.has(n));
  if (added !== undefined) return problem(`Bestand toegevoegd: ${added}`, `File added: ${added}`);
  for (const e of entries) {
    if (!src.names.includes(e.name)) return problem(`Bestand ontbreekt: ${e.name}`, `File removed: ${e.name}`);
    if ((await sha256Of(await src.open(e.name))) !== e.sha256) {
      return problem(`Bestand gewijzigd: ${e.name}`, `File changed: ${e.name}`);
    }
  }
  const signed = await checkSignature(src, manifest, trusted);
  return signed.ok ? { ...signed, files: entries.length } : signed;
}

/** `target`: a dossier folder, or a zip of one (files at its root). */
export async function verifyDossier(target: string, trusted: TrustedKeys): Promise<VerifyResult> {
  const stat = await fsp.stat(target);
  let src: DossierSource;
  try {
    src = stat.isDirectory() ? await folderSource(target) : await zipSource(target);
  } catch (error) {
    const detail = (error as Error).message;
    return problem(`Geen dossiermap of zip: ${detail}`, `Not a dossier folder or zip: ${detail}`);
  }
  try {
    return await check(src, trusted);
  } finally {
    src.close();
  }
}
