// How a melding's attachment pixels leave the server, as for case media (thumbnails.ts): images greyscale and
// blurred by default; the clear image only against the user's own fresh, audited reveal; PDFs as an audited download.
import type { Readable } from 'node:stream';
import sharp from 'sharp';
import { ObjectNotFound, type ObjectStore } from '../../storage/object-store/index.ts';
import { auditRepo } from '../../storage/repositories/audit.repository.ts';
import { reportAttachmentsRepo, type AttachmentRow } from '../../storage/repositories/report-attachments.repository.ts';
import { renderSafeThumbnail } from '../../workers/imaging/safe-thumbnail.ts';
import { attachmentKey, safeAttachmentKey } from '../../workers/ingest/content-store.ts';
import { isImageMime } from '../../workers/ingest/file-type.ts';
import { BadInput, Forbidden, NotFound } from '../errors.ts';
import type { Actor } from './actor.ts';
import type { AttachmentDeps } from './report-attachments.service.ts';
import { openReport } from './reports.service.ts';

export type ViewDeps = AttachmentDeps & { revealSeconds: number };
type Pixels = { body: Readable | Buffer; mime: string };

/** Shown to browsers as they are; other image types are converted to PNG for the clear view. */
const BROWSER_IMAGES = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp']);

const noAttachment = () =>
  new NotFound({
    nl: 'Deze melding heeft die bijlage niet. Laad de melding opnieuw.',
    en: 'This melding has no such attachment. Reload the melding.',
  });
const notAnImage = () =>
  new BadInput({
    nl: 'Deze bijlage is geen afbeelding. Download het bestand (PDF) in plaats daarvan.',
    en: 'This attachment is not an image. Download the file (PDF) instead.',
  });
const imagesAreRevealed = () =>
  new Forbidden({
    nl: 'Afbeeldingen worden niet gedownload: bekijk ze vervaagd, of onthul ze (dat wordt vastgelegd in het auditlog).',
    en: 'Images are not downloaded: view them blurred, or reveal them (this is recorded in the audit log).',
  });
const notYourReveal = () =>
  new Forbidden({
    nl: 'U hebt deze bijlage niet (meer) onthuld. Onthul haar opnieuw; dat wordt vastgelegd in het auditlog.',
    en: 'You have not revealed this attachment, or the reveal has expired. Reveal it again; this is audited.',
  });
const unreadable = () =>
  new BadInput({
    nl: 'Deze afbeelding kan niet worden weergegeven (beschadigd of onbekend formaat). Download het origineel via de beheerder.',
    en: 'This image cannot be shown (damaged or an unknown format). Ask the administrator for the original.',
  });

async function openAttachment(deps: ViewDeps, actor: Actor, reportId: string, attachmentId: number) {
  const report = await openReport(deps, actor, reportId);
  const attachment = await reportAttachmentsRepo(deps.pool).byId(report.id, attachmentId);
  if (!attachment) throw noAttachment();
  return { report, attachment };
}

async function readAll(store: ObjectStore, key: string): Promise<Buffer> {
  try {
    return Buffer.concat(await (await store.get(key)).toArray());
  } catch (error) {
    if (error instanceof ObjectNotFound) throw noAttachment();
    throw error;
  }
}

/** The safe rendition, made once from the original and cached in the store. */
async function safePixels(store: ObjectStore, sha256: string): Promise<Buffer | Readable> {
  const cached = await store.get(safeAttachmentKey(sha256)).catch(() => null);
  if (cached) return cached;
  const rendition = await renderSafeThumbnail(await readAll(store, attachmentKey(sha256))).catch(() => {
    throw unreadable();
  });
  // Caching only saves the next request some work: a failed write must not fail this one.
  await store.put(safeAttachmentKey(sha256), rendition, rendition.length).catch(() => undefined);
  return rendition;
}

async function clearPixels(store: ObjectStore, a: AttachmentRow): Promise<Pixels> {
  if (BROWSER_IMAGES.has(a.mime ?? '')) return { body: await store.get(attachmentKey(a.sha256)), mime: a.mime! };
  const png = await sharp(await readAll(store, attachmentKey(a.sha256)), { failOn: 'none' })
    .rotate()
    .png()
    .toBuffer()
    .catch(() => {
      throw unreadable();
    });
  return { body: png, mime: 'image/png' };
}

/** Blurred by default (audited per view); with `revealId`, the clear image for the caller's own fresh reveal. */
async function image(deps: ViewDeps, actor: Actor, reportId: string, attachmentId: number, revealId?: number) {
  const { report, attachment: a } = await openAttachment(deps, actor, reportId, attachmentId);
  if (!isImageMime(a.mime)) throw notAnImage();
  const details = { reportId: report.id, number: report.number, sha256: a.sha256, ...(revealId ? { revealId } : {}) };
  const target = { targetType: 'report-attachment', targetId: String(a.id), details };
  if (revealId === undefined) {
    const body = await safePixels(deps.store, a.sha256);
    await deps.audit.record(actor, { action: 'report.attachment.view', ...target });
    return { body, mime: 'image/webp', revealed: false };
  }
  const entry = actor.id ? await auditRepo(deps.pool).attachmentRevealOf(revealId, actor.id, a.id) : null;
  const age = entry ? Date.now() - new Date(entry.at).getTime() : Infinity;
  if (age > deps.revealSeconds * 1000) throw notYourReveal();
  await deps.audit.record(actor, { action: 'report.attachment.revealed', ...target });
  return { ...(await clearPixels(deps.store, a)), revealed: true };
}

/** Audited; the entry's id is the key to the clear image, for this user only and for a short time. */
async function reveal(deps: ViewDeps, actor: Actor, reportId: string, attachmentId: number) {
  const { report, attachment: a } = await openAttachment(deps, actor, reportId, attachmentId);
  if (!isImageMime(a.mime)) throw notAnImage();
  const details = { reportId: report.id, number: report.number, sha256: a.sha256, validSeconds: deps.revealSeconds };
  const event = { action: 'report.attachment.reveal', targetType: 'report-attachment', targetId: String(a.id) };
  const auditId = await deps.audit.record(actor, { ...event, details });
  return { attachmentId: a.id, auditId, expiresAt: new Date(Date.now() + deps.revealSeconds * 1000).toISOString() };
}

/** PDFs as a file download, audited before the bytes leave; images only through `image`. */
async function download(deps: ViewDeps, actor: Actor, reportId: string, attachmentId: number) {
  const { report, attachment: a } = await openAttachment(deps, actor, reportId, attachmentId);
  if (isImageMime(a.mime)) throw imagesAreRevealed();
  const body = await deps.store.get(attachmentKey(a.sha256)).catch((error: Error) => {
    throw error instanceof ObjectNotFound ? noAttachment() : error;
  });
  const details = { reportId: report.id, number: report.number, sha256: a.sha256, name: a.name };
  try {
    const event = { action: 'report.attachment.download', targetType: 'report-attachment', targetId: String(a.id) };
    await deps.audit.record(actor, { ...event, details });
  } catch (error) {
    body.destroy();
    throw error;
  }
  return { body, attachment: a };
}

export function reportAttachmentViews(deps: ViewDeps) {
  return {
    image: (actor: Actor, reportId: string, attachmentId: number, revealId?: number) =>
      image(deps, actor, reportId, attachmentId, revealId),
    reveal: (actor: Actor, reportId: string, attachmentId: number) => reveal(deps, actor, reportId, attachmentId),
    download: (actor: Actor, reportId: string, attachmentId: number) => download(deps, actor, reportId, attachmentId),
  };
}
