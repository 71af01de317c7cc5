// The default object store: a local folder. Writes are atomic (temp file + rename) and stored
// objects are made read-only, because evidence must never be altered in place.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  assertValidKey,
  assertValidPrefix,
  ObjectNotFound,
  type ObjectListing,
  type ObjectStat,
  type ObjectStore,
} from './object-store.ts';

export class FsObjectStore implements ObjectStore {
  readonly kind = 'fs' as const;
  private readonly tmpDir: string;

  constructor(private readonly root: string) {
    this.root = path.resolve(root);
    this.tmpDir = path.join(this.root, '.tmp');
  }

  async init(): Promise<this> {
    await fsp.mkdir(this.tmpDir, { recursive: true });
    return this;
  }

  private resolve(key: string): string {
    assertValidKey(key);
    const full = path.resolve(this.root, key);
    // Defence in depth: the key check already rules this out.
    if (!full.startsWith(this.root + path.sep)) throw new Error(`key escapes the store: ${key}`);
    return full;
  }

  localPath(key: string): string {
    return this.resolve(key);
  }

  async put(key: string, body: Readable | Buffer, size?: number): Promise<{ key: string; size: number }> {
    const target = this.resolve(key);
    const temp = path.join(this.tmpDir, `${randomUUID()}.part`);
    try {
      await pipeline(Buffer.isBuffer(body) ? Readable.from([body]) : body, fs.createWriteStream(temp, { mode: 0o600 }));
      const written = (await fsp.stat(temp)).size;
      if (size !== undefined && written !== size)
        throw new Error(`size mismatch for ${key}: expected ${size} bytes, received ${written}`);
      await fsp.chmod(temp, 0o444);
      await fsp.mkdir(path.dirname(target), { recursive: true });
      await fsp.rename(temp, target);
      return { key, size: written };
    } finally {
      await fsp.rm(temp, { force: true });
    }
  }

  async get(key: string): Promise<Readable> {
    return this.open(key, {});
  }

  async getRange(key: string, start: number, end: number): Promise<Readable> {
    return this.open(key, { start, end });
  }

  private async open(key: string, range: { start?: number; end?: number }): Promise<Readable> {
    const file = this.resolve(key);
    const handle = await fsp.open(file, 'r').catch((error: NodeJS.ErrnoException) => {
      throw error.code === 'ENOENT' ? new ObjectNotFound(key) : error;
    });
    return handle.createReadStream({ ...range, autoClose: true });
  }

  async stat(key: string): Promise<ObjectStat | null> {
    try {
      const s = await fsp.stat(this.resolve(key));
      return s.isFile() ? { size: s.size, modified: s.mtime } : null;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async exists(key: string): Promise<boolean> {
    return (await this.stat(key)) !== null;
  }

  async delete(key: string): Promise<void> {
    await fsp.rm(this.resolve(key), { force: true });
  }

  async *list(prefix: string): AsyncIterable<ObjectListing> {
    assertValidPrefix(prefix);
    const slash = prefix.lastIndexOf('/');
    const dir = slash >= 0 ? prefix.slice(0, slash) : '';
    yield* this.walk(dir, prefix);
  }

  private async *walk(dir: string, prefix: string): AsyncIterable<ObjectListing> {
    const full = dir ? path.join(this.root, dir) : this.root;
    const entries = await fsp.readdir(full, { withFileTypes: true }).catch(() => []);
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const key = dir ? `${dir}/${entry.name}` : entry.name;
      if (!dir && entry.name === '.tmp') continue;
      if (entry.isDirectory()) {
        if (prefix.startsWith(key + '/') || (key + '/').startsWith(prefix) || key.startsWith(prefix))
          yield* this.walk(key, prefix);
      } else if (entry.isFile() && key.startsWith(prefix)) {
        yield { key, size: (await fsp.stat(path.join(full, entry.name))).size };
      }
    }
  }

  async copy(fromKey: string, toKey: string): Promise<void> {
    const size = (await this.stat(fromKey))?.size;
    if (size === undefined) throw new ObjectNotFound(fromKey);
    await this.put(toKey, await this.get(fromKey), size);
  }

  spoolDir(): string {
    return this.tmpDir;
  }

  async adoptFile(key: string, file: string, size: number): Promise<void> {
    const target = this.resolve(key);
    const actual = (await fsp.stat(file)).size;
    if (actual !== size) throw new Error(`size mismatch for ${key}: expected ${size} bytes, file has ${actual}`);
    await fsp.chmod(file, 0o444);
    await fsp.mkdir(path.dirname(target), { recursive: true });
    try {
      await fsp.rename(file, target);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
      await this.put(key, fs.createReadStream(file), size);
      await fsp.rm(file, { force: true });
    }
  }

  async ping(): Promise<void> {
    await fsp.access(this.root, fs.constants.W_OK);
  }

  async freeBytes(): Promise<number> {
    const s = await fsp.statfs(this.root);
    return s.bavail * s.bsize;
  }
}
