// evidence.unpack: walks the stored export and writes one item row per file (rejected ones with
// their reason), storing contents content-addressed with MD5/SHA-1/SHA-256 from one pass.
// Idempotent: a re-run walks again; rows are keyed by (evidence, ordinal) and blobs by SHA-256.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { inTransaction } from '../../storage/db.ts';
import { blobsRepo } from '../../storage/repositories/blobs.repository.ts';
import { evidenceRepo, type EvidenceRow } from '../../storage/repositories/evidence.repository.ts';
import { itemsRepo, type NewItem } from '../../storage/repositories/items.repository.ts';
import { mediaProjectionRepo } from '../../storage/repositories/media-projection.repository.ts';
import { walkSource, type EntryOutcome, type Source } from '../archive/walk.ts';
import { blobKey, storeContent, type StoredContent } from '../ingest/content-store.ts';
import { enqueue, enqueueMany } from '../jobs.ts';
import type { HandlerDeps, HandlerResult } from './deps.ts';

// Small, frequent batches hand blobs to processing while unpacking goes on, so the stages overlap.
const BATCH = 100;
const BATCH_MS = 250;

/** A local file to walk: the store's own file when it is a folder store, else a spooled download. */
async function localSource(
  deps: HandlerDeps,
  ev: EvidenceRow,
): Promise<{ source: Source; cleanup: () => Promise<void> }> {
  const local = deps.store.localPath(ev.object_key);
  if (local) return { source: { kind: 'file', path: local }, cleanup: async () => undefined };
  const spool = path.join(deps.store.spoolDir(), `${randomUUID()}.evidence`);
  try {
    await pipeline(await deps.store.get(ev.object_key), fs.createWriteStream(spool, { mode: 0o600 }));
  } catch (error) {
    await fsp.rm(spool, { force: true });
    throw error;
  }
  return { source: { kind: 'file', path: spool }, cleanup: () => fsp.rm(spool, { force: true }) };
}

/** Folder evidence is stored as a tar of the folder; show its members as plain folder paths. */
const displayPath = (ev: EvidenceRow, sourcePath: string) =>
  ev.kind === 'folder' && sourcePath.startsWith(`${ev.original_name}!/`)
    ? `${ev.original_name}/${sourcePath.slice(ev.original_name.length + 2)}`
    : sourcePath;

function toItem(ev: EvidenceRow, ordinal: number, outcome: EntryOutcome<StoredContent>): NewItem {
  const { info } = outcome;
  const base = {
    ordinal,
    sourcePath: displayPath(ev, info.sourcePath),
    fileName: info.name,
    declaredSize: info.size,
    mtime: info.mtime,
    depth: info.depth,
  };
  if (outcome.kind === 'rejected') return { ...base, blobSha256: null, rejectedReason: outcome.reason, note: null };
  return { ...base, blobSha256: outcome.result.sha256, rejectedReason: null, note: outcome.note ?? null };
}

export async function unpackEvidence(deps: HandlerDeps, evidenceId: string): Promise<HandlerResult> {
  const evidence = evidenceRepo(deps.pool);
  const ev = await evidence.byId(evidenceId);
  if (!ev) return { status: 'skipped', reason: 'evidence deleted' };
  // A paused unpack continues only through a resume, which first sets it back to 'stored'.
  const settled = ev.status === 'unpacked' || ev.status === 'failed' || ev.status === 'paused';
  if (settled) return { status: 'skipped', reason: `already ${ev.status}` };
  await evidence.markUnpacking(ev.id);

  let ordinal = 0;
  let batch: Array<{ item: NewItem; content: StoredContent | null }> = [];
  let lastFlush = Date.now();
  const flush = async () => {
    lastFlush = Date.now();
    if (batch.length === 0) return;
    const rows = batch;
    batch = [];
    const contents = rows.flatMap((r) => (r.content ? [r.content] : []));
    const pending = await inTransaction(deps.pool, async (tx) => {
      if (contents.length > 0) await blobsRepo(tx).upsertMany(contents);
      await itemsRepo(tx).insertMany(
        ev.case_id,
        ev.id,
        rows.map((r) => r.item),
      );
      return contents.length > 0 ? blobsRepo(tx).pendingAmong([...new Set(contents.map((c) => c.sha256))]) : [];
    });
    await enqueueMany(
      deps.boss,
      'blob.process',
      pending.map((sha256) => ({ sha256 })),
    );
    // The grid's projection takes in each batch, so a grid opened during a long unpack has little to catch up on.
    await mediaProjectionRepo(deps.pool).drain(ev.case_id);
  };

  const { source, cleanup } = await localSource(deps, ev);
  try {
    const summary = await walkSource<StoredContent>(
      source,
      ev.original_name,
      deps.limits,
      (_info, body) => storeContent(deps.store, body, { keyFor: blobKey }),
      async (outcome) => {
        batch.push({ item: toItem(ev, ordinal++, outcome), content: outcome.kind === 'file' ? outcome.result : null });
        if (batch.length >= BATCH || Date.now() - lastFlush >= BATCH_MS) await flush();
      },
      { tempDir: deps.store.spoolDir() },
    );
    await flush();
    // Follow-up jobs first: if we die before the status stamp, the retry walks again and re-enqueues.
    await enqueue(deps.boss, 'case.group', { caseId: ev.case_id });
    await enqueue(deps.boss, 'case.match', { caseId: ev.case_id });
    // Content already hashed for another case gets no blob.process job: its OCR stage starts from here.
    await enqueue(deps.boss, 'case.ocr', { caseId: ev.case_id });
    const rootError = summary.errors.find((e) => e.sourcePath === ev.original_name)?.message ?? null;
    await evidence.markUnpacked(ev.id, { ...summary, entries: ordinal }, rootError);
  } catch (error) {
    // Files stored before a fault (a full disk) are recorded now: progress shows them, and their blobs get processed.
    await flush().catch(() => undefined);
    throw error;
  } finally {
    await cleanup();
  }
  return { status: 'done' };
}
