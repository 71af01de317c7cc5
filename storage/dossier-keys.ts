// The units' dossier signing keys (Ed25519), kept outside the object store and the database: one PKCS#8 PEM file
// per unit in a key folder (SPOOR_DOSSIER_KEY_DIR in production), made on first use, like the audit key.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

export type DossierPublicKey = {
  unit: string;
  /** SubjectPublicKeyInfo PEM: what a verifier anywhere needs. */
  publicKeyPem: string;
  /** SHA-256 of the DER public key, hex: printed in the PDF, compared by `dossier verify`. */
  fingerprint: string;
};
export type DossierSigner = DossierPublicKey & { sign: (data: Buffer) => string };

// A unit code becomes a file name: anything but letters, digits, '-' and '_' is replaced.
const keyFile = (dir: string, unit: string) => path.join(dir, `unit-${unit.replace(/[^A-Za-z0-9_-]/g, '_')}.pem`);

export function publicKeyOf(unit: string, publicKeyPem: string): DossierPublicKey {
  const der = createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' });
  return { unit, publicKeyPem, fingerprint: createHash('sha256').update(der).digest('hex') };
}

function signerFrom(unit: string, privatePem: string): DossierSigner {
  const privateKey = createPrivateKey(privatePem);
  const publicKeyPem = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
  // Ed25519 signatures are deterministic: the same manifest gets the same signature, byte for byte.
  return { ...publicKeyOf(unit, publicKeyPem), sign: (data) => sign(null, data, privateKey).toString('base64') };
}

/** The unit's signing key; created (mode 0600) when the unit has none yet. */
export async function loadDossierSigner(
  dir: string,
  unit: string,
  log: (line: string) => void = () => undefined,
): Promise<DossierSigner> {
  const file = keyFile(dir, unit);
  await fs.mkdir(dir, { recursive: true });
  const { privateKey } = generateKeyPairSync('ed25519');
  const fresh = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  try {
    // 'wx' fails when the file exists, so two processes cannot each make their own key for one unit.
    await fs.writeFile(file, fresh, { flag: 'wx', mode: 0o600 });
    log(`dossier: created a new signing key for unit ${unit} at ${file}; keep a copy in a safe place.`);
    return signerFrom(unit, fresh);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return signerFrom(unit, await fs.readFile(file, 'utf8'));
}

/** The unit's public key when this installation holds its key; null otherwise (never creates one). */
export async function findDossierPublicKey(dir: string, unit: string): Promise<DossierPublicKey | null> {
  try {
    return signerFrom(unit, await fs.readFile(keyFile(dir, unit), 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

export function verifyDossierSignature(publicKeyPem: string, data: Buffer, signature: string): boolean {
  try {
    return verify(null, data, createPublicKey(publicKeyPem), Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}
