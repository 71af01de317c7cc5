// Shared helpers for the hash-set format tests.
import { Readable } from 'node:stream';
import type { HashEntry, OnBatch, ReadResult } from '../../../workers/formats/hash-entry.ts';

type Reader<O, R extends ReadResult> = (
  input: AsyncIterable<Buffer | Uint8Array | string>,
  onBatch: OnBatch,
  opts?: O,
) => Promise<R>;

/** Splits text into byte chunks of `size`, so multi-byte characters and tokens straddle chunk edges. */
export function chunked(text: string, size = 64 * 1024): Readable {
  const bytes = Buffer.from(text, 'utf8');
  const parts: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) parts.push(bytes.subarray(i, i + size));
  return Readable.from(parts, { objectMode: false });
}

export async function collect<O, R extends ReadResult>(
  read: Reader<O, R>,
  text: string,
  opts?: O,
  chunkSize?: number,
): Promise<{ entries: HashEntry[]; result: R }> {
  const entries: HashEntry[] = [];
  const result = await read(
    chunked(text, chunkSize),
    (batch) => {
      entries.push(...batch);
    },
    opts,
  );
  return { entries, result };
}

export const MD5 = '0123456789abcdef0123456789abcdef';
export const SHA1 = '0123456789abcdef0123456789abcdef01234567';
export const SHA256 = '0123456789abcdef'.repeat(4);
export const PDQ = 'fedcba9876543210'.repeat(4);
