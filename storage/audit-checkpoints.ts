// Checkpoints of the audit chain head (last id, its hash, the count, the time), appended as signed JSON lines to a
// file outside the database: an insider who shortens or re-chains the log cannot make it agree with them.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import readline from 'node:readline';
import { canonicalJson, GENESIS_HASH } from './audit-chain.ts';
import type { AuditKey } from './audit-key.ts';
import type { Pool } from './db.ts';
import { auditRepo } from './repositories/audit.repository.ts';

export type Checkpoint = {
  v: 1;
  id: number;
  hash: string;
  count: number;
  entryAt: string | null;
  at: string;
  keyId: string;
};

/** A checkpoint line that cannot be trusted, by its 1-based line number in the file. */
export type CheckpointFault = {
  line: number;
  kind: 'unreadable' | 'unsigned' | 'bad-signature' | 'other-key';
  keyId?: string;
};

export type CheckpointSet = {
  missing: boolean;
  lines: number;
  checkpoints: Checkpoint[];
  faults: CheckpointFault[];
};

export function checkpointLine(key: AuditKey, cp: Omit<Checkpoint, 'v' | 'keyId'>): string {
  const body: Checkpoint = { v: 1, ...cp, keyId: key.id };
  return `${JSON.stringify({ ...body, sig: key.sign(canonicalJson(body)) })}\n`;
}

function isCheckpoint(value: unknown): value is Checkpoint & { sig?: unknown } {
  const c = value as Record<string, unknown> | null;
  return (
    !!c &&
    c.v === 1 &&
    Number.isSafeInteger(c.id) &&
    typeof c.hash === 'string' &&
    Number.isSafeInteger(c.count) &&
    typeof c.at === 'string' &&
    typeof c.keyId === 'string'
  );
}

export function parseCheckpointLine(key: AuditKey, text: string, line: number): Checkpoint | CheckpointFault {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { line, kind: 'unreadable' };
  }
  if (!isCheckpoint(value)) return { line, kind: 'unreadable' };
  const { sig, ...body } = value;
  if (typeof sig !== 'string' || sig === '') return { line, kind: 'unsigned' };
  if (body.keyId !== key.id) return { line, kind: 'other-key', keyId: body.keyId };
  return key.verifySignature(canonicalJson(body), sig) ? body : { line, kind: 'bad-signature' };
}

/** Every line of the file, checked; streamed, so a years-long file is read in bounded memory per line. */
export async function readCheckpoints(file: string, key: AuditKey): Promise<CheckpointSet> {
  const set: CheckpointSet = { missing: false, lines: 0, checkpoints: [], faults: [] };
  let input: fs.ReadStream;
  try {
    await fsp.access(file);
    input = fs.createReadStream(file, { encoding: 'utf8' });
  } catch {
    return { ...set, missing: true };
  }
  for await (const text of readline.createInterface({ input, crlfDelay: Infinity })) {
    set.lines += 1;
    if (text.trim() === '') {
      set.faults.push({ line: set.lines, kind: 'unreadable' });
      continue;
    }
    const parsed = parseCheckpointLine(key, text, set.lines);
    if ('kind' in parsed) set.faults.push(parsed);
    else set.checkpoints.push(parsed);
  }
  return set;
}

export type Checkpointer = { checkpoint: () => Promise<Checkpoint | null>; fileExists: () => Promise<boolean> };

/** Appends a checkpoint whenever the head moved since this process's last one; calls are serialised. */
export function auditCheckpointer(pool: Pool, key: AuditKey, file: string): Checkpointer {
  const repo = auditRepo(pool);
  let last: { id: number; hash: string; count: number } | null = null;
  let queue: Promise<unknown> = Promise.resolve();

  async function write(): Promise<Checkpoint | null> {
    const head = await repo.head();
    const id = head?.id ?? 0;
    const hash = head?.hash ?? GENESIS_HASH;
    if (last && last.id === id && last.hash === hash) return null;
    // Counting onward from our last checkpoint keeps this cheap on a log of millions of entries.
    const count =
      last && id >= last.id ? last.count + (await repo.countBetween(last.id, id)) : await repo.countBetween(0, id);
    const cp = { id, hash, count, entryAt: head ? head.at.toISOString() : null, at: new Date().toISOString() };
    await fsp.mkdir(path.dirname(file), { recursive: true });
    // One append per line (O_APPEND): several processes on one data directory interleave whole lines.
    await fsp.appendFile(file, checkpointLine(key, cp), { mode: 0o600 });
    last = { id, hash, count };
    return { v: 1, ...cp, keyId: key.id };
  }

  return {
    checkpoint: () => {
      const run = queue.then(write, write);
      queue = run.catch(() => undefined);
      return run;
    },
    fileExists: () =>
      fsp.access(file).then(
        () => true,
        () => false,
      ),
  };
}
