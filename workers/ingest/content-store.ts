// Content-addressed storage: a stream is spooled to a local temp file while it is hashed (one pass),
// then adopted into the object store under its SHA-256, unless identical content is already there.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ObjectStore } from '../../storage/object-store/index.ts';
import { HashingPassThrough, type Digests } from '../hashing/multi-hash.ts';

export type StoredContent = Digests & { key: string; existed: boolean };

export const blobKey = (sha256: string) => `blobs/${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
export const evidenceKey = (sha256: string) => `evidence/${sha256}`;
export const thumbnailKey = (sha256: string) => `thumbs/${sha256.slice(0, 2)}/${sha256}.webp`;
/** The greyscale, blurred rendition served by default (see workers/imaging/safe-thumbnail.ts). */
export const safeThumbnailKey = (sha256: string) => `thumbs/${sha256.slice(0, 2)}/${sha256}.safe.webp`;
/** A melding's attachment, unchanged, and its safe (greyscale, blurred) rendition. */
export const attachmentKey = (sha256: string) => `attachments/${sha256.slice(0, 2)}/${sha256}`;
export const safeAttachmentKey = (sha256: string) => `attachments/${sha256.slice(0, 2)}/${sha256}.safe.webp`;

type StoreOptions = { keyFor: (sha256: string) => string; maxBytes?: number; signal?: AbortSignal };

export async function storeContent(store: ObjectStore, body: Readable, opts: StoreOptions): Promise<StoredContent> {
  return store.kind === 'fs' ? storeLocal(store, body, opts) : storeRemote(store, body, opts);
}

/** Remote stores: stream to a temporary key while hashing (no local disk), then copy server-side. */
async function storeRemote(store: ObjectStore, body: Readable, opts: StoreOptions): Promise<StoredContent> {
  const temp = `uploads/${randomUUID()}`;
  const hashing = new HashingPassThrough(opts.maxBytes);
  try {
    body.on('error', (error) => hashing.destroy(error));
    await store.put(temp, body.pipe(hashing));
    const digests = hashing.hasher.digest();
    const key = opts.keyFor(digests.sha256);
    const existed = await store.exists(key);
    if (!existed) await store.copy(temp, key);
    return { ...digests, key, existed };
  } finally {
    await store.delete(temp).catch(() => undefined);
  }
}

/** Folder store: spool into the store's own temp folder while hashing, then rename into place. */
async function storeLocal(store: ObjectStore, body: Readable, opts: StoreOptions): Promise<StoredContent> {
  const spool = path.join(store.spoolDir(), `${randomUUID()}.spool`);
  const hashing = new HashingPassThrough(opts.maxBytes);
  try {
    await pipeline(body, hashing, fs.createWriteStream(spool, { mode: 0o600 }), { signal: opts.signal });
    const digests = hashing.hasher.digest();
    const key = opts.keyFor(digests.sha256);
    const existed = await store.exists(key);
    if (!existed) await store.adoptFile(key, spool, digests.size);
    return { ...digests, key, existed };
  } finally {
    await fsp.rm(spool, { force: true });
  }
}
