import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { afterEach } from 'vitest';
import {
  walkSource,
  type EntryInfo,
  type EntryOutcome,
  type Source,
  type WalkLimits,
  type WalkOptions,
  type WalkSummary,
} from '../../../workers/archive/walk.ts';

export type Hashed = { sha256: string };

type ConsumerLog = { sawError: { path: string; message: string }[] };

/** Test consumer: hashes like the real caller does, and notes stream errors it saw. */
function hashingConsumer(log: ConsumerLog = { sawError: [] }) {
  return async (info: EntryInfo, body: Readable): Promise<Hashed> => {
    const hash = createHash('sha256');
    try {
      await pipeline(body, hash);
    } catch (err) {
      log.sawError.push({ path: info.sourcePath, message: (err as Error).message });
      throw err;
    }
    return { sha256: hash.digest('hex') };
  };
}

export type Run = { outcomes: EntryOutcome<Hashed>[]; summary: WalkSummary; log: ConsumerLog };

export async function run(
  source: Source,
  rootName: string,
  limits: Partial<WalkLimits> = {},
  options: WalkOptions = {},
): Promise<Run> {
  const outcomes: EntryOutcome<Hashed>[] = [];
  const log: ConsumerLog = { sawError: [] };
  const summary = await walkSource(
    source,
    rootName,
    limits,
    hashingConsumer(log),
    async (o) => void outcomes.push(o),
    options,
  );
  return { outcomes, summary, log };
}

export const paths = (r: Run) => r.outcomes.map((o) => o.info.sourcePath);
export const files = (r: Run) => r.outcomes.filter((o) => o.kind === 'file');
export const rejected = (r: Run) => r.outcomes.filter((o) => o.kind === 'rejected');

export function byPath(r: Run, sourcePath: string): EntryOutcome<Hashed>[] {
  return r.outcomes.filter((o) => o.info.sourcePath === sourcePath);
}

/** Fresh temp dirs per test, removed afterwards; `walkTemp` is handed to the walker as tempDir. */
export function useTempDirs() {
  const made: string[] = [];
  afterEach(async () => {
    await Promise.all(made.splice(0).map((d) => rm(d, { recursive: true, force: true })));
  });
  return async (label = 'archive-test'): Promise<string> => {
    const d = await mkdtemp(join(tmpdir(), `spoor-${label}-`));
    made.push(d);
    return d;
  };
}

/** Recursive listing (relative paths), to prove nothing appeared where it should not. */
export async function listTree(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true });
  return entries.map(String).sort();
}
