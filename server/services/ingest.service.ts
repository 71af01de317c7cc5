// Evidence intake and ingest progress. The upload is stored unchanged under its SHA-256 (computed
// while streaming) with its chain of custody, then unpacked by the workers.
import { Writable, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PgBoss } from 'pg-boss';
import { inTransaction, type Pool } from '../../storage/db.ts';
import type { ObjectStore } from '../../storage/object-store/index.ts';
import { evidenceRepo, type EvidenceRow } from '../../storage/repositories/evidence.repository.ts';
import { itemsRepo } from '../../storage/repositories/items.repository.ts';
import { nearGroupsRepo } from '../../storage/repositories/near-groups.repository.ts';
import { matchesRepo } from '../../storage/repositories/matches.repository.ts';
import { caseTextRepo } from '../../storage/repositories/case-text.repository.ts';
import { videosRepo } from '../../storage/repositories/videos.repository.ts';
import { HashingPassThrough } from '../../workers/hashing/multi-hash.ts';
import { evidenceKey, storeContent, type StoredContent } from '../../workers/ingest/content-store.ts';
import { PDQ_MIN_QUALITY } from '../../workers/signals/index.ts';
import { enqueue } from '../../workers/jobs.ts';
import { resumeEvidence, type ResumeResult } from '../../workers/handlers/resume.ts';
import { classifyFaultMessage, type FaultReason } from '../../storage/object-store/faults.ts';
import { pausesRepo } from '../../storage/repositories/pauses.repository.ts';
import { BadInput, Conflict, notFoundOrNotYours } from '../errors.ts';
import type { Actor } from './actor.ts';
import type { AuditService } from './audit.service.ts';
import { isUuid, type CasesService } from './cases.service.ts';
import type { CaseRow } from '../../storage/repositories/cases.repository.ts';

export type Upload = { body: Readable; originalName: string; kind?: 'file' | 'folder'; expectedSha256?: string };

export type Progress = {
  evidenceId: string;
  status: EvidenceRow['status'];
  error: string | null;
  done: boolean;
  found: number;
  rejected: number;
  stored: number;
  processed: number;
  failed: number;
  images: number;
  thumbnails: number;
  pending: number;
  ungrouped: number;
  unmatched: number;
  /** Videos of this evidence still waiting for their frames and strip (the video.process stage). */
  videos: number;
  /** The case's OCR stage (lower priority, not part of `done`): images waiting, read, skipped by the pre-check, failed. */
  ocr: { pending: number; read: number; noText: number; failed: number };
  /** Why the ingest waits (full disk, passing I/O fault), and since when; it resumes by itself or on request. */
  paused: { reason: FaultReason; since: string } | null;
  /** Whether a resume would continue anything: paused work, or an older version's failure from a passing fault. */
  resumable: boolean;
};

const safeName = (name: string) => name.replace(/[\u0000-\u001f\\/]+/g, '_').slice(0, 255) || 'upload';

/** The unpack's own pause, else the earliest pause among the evidence's blobs. */
async function pauseOf(pool: Pool, ev: EvidenceRow): Promise<Progress['paused']> {
  if (ev.status === 'paused' && ev.paused_reason) {
    return { reason: ev.paused_reason, since: (ev.paused_at ?? new Date()).toISOString() };
  }
  const blobs = await pausesRepo(pool).blobPauseOfEvidence(ev.id);
  return blobs ? { reason: blobs.reason, since: blobs.since.toISOString() } : null;
}

/** How far the ingest of one evidence is: unpacking, items, near grouping and matching, and whether it waits. */
async function progressOf(pool: Pool, ev: EvidenceRow): Promise<Progress> {
  const counts = await itemsRepo(pool).progress(ev.id);
  const ungrouped = await nearGroupsRepo(pool).ungroupedCount(ev.case_id, PDQ_MIN_QUALITY);
  const unmatched = await matchesRepo(pool).unmatchedCount(ev.case_id);
  const videos = await videosRepo(pool).waitingInEvidence(ev.id);
  const finished =
    ev.status === 'failed' ||
    (ev.status === 'unpacked' && counts.pending === 0 && ungrouped === 0 && unmatched === 0 && videos === 0);
  const text = await caseTextRepo(pool).progress(ev.case_id);
  const paused = await pauseOf(pool, ev);
  const resumable = paused !== null || (ev.status === 'failed' && classifyFaultMessage(ev.error) !== null);
  return {
    evidenceId: ev.id,
    status: ev.status,
    error: ev.error,
    done: finished,
    ...counts,
    ungrouped,
    unmatched,
    ocr: { pending: text.pending, read: text.read, noText: text.no_text, failed: text.failed },
    videos,
    paused,
    resumable,
  };
}

