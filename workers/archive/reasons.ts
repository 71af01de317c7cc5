import type { RejectionCode } from './types.ts';

/** A deliberate refusal of one entry; carried as a stream error so pipelines stop at once. */
export class EntryRejection extends Error {
  constructor(
    readonly code: RejectionCode,
    readonly reason: string,
  ) {
    super(reason);
    this.name = 'EntryRejection';
  }
}

export type Rejection = { code: RejectionCode; reason: string };

const mk = (code: RejectionCode, reason: string): Rejection => ({ code, reason });

export const reasons = {
  traversal: (detail: string) => mk('traversal', `path traversal: ${detail}`),
  invalidName: (detail: string) => mk('invalid-name', `invalid entry name: ${detail}`),
  encrypted: () => mk('encrypted', 'encrypted entry, password required'),
  unsupportedMethod: (method: number) => mk('unsupported-method', `unsupported compression method ${method}`),
  link: () => mk('link', 'link/device entry not extracted'),
  symlink: () => mk('symlink', 'symbolic link not followed'),
  specialFile: () => mk('special-file', 'special file (fifo/socket/device) not read'),
  directoryData: (size: number) => mk('directory-data', `directory entry carries ${size} bytes of data`),
  entrySize: (max: number) => mk('entry-size', `entry exceeds maximum entry size of ${max} bytes`),
  totalSize: (max: number) => mk('total-size', `total expanded size limit of ${max} bytes reached`),
  ratio: (ratio: number, max: number) => mk('ratio', `compression ratio ${Math.floor(ratio)}:1 exceeds limit ${max}:1`),
  entryCount: (max: number) => mk('entry-count', `entry count limit of ${max} reached`),
  sizeMismatch: (declared: number, actual: string) =>
    mk('size-mismatch', `declared size ${declared} bytes but entry holds ${actual}`),
  checksum: () => mk('checksum', 'corrupt entry: CRC-32 mismatch'),
  corrupt: (message: string) => mk('corrupt', `corrupt entry: ${message}`),
  unreadable: (message: string) => mk('unreadable', `unreadable: ${message}`),
} as const;

export const depthNote = (maxDepth: number) => `nesting depth limit ${maxDepth} reached; not unpacked`;

export function rejectionError(r: Rejection): EntryRejection {
  return new EntryRejection(r.code, r.reason);
}

/** Maps any error raised while streaming an entry to a recorded rejection. */
export function toRejection(err: unknown): Rejection {
  if (err instanceof EntryRejection) return { code: err.code, reason: err.reason };
  return reasons.corrupt(err instanceof Error ? err.message : String(err));
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
