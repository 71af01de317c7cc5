// One interface over the local folder store and S3 (MinIO). Keys are relative, slash-separated names.
import type { Readable } from 'node:stream';

export type ObjectStat = { size: number; modified: Date };
export type ObjectListing = { key: string; size: number };

export interface ObjectStore {
  readonly kind: 'fs' | 's3';
  /** Stores a stream (or buffer). `size` is required by S3 for single-part uploads when known. */
  put(key: string, body: Readable | Buffer, size?: number): Promise<{ key: string; size: number }>;
  get(key: string): Promise<Readable>;
  /** Bytes `start`..`end` inclusive. */
  getRange(key: string, start: number, end: number): Promise<Readable>;
  stat(key: string): Promise<ObjectStat | null>;
  exists(key: string): Promise<boolean>;
  delete(key: string): Promise<void>;
  list(prefix: string): AsyncIterable<ObjectListing>;
  /** A local path for random access (zip central directories), or null when the store is remote. */
  localPath(key: string): string | null;
  ping(): Promise<void>;
  /** Server-side copy (S3) or hard copy (folder) of one object to another key. */
  copy(fromKey: string, toKey: string): Promise<void>;
  /** A local folder for spooling files that will be adopted (same filesystem as the store when local). */
  spoolDir(): string;
  /** Moves a spooled local file into the store under `key` (rename when local, upload when remote). */
  adoptFile(key: string, file: string, size: number): Promise<void>;
  /** Free bytes on the local disk this store writes to (its folder, or its spool when remote); null if unknown. */
  freeBytes(): Promise<number | null>;
}

export class ObjectNotFound extends Error {
  constructor(public readonly key: string) {
    super(`No object stored under key ${JSON.stringify(key)}`);
    this.name = 'ObjectNotFound';
  }
}

class InvalidObjectKey extends Error {
  constructor(key: string, why: string) {
    super(`Invalid object key ${JSON.stringify(key)}: ${why}`);
    this.name = 'InvalidObjectKey';
  }
}

const KEY = /^[A-Za-z0-9][A-Za-z0-9._\-/]{0,511}$/;

/** Keys can never name a parent folder, an absolute path or an empty segment. */
export function assertValidKey(key: string): void {
  if (!KEY.test(key))
    throw new InvalidObjectKey(key, 'use letters, digits, ".", "_", "-" and "/" only, not starting with "/"');
  for (const segment of key.split('/')) {
    if (segment === '' || segment === '.' || segment === '..')
      throw new InvalidObjectKey(key, 'empty, "." or ".." segment');
  }
}

export function assertValidPrefix(prefix: string): void {
  if (prefix === '') return;
  assertValidKey(prefix.endsWith('/') ? prefix.slice(0, -1) : prefix);
}
