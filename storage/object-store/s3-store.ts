// The production object store: any S3 API (MinIO) through the minio client.
import { Readable } from 'node:stream';
import * as Minio from 'minio';
import { assertValidKey, assertValidPrefix, ObjectNotFound, type ObjectListing, type ObjectStat, type ObjectStore } from './object-store.ts';

export type S3StoreOptions = {
  endPoint: string; port: number | undefined; useSSL: boolean;
  accessKey: string; secretKey: string; bucket: string;
};

function isNotFound(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return code === 'NoSuchKey' || code === 'NotFound' || code === 'NoSuchObject';
}

export class S3ObjectStore implements ObjectStore {
  readonly kind = 's3' as const;
  private readonly client: Minio.Client;
  private readonly bucket: string;

  constructor(config: S3StoreOptions) {
    this.client = new Minio.Client({
      endPoint: config.endPoint, port: config.port, useSSL: config.useSSL,
      accessKey: config.accessKey, secretKey: config.secretKey, pathStyle: true,
    });
    this.bucket = config.bucket;
  }

  async init(): Promise<this> {
    if (!(await this.client.bucketExists(this.bucket))) await this.client.makeBucket(this.bucket);
    return this;
  }

  localPath(): null {
    return null;
  }

  async put(key: string, body: Readable | Buffer, size?: number): Promise<{ key: string; size: number }> {
    assertValidKey(key);
    let received = 0;
    const counted = Buffer.isBuffer(body) ? body : body.on('data', (chunk: Buffer) => { received += chunk.length; });
    await this.client.putObject(this.bucket, key, counted, size ?? (Buffer.isBuffer(body) ? body.length : undefined));
    const stored = Buffer.isBuffer(body) ? body.length : received;
    if (size !== undefined && stored !== size) {
      await this.client.removeObject(this.bucket, key).catch(() => undefined);
      throw new Error(`size mismatch for ${key}: expected ${size} bytes, received ${stored}`);
    }
    return { key, size: stored };
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

  async ping(): Promise<void> {
    await this.client.bucketExists(this.bucket);
  }
}
