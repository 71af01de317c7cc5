// A melding's attachments are evidence: stored unchanged under their SHA-256 (computed while streaming),
// read-only, with uploader and time. Only images and PDFs are taken; each upload re-runs the extraction.
import type { Readable } from 'node:stream';
import { inTransaction, type Queryable } from '../../storage/db.ts';
import type { ObjectStore } from '../../storage/object-store/index.ts';
import { reportAttachmentsRepo } from '../../storage/repositories/report-attachments.repository.ts';
import { reportsRepo, type ReportRow } from '../../storage/repositories/reports.repository.ts';
import { attachmentKey, storeContent } from '../../workers/ingest/content-store.ts';
import { detectType, isImageMime, SNIFF_BYTES } from '../../workers/ingest/file-type.ts';
import { enqueue } from '../../workers/jobs.ts';
import { BadInput, Conflict, UnsupportedMediaType } from '../errors.ts';
import type { Actor } from './actor.ts';
import type { AuditService } from './audit.service.ts';
import { openReport, type ReportDeps } from './reports.service.ts';

export type StoredAttachment = { sha256: string; size: number; mime: string; name: string };
export type AttachmentDeps = ReportDeps & { store: ObjectStore };

export const isAttachmentMime = (mime: string | null) => isImageMime(mime) || mime === 'application/pdf';

const unsupportedAttachment = (mime: string | null) =>
  new UnsupportedMediaType({
    nl:
      `Dit bestand (${mime ?? 'onbekend type'}) kan geen bijlage van een melding zijn: alleen afbeeldingen ` +
      '(screenshots, foto’s) en PDF’s. Sla andere bestanden op als PDF of als schermafbeelding.',
    en:
      `This file (${mime ?? 'unknown type'}) cannot be a melding attachment: only images (screenshots, photos) ` +
      'and PDFs. Save other files as PDF or as a screenshot.',
  });

const emptyFile = () =>
  new BadInput({
    nl: 'Het bestand is leeg (0 bytes). Kies het juiste bestand en upload het opnieuw.',
    en: 'The file is empty (0 bytes). Choose the right file and upload it again.',
  });

const safeFileName = (name: string) => name.replace(/[\u0000-\u001f\\/]+/g, '_').slice(0, 255) || 'bijlage';

/** Streams the bytes into the store under their SHA-256, then checks by magic bytes that they are an image or PDF. */
async function storeAttachment(store: ObjectStore, body: Readable, name: string): Promise<StoredAttachment> {
  const stored = await storeContent(store, body, { keyFor: attachmentKey });
  if (stored.size === 0) throw emptyFile();
  const head = Buffer.concat(
    await (await store.getRange(stored.key, 0, Math.min(stored.size, SNIFF_BYTES) - 1)).toArray(),
  );
  const mime = (await detectType(head))?.mime ?? null;
  if (!isAttachmentMime(mime)) {
    // Content-addressed: new bytes of a refused type are nobody else's attachment, so they go again.
    if (!stored.existed) await store.delete(stored.key).catch(() => undefined);
    throw unsupportedAttachment(mime);
  }
  return { sha256: stored.sha256, size: stored.size, mime: mime!, name: safeFileName(name) };
}

const duplicate = (name: string, report: ReportRow) =>
  new Conflict({
    nl: `Dit bestand is al bijlage "${name}" van melding ${report.number}. Er is niets toegevoegd.`,
    en: `This file is already attachment "${name}" of melding ${report.number}. Nothing was added.`,
  });

/** Adds a stored file to a melding (inside the caller's transaction) with its chain-of-custody entry. */
export async function insertAttachment(
  tx: Queryable,
  audit: AuditService,
  actor: Actor,
  report: ReportRow,
  file: StoredAttachment,
): Promise<number> {
  await reportsRepo(tx).lock(report.id);
  const repo = reportAttachmentsRepo(tx);
  const existing = await repo.bySha(report.id, file.sha256);
  if (existing) throw duplicate(existing.name, report);
  const uploader = { uploadedBy: actor.id, uploadedByName: actor.username };
  const id = await repo.insert({ reportId: report.id, ...file, ...uploader });
  const details = { reportId: report.id, number: report.number, name: file.name, sha256: file.sha256, size: file.size };
  await audit.record(
    actor,
    { action: 'report.attachment.upload', targetType: 'report', targetId: report.id, details },
    tx,
  );
  return id;
}

type Upload = { body: Readable; name: string; expectedSha256?: string };

async function uploadAttachment(deps: AttachmentDeps, actor: Actor, reportId: string, upload: Upload) {
  const report = await openReport(deps, actor, reportId);
  const file = await storeAttachment(deps.store, upload.body, upload.name);
  if (upload.expectedSha256 && upload.expectedSha256.toLowerCase() !== file.sha256) {
    throw new BadInput({
      nl: `De upload kwam beschadigd aan: SHA-256 ${file.sha256} wijkt af van ${upload.expectedSha256}. Upload opnieuw.`,
      en: `The upload arrived damaged: SHA-256 ${file.sha256} differs from ${upload.expectedSha256}. Upload it again.`,
    });
  }
  const id = await inTransaction(deps.pool, async (tx) => {
    const inserted = await insertAttachment(tx, deps.audit, actor, report, file);
    await reportsRepo(tx).markPending(report.id);
    return inserted;
  });
  // The text and every attachment are read again: the occurrences are replaced as a whole.
  await enqueue(deps.boss, 'report.extract', { reportId: report.id });
  return (await reportAttachmentsRepo(deps.pool).byId(report.id, id))!;
}

export function reportAttachmentsService(deps: AttachmentDeps) {
  return {
    /** Opens the melding for the upload before any byte is read (need-to-know first). */
    authorise: (actor: Actor, reportId: string) => openReport(deps, actor, reportId),
    upload: (actor: Actor, reportId: string, upload: Upload) => uploadAttachment(deps, actor, reportId, upload),
  };
}
