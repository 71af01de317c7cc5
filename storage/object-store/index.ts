import path from 'node:path';
import { FsObjectStore } from './fs-store.ts';
import { S3ObjectStore, type S3StoreOptions } from './s3-store.ts';
import type { ObjectStore } from './object-store.ts';

export * from './object-store.ts';
export { FsObjectStore, S3ObjectStore };

type StoreConfig = { s3: S3StoreOptions | null; dataDir: string; objectsDir?: string | null };

export async function createObjectStore(config: StoreConfig): Promise<ObjectStore> {
  if (config.s3) return new S3ObjectStore(config.s3).init();
  return new FsObjectStore(config.objectsDir ?? path.join(config.dataDir, 'objects')).init();
}
