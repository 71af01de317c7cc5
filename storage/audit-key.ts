// The audit log's secret, kept outside the database: it keys each entry's hash (HMAC-SHA256) and signs the
// checkpoints of the chain head (Ed25519). Both keys are derived from one secret, so one value is kept safe.
import {
  createHmac,
  createPrivateKey,
  createPublicKey,
  hkdfSync,
  randomBytes,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

export type AuditKey = {
  /** A fingerprint of the secret, safe to store and show: tells "another key" apart from "tampered". */
  id: string;
  mac: (prevHash: string, content: string) => string;
  sign: (data: string) => string;
  verifySignature: (data: string, signature: string) => boolean;
};

export type AuditKeySource = { secret: string | null; file: string };

const derive = (secret: Buffer, label: string, bytes: number) =>
  Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), `spoor audit ${label}`, bytes));

// PKCS#8 wrapper of a raw 32-byte Ed25519 seed (RFC 8410), so the signing key follows from the secret.
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

function signingKeys(seed: Buffer): { privateKey: KeyObject; publicKey: KeyObject } {
  const der = Buffer.concat([ED25519_PKCS8_PREFIX, seed]);
  const privateKey = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  return { privateKey, publicKey: createPublicKey(privateKey) };
}

export function auditKeyFrom(secret: string): AuditKey {
  const raw = Buffer.from(secret, 'utf8');
  const macKey = derive(raw, 'entry hmac', 32);
  const { privateKey, publicKey } = signingKeys(derive(raw, 'checkpoint ed25519', 32));
  return {
    id: derive(raw, 'key id', 8).toString('hex'),
    mac: (prevHash, content) => createHmac('sha256', macKey).update(prevHash).update(content).digest('hex'),
    sign: (data) => sign(null, Buffer.from(data), privateKey).toString('base64'),
    verifySignature: (data, signature) => {
      try {
        return verify(null, Buffer.from(data), publicKey, Buffer.from(signature, 'base64'));
      } catch {
        return false;
      }
    },
  };
}

/** Reads the key file, or creates it once (random, mode 0600) when it does not exist yet. */
async function secretFromFile(file: string, log: (line: string) => void): Promise<string> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const fresh = randomBytes(32).toString('hex');
  try {
    // 'wx' fails when the file exists, so two processes starting at once cannot each make their own key.
    await fs.writeFile(file, `${fresh}\n`, { flag: 'wx', mode: 0o600 });
    log(`audit: created a new audit key at ${file}; keep a copy in a safe place, away from the database backups.`);
    return fresh;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const [text, stat] = await Promise.all([fs.readFile(file, 'utf8'), fs.stat(file)]);
  if ((stat.mode & 0o077) !== 0) log(`audit: the audit key ${file} is readable by others; run chmod 600 on it.`);
  const secret = text.trim();
  if (secret.length < 32) {
    throw new Error(`The audit key file ${file} holds fewer than 32 characters. Restore it from its copy.`);
  }
  return secret;
}

export async function loadAuditKey(
  source: AuditKeySource,
  log: (line: string) => void = () => undefined,
): Promise<AuditKey> {
  return auditKeyFrom(source.secret ?? (await secretFromFile(source.file, log)));
}
