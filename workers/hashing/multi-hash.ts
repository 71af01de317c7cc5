// MD5, SHA-1 and SHA-256 over the same bytes in one pass: each chunk is read once and fed to all three.
import { createHash, type Hash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';

export type Digests = { md5: string; sha1: string; sha256: string; size: number };

class MultiHasher {
  private readonly md5: Hash = createHash('md5');
  private readonly sha1: Hash = createHash('sha1');
  private readonly sha256: Hash = createHash('sha256');
  size = 0;

  update(chunk: Buffer): void {
    this.md5.update(chunk);
    this.sha1.update(chunk);
    this.sha256.update(chunk);
    this.size += chunk.length;
  }

  digest(): Digests {
    return {
      md5: this.md5.digest('hex'),
      sha1: this.sha1.digest('hex'),
      sha256: this.sha256.digest('hex'),
      size: this.size,
    };
  }
}

/** A pass-through stream that hashes what flows through it and can enforce a byte limit. */
export class HashingPassThrough extends Transform {
  readonly hasher = new MultiHasher();

  constructor(private readonly maxBytes = Number.POSITIVE_INFINITY) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (this.hasher.size + chunk.length > this.maxBytes) {
      callback(new ContentTooLarge(this.maxBytes));
      return;
    }
    this.hasher.update(chunk);
    callback(null, chunk);
  }
}

class ContentTooLarge extends Error {
  constructor(public readonly limit: number) {
    super(`content exceeds the limit of ${limit} bytes`);
    this.name = 'ContentTooLarge';
  }
}

export function hashBuffer(buffer: Buffer): Digests {
  const hasher = new MultiHasher();
  hasher.update(buffer);
  return hasher.digest();
}
