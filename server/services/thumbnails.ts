// Thumbnail pixels leave the server in two forms. By default the safe rendition (greyscale, blurred);
// the sharp thumbnail only for a user's own recent reveal of that content in that case, and every such
// fetch gets its own audit entry before the bytes leave.
import type { Readable } from 'node:stream';
import type { Pool } from '../../storage/db.ts';
import { ObjectNotFound, type ObjectStore } from '../../storage/object-store/index.ts';
import { auditRepo } from '../../storage/repositories/audit.repository.ts';
import { renderSafeThumbnail } from '../../workers/imaging/safe-thumbnail.ts';
import { safeThumbnailKey, thumbnailKey } from '../../workers/ingest/content-store.ts';
import { Forbidden, NotFound } from '../errors.ts';
import type { Actor } from './actor.ts';
import type { AuditService } from './audit.service.ts';

export type ThumbnailOptions = { revealSeconds: number };

const missing = () =>
  new NotFound({
    nl: 'De miniatuur ontbreekt in de objectopslag. Vraag de beheerder de verwerking opnieuw te starten.',
    en: 'The thumbnail is missing from the object store. Ask the administrator to re-run processing.',
  });

const notYourReveal = () =>
  new Forbidden({
    nl:
      'Dit beeld is niet (meer) door u onthuld. Onthul het opnieuw (toets R of de knop Onthullen); ' +
      'dat wordt vastgelegd in het auditlog.',
    en:
      'You have not revealed this image, or the reveal has expired. Reveal it again (key R or the Reveal button); ' +
      'this is recorded in the audit log.',
  });

async function openOrNull(store: ObjectStore, key: string): Promise<Readable | null> {
  try {
    return await store.get(key);
  } catch (error) {
    if (error instanceof ObjectNotFound) return null;
    throw error;
  }
}

export function thumbnailPixels(pool: Pool, store: ObjectStore, audit: AuditService, opts: ThumbnailOptions) {
  /** Content processed before safe renditions existed gets one made from its sharp thumbnail, cached in the store. */
  async function safe(sha256: string): Promise<Readable | Buffer> {
    const cached = await openOrNull(store, safeThumbnailKey(sha256));
    if (cached) return cached;
    const original = await openOrNull(store, thumbnailKey(sha256));
    if (!original) throw missing();
    const rendition = await renderSafeThumbnail(Buffer.concat(await original.toArray()));
    // Caching only saves the next request some work: a failed write (say, a full disk) must not fail this one.
    await store.put(safeThumbnailKey(sha256), rendition, rendition.length).catch(() => undefined);
    return rendition;
  }

  /** The sharp thumbnail, only against the caller's own fresh reveal entry for this content and case. */
  async function revealed(actor: Actor, caseId: string, sha256: string, revealId: number): Promise<Readable> {
    const entry = actor.id ? await auditRepo(pool).revealOf(revealId, actor.id, caseId, sha256) : null;
    const age = entry ? Date.now() - new Date(entry.at).getTime() : Infinity;
    if (age > opts.revealSeconds * 1000) throw notYourReveal();
    const stream = await openOrNull(store, thumbnailKey(sha256));
    if (!stream) throw missing();
    try {
      const event = {
        action: 'media.thumbnail.revealed',
        targetType: 'media',
        targetId: sha256,
        caseId,
        details: { revealId },
      };
      await audit.record(actor, event);
    } catch (error) {
      stream.destroy();
      throw error;
    }
    return stream;
  }

  return { safe, revealed, revealSeconds: opts.revealSeconds };
}
