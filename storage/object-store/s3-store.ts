// The production object store: any S3 API (MinIO) through the minio client.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import * as Minio from 'minio';
import {
  assertValidKey,
  assertValidPrefix,
  ObjectNotFound,
  type ObjectListing,
  type ObjectStat,
  type ObjectStore,
} from './object-store.ts';

export type S3StoreOptions = {
  endPoint: string;
  port: number | undefined;
  useSSL: boolean;
  accessKey: string;
  secretKey: string;
  bucket: string;
};

function isNotFound(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return code === 'NoSuchKey' || code === 'NotFound' || code === 'NoSuchObject';
}

class ByteCounter extends Transform {
  bytes = 0;
  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    callback(null, chunk);
  }
}

const SINGLE_PUT_LIMIT = 8 * 1024 * 1024;

/** Small streams of unknown size become one buffer (a single PUT); larger ones go multipart. */
async function headOrStream(body: Readable): Promise<Buffer | Readable> {
  // A manual iterator: leaving a for-await loop early would destroy the stream we still need.
  const iterator = body[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const chunks: Buffer[] = [];
  let total = 0;
  for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
    chunks.push(next.value);
    total += next.value.length;
    if (total > SINGLE_PUT_LIMIT) {
      return Readable.from(
        (async function* () {
          yield* chunks;
          for (let more = await iterator.next(); !more.done; more = await iterator.next()) yield more.value;
        })(),
      );
    }
  }
  return Buffer.concat(chunks);
}

export class S3ObjectStore implements ObjectStore {
  readonly kind = 's3' as const;
  private readonly client: Minio.Client;
  private readonly bucket: string;

  constructor(config: S3StoreOptions) {
    this.client = new Minio.Client({
      endPoint: config.endPoint,
      port: config.port,
      useSSL: config.useSSL,
      accessKey: config.accessKey,
      secretKey: config.secretKey,
      pathStyle: true,
    });
    this.bucket = config.bucket;
  }

  private readonly spool = path.join(os.tmpdir(), 'spoor-s3-spool');

  async init(): Promise<this> {
    await fsp.mkdir(this.spool, { recursive: true });
    if (!(await this.client.bucketExists(this.bucket))) await this.client.makeBucket(this.bucket);
    return this;
  }

  localPath(): null {
    return null;
  }

  async put(key: string, body: Readable | Buffer, size?: number): Promise<{ key: string; size: number }> {
    assertValidKey(key);
    const input = Buffer.isBuffer(body) ? body : size !== undefined ? body : await headOrStream(body);
    if (Buffer.isBuffer(input)) {
      await this.client.putObject(this.bucket, key, input, input.length);
      return { key, size: input.length };
    }
    // Count inside the pipe: a 'data' listener would start the flow before minio attaches (multipart
    // first awaits its upload id) and those bytes would never reach S3.
    const counter = new ByteCounter();
    input.on('error', (error) => counter.destroy(error));
    await this.client.putObject(this.bucket, key, input.pipe(counter), size);
    if (size !== undefined && counter.bytes !== size) {
      await this.client.removeObject(this.bucket, key).catch(() => undefined);
      throw new Error(`size mismatch for ${key}: expected ${size} bytes, received ${counter.bytes}`);
    }
    return { key, size: counter.bytes };
  }

  async get(key: string): Promise<Readable> {
    assertValidKey(key);
    try {
      return await this.client.getObject(this.bucket, key);
    } catch (error) {
      if (isNotFound(error)) throw new ObjectNotFound(key);
      throw error;
    }
  }

  async getRange(key: string, start: number, end: number): Promise<Readable> {
    assertValidKey(key);
    try {
      return await this.client.getPartialObject(this.bucket, key, start, end - start + 1);
    } catch (error) {
      if (isNotFound(error)) throw new ObjectNotFound(key);
      throw error;
    }
  }

  async stat(key: string): Promise<ObjectStat | null> {
    assertValidKey(key);
    try {
      const s = await this.client.statObject(this.bucket, key);
      return { size: s.size, modified: s.lastModified };
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async exists(key: string): Promise<boolean> {
    return (await this.stat(key)) !== null;
  }

  async delete(key: string): Promise<void> {
    assertValidKey(key);
    await this.client.removeObject(this.bucket, key);
  }

  async *list(prefix: string): AsyncIterable<ObjectListing> {
    assertValidPrefix(prefix);
    const stream = this.client.listObjectsV2(this.bucket, prefix, true);
    for await (const item of stream as AsyncIterable<{ name?: string; size: number }>) {
      if (item.name) yield { key: item.name, size: item.size };
    }
  }

  async copy(fromKey: string, toKey: string): Promise<void> {
    assertValidKey(fromKey);
    assertValidKey(toKey);
    await this.client.copyObject(this.bucket, toKey, `/${this.bucket}/${fromKey}`, new Minio.CopyConditions());
  }

  spoolDir(): string {
    return this.spool;
  }

  async adoptFile(key: string, file: string, size: number): Promise<void> {
    await this.put(key, fs.createReadStream(file), size);
    await fsp.rm(file, { force: true });
  }

  async ping(): Promise<void> {
    await this.client.bucketExists(this.bucket);
  }

  /** The bucket's space is not ours to see; the local spool (unpacking, downloads) is. */
  async freeBytes(): Promise<number> {
    const s = await fsp.statfs(this.spool);
    return s.bavail * s.bsize;
  }
}