/** The evidence row and its chain-of-custody entry commit together, or not at all; null if the case has it. */
async function recordEvidence(
  pool: Pool,
  audit: AuditService,
  actor: Actor,
  c: CaseRow,
  upload: { stored: StoredContent; originalName: string; kind: 'file' | 'folder' },
): Promise<string | null> {
  const { stored, originalName, kind } = upload;
  return inTransaction(pool, async (tx) => {
    const inserted = await evidenceRepo(tx).insert({
      caseId: c.id,
      objectKey: stored.key,
      sha256: stored.sha256,
      size: stored.size,
      originalName,
      kind,
      uploadedBy: actor.id,
      uploadedByName: actor.username,
    });
    if (inserted) {
      await audit.record(
        actor,
        {
          action: 'evidence.upload',
          targetType: 'evidence',
          targetId: inserted,
          caseId: c.id,
          details: { originalName, sha256: stored.sha256, size: stored.size, kind },
        },
        tx,
      );
    }
    return inserted;
  });
}

/** Stores the upload unchanged under its SHA-256 and records it as evidence of the case; returns its id. */
async function storeEvidence(
  d: { pool: Pool; store: ObjectStore; audit: AuditService },
  actor: Actor,
  c: CaseRow,
  upload: Upload,
): Promise<string> {
  const originalName = safeName(upload.originalName);
  const stored = await storeContent(d.store, upload.body, { keyFor: evidenceKey });
  if (upload.expectedSha256 && upload.expectedSha256.toLowerCase() !== stored.sha256) {
    throw new BadInput(
      `The upload arrived damaged: SHA-256 ${stored.sha256} differs from the expected ${upload.expectedSha256}. Upload it again.`,
    );
  }
  const id = await recordEvidence(d.pool, d.audit, actor, c, { stored, originalName, kind: upload.kind ?? 'file' });
  if (!id) {
    const existing = (await evidenceRepo(d.pool).byCaseAndSha(c.id, stored.sha256))!;
    throw new Conflict(
      `This export is already evidence in case ${c.number}: "${existing.original_name}", uploaded by ${existing.uploaded_by_name} on ${existing.uploaded_at.toISOString()} (SHA-256 ${stored.sha256}). Nothing was added.`,
    );
  }
  return id;
}

/** Re-reads stored content to the end and returns its SHA-256. */
async function storedSha256(store: ObjectStore, key: string): Promise<string> {
  const hashing = new HashingPassThrough();
  await pipeline(await store.get(key), hashing, new Writable({ write: (_chunk, _enc, done) => done() }));
  return hashing.hasher.digest().sha256;
}

export function ingestService(pool: Pool, store: ObjectStore, boss: PgBoss, audit: AuditService, cases: CasesService) {
  const evidence = evidenceRepo(pool);

  async function openEvidence(actor: Actor, evidenceId: string) {
    const ev = isUuid(evidenceId) ? await evidence.byId(evidenceId) : null;
    if (!ev) throw notFoundOrNotYours();
    const c = await cases.open(actor, { id: ev.case_id });
    return { ev, case: c };
  }

  return {
    openEvidence,

    async upload(actor: Actor, caseId: string, upload: Upload): Promise<EvidenceRow> {
      const c = await cases.open(actor, { id: caseId }, 'write');
      const id = await storeEvidence({ pool, store, audit }, actor, c, upload);
      await enqueue(boss, 'evidence.unpack', { evidenceId: id });
      return (await evidence.byId(id))!;
    },

    async list(actor: Actor, caseId: string): Promise<EvidenceRow[]> {
      const c = await cases.open(actor, { id: caseId });
      return evidence.listForCase(c.id);
    },

    async progress(actor: Actor | null, evidenceId: string): Promise<Progress> {
      const ev = actor ? (await openEvidence(actor, evidenceId)).ev : await evidence.byId(evidenceId);
      if (!ev) throw notFoundOrNotYours();
      return progressOf(pool, ev);
    },

    /** Continues a paused ingest now (the operator's "hervatten"), without waiting for the periodic check. */
    async resume(actor: Actor, evidenceId: string): Promise<ResumeResult & { evidenceId: string }> {
      const { ev } = await openEvidence(actor, evidenceId);
      const c = await cases.open(actor, { id: ev.case_id }, 'write');
      const result = await resumeEvidence({ pool, boss }, ev.id);
      // Audited when it changed something; a resume with nothing paused is a no-op.
      if (result.unpack || result.blobs > 0 || result.reopened > 0) {
        await audit.record(actor, {
          action: 'evidence.resume',
          targetType: 'evidence',
          targetId: ev.id,
          caseId: c.id,
          details: result,
        });
      }
      return { evidenceId: ev.id, ...result };
    },

    /** Re-reads the stored evidence and checks it still has the SHA-256 recorded at intake. */
    async verify(actor: Actor, evidenceId: string): Promise<{ ok: boolean; expected: string; actual: string }> {
      const { ev, case: c } = await openEvidence(actor, evidenceId);
      const actual = await storedSha256(store, ev.object_key);
      await audit.record(actor, {
        action: 'evidence.verify',
        targetType: 'evidence',
        targetId: ev.id,
        caseId: c.id,
        details: { ok: actual === ev.sha256 },
      });
      return { ok: actual === ev.sha256, expected: ev.sha256, actual };
    },
  };
}
