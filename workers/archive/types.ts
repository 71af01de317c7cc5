import type { Readable } from 'node:stream';

/** Hard limits for one walk; every limit breach is recorded as an outcome, never thrown. */
export type WalkLimits = {
  /** Max bytes of one entry (declared or actually streamed). */
  maxEntrySize: number;
  /** Max bytes expanded over the whole walk, all nesting levels, rejected entries included. */
  maxTotalExpanded: number;
  /** Max uncompressed/compressed ratio of a zip entry or a gzip stream. */
  maxCompressionRatio: number;
  /** Max entries (files + rejected) over the whole walk. */
  maxEntries: number;
  /** Max archive layers unpacked; the root archive is layer 1. */
  maxDepth: number;
  /** Ratio is only judged once this many bytes have been inflated (tiny files compress oddly). */
  ratioGraceBytes?: number;
};

export const DEFAULT_LIMITS: Readonly<Required<WalkLimits>> = Object.freeze({
  maxEntrySize: 4 * 1024 ** 3,
  maxTotalExpanded: 64 * 1024 ** 3,
  maxCompressionRatio: 200,
  maxEntries: 1_000_000,
  maxDepth: 3,
  ratioGraceBytes: 1024 ** 2,
});

export type EntryInfo = {
  /** Display path through all containers, e.g. 'export.zip!/Downloads/b.zip!/x.jpg'. */
  sourcePath: string;
  /** Last path component. */
  name: string;
  /** Declared size from the container metadata (may lie); null when unknown. */
  size: number | null;
  mtime: Date | null;
  /** Number of archive layers around this entry (0 = loose file / folder member). */
  depth: number;
};

export type RejectionCode =
  | 'traversal'
  | 'invalid-name'
  | 'encrypted'
  | 'unsupported-method'
  | 'link'
  | 'symlink'
  | 'special-file'
  | 'directory-data'
  | 'entry-size'
  | 'total-size'
  | 'ratio'
  | 'entry-count'
  | 'size-mismatch'
  | 'checksum'
  | 'corrupt'
  | 'unreadable';

type FileOutcome<T> = {
  kind: 'file';
  info: EntryInfo;
  /** What the consumer returned. */
  result: T;
  /** Bytes actually streamed to the consumer. */
  bytes: number;
  /** Set when something noteworthy happened, e.g. the nesting limit stopped unpacking. */
  note?: string;
};

type RejectedOutcome = { kind: 'rejected'; info: EntryInfo; code: RejectionCode; reason: string };

export type EntryOutcome<T> = FileOutcome<T> | RejectedOutcome;

type ArchiveError = { sourcePath: string; message: string };

export type WalkSummary = {
  files: number;
  rejected: number;
  /** Bytes delivered to the consumer for accepted files. */
  bytes: number;
  /** Bytes expanded in total (the maxTotalExpanded meter), including rejected and spooled data. */
  expandedBytes: number;
  /** Archive-level problems (corrupt/truncated containers), one per archive. */
  errors: ArchiveError[];
};

export type Source =
  { kind: 'file'; path: string } | { kind: 'folder'; path: string } | { kind: 'buffer'; data: Buffer };

/** Must read `body` fully; a body error means "discard what you stored" (the entry is rejected). */
export type Consumer<T> = (info: EntryInfo, body: Readable) => Promise<T>;

export type OutcomeSink<T> = (outcome: EntryOutcome<T>) => Promise<void>;

export type WalkOptions = {
  signal?: AbortSignal;
  /** Parent for the walk's private temp dir (spooled nested archives); defaults to os.tmpdir(). */
  tempDir?: string;
};

export type ArchiveKind = 'zip' | 'gzip' | 'tar';
