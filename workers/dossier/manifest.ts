// The dossier's integrity files: `manifest.sha256` in `sha256sum` format (so `sha256sum -c` checks the folder
// anywhere) and `manifest.sig`, an Ed25519 signature over the manifest's bytes with the unit's dossier key.
import type { DossierPublicKey, DossierSigner } from '../../storage/dossier-keys.ts';

export const MANIFEST = 'manifest.sha256';
export const SIGNATURE = 'manifest.sig';
const SIGNATURE_FORMAT = 'spoor-dossier-signature/1';

export type ManifestEntry = { name: string; sha256: string };
export type SignatureFile = {
  format: string;
  algorithm: 'Ed25519';
  signed: string;
  unit: string;
  fingerprint: string;
  publicKey: string;
  signature: string;
};

/** One `<sha256>  <name>` line per file, in byte order of the names: the same files give the same manifest. */
export function manifestText(entries: readonly ManifestEntry[]): string {
  const sorted = [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return sorted.map((e) => `${e.sha256}  ${e.name}\n`).join('');
}

const LINE = /^([0-9a-f]{64}) [ *]([^/\\\r\n]+)$/;

/** The entries of a manifest, or null when any line is not a `sha256sum` line of a plain file name. */
export function parseManifest(text: string): ManifestEntry[] | null {
  const lines = text.split('\n');
  if (lines.pop() !== '') return null; // sha256sum ends every line with a newline
  const entries: ManifestEntry[] = [];
  for (const line of lines) {
    const m = LINE.exec(line);
    if (!m || m[2] === '.' || m[2] === '..') return null;
    entries.push({ sha256: m[1]!, name: m[2]! });
  }
  return new Set(entries.map((e) => e.name)).size === entries.length ? entries : null;
}

/** The signature file's text: fixed key order, so the same manifest and key give the same bytes. */
export function signatureText(manifest: Buffer, signer: DossierSigner): string {
  const file: SignatureFile = {
    format: SIGNATURE_FORMAT,
    algorithm: 'Ed25519',
    signed: MANIFEST,
    unit: signer.unit,
    fingerprint: signer.fingerprint,
    publicKey: signer.publicKeyPem,
    signature: signer.sign(manifest),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

export function parseSignature(text: string): SignatureFile | null {
  try {
    const f = JSON.parse(text) as Partial<SignatureFile>;
    const fields = [f.unit, f.fingerprint, f.publicKey, f.signature];
    if (f.format !== SIGNATURE_FORMAT || f.algorithm !== 'Ed25519' || f.signed !== MANIFEST) return null;
    return fields.every((v) => typeof v === 'string' && v.length > 0) ? (f as SignatureFile) : null;
  } catch {
    return null;
  }
}

/** What a verifier trusts for a unit: this installation's key, a key given on the command line, or none. */
export type TrustedKeys = (unit: string) => Promise<DossierPublicKey | null>;
