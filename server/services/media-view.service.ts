// Looking at one item: its detail, its thumbnail (safe, or sharp after a reveal) and the reveal itself; all audited.
import type { Readable } from 'node:stream';
import { Forbidden, NotFound } from '../errors.ts';
import type { Actor } from './actor.ts';
import type { AuditService } from './audit.service.ts';
import { openMedia, type MediaDeps } from './media-deps.ts';
import { thumbnailPixels, type ThumbnailOptions } from './thumbnails.ts';

const MAX_PATHS = 1000;

/**
 * Thumbnail views are audited by group commit: requests for one user and case that arrive within
 * `windowMs` share one 'media.thumbnail' entry listing every hash, and no bytes leave before it commits.
 */
function thumbnailAuditor(audit: AuditService, windowMs = 120, maxBatch = 500) {
  const open = new Map<string, { shas: Set<string>; committed: Promise<number> }>();
  return (actor: Actor, caseId: string, sha256: string): Promise<number> => {
    const key = `${actor.id ?? actor.username}|${caseId}`;
    let batch = open.get(key);
    if (!batch || batch.shas.size >= maxBatch) {
      const shas = new Set<string>();
      const committed = new Promise((resolve) => setTimeout(resolve, windowMs)).then(() => {
        if (open.get(key)?.shas === shas) open.delete(key);
        return audit.record(actor, {
          action: 'media.thumbnail',
          targetType: 'media',
          caseId,
          details: { sha256s: [...shas], count: shas.size },
        });
      });
      batch = { shas, committed };
      open.set(key, batch);
    }
    batch.shas.add(sha256);
    return batch.committed;
  };
}

const noMediaForProsecutors = (actor: Actor) => {
  if (actor.role === 'prosecutor')
    throw new Forbidden('Prosecutors work from the dossier export; media are not shown to this role.');
};

export function mediaViewService(d: MediaDeps, thumbnailOptions: ThumbnailOptions) {
  const { repo, audit } = d;
  const auditThumbnail = thumbnailAuditor(audit);
  const pixels = thumbnailPixels(d.pool, d.store, audit, thumbnailOptions);

  return {
    async detail(actor: Actor, caseId: string, sha256: string) {
      const { c } = await openMedia(d, actor, caseId, sha256);
      const [row, paths] = await Promise.all([repo.detail(c.id, sha256), repo.paths(c.id, sha256, MAX_PATHS + 1)]);
      if (!row) throw new NotFound('This content is not part of the case.');
      await audit.record(actor, { action: 'media.view', targetType: 'media', targetId: sha256, caseId: c.id });
      return { row, paths: paths.slice(0, MAX_PATHS), truncated: paths.length > MAX_PATHS };
    },

    /**
     * The safe rendition (greyscale, blurred), sent only after its view is in the audit log; with `revealId`
     * the sharp thumbnail, for the caller's own fresh reveal of this content (audited per fetch).
     */
    async thumbnail(
      actor: Actor,
      caseId: string,
      sha256: string,
      revealId?: number,
    ): Promise<{ body: Readable | Buffer; revealed: boolean }> {
      const { c, hasThumbnail } = await openMedia(d, actor, caseId, sha256);
      noMediaForProsecutors(actor);
      if (!hasThumbnail)
        throw new NotFound('There is no thumbnail for this content (not an image, or it could not be decoded).');
      if (revealId !== undefined) return { body: await pixels.revealed(actor, c.id, sha256, revealId), revealed: true };
      const body = await pixels.safe(sha256);
      try {
        await auditThumbnail(actor, c.id, sha256);
      } catch (error) {
        if (!Buffer.isBuffer(body)) body.destroy();
        throw error;
      }
      return { body, revealed: false };
    },

    /** Audited; the entry's id is the key to the sharp thumbnail, for this user only and for a short time. */
    async reveal(actor: Actor, caseId: string, sha256: string) {
      const { c } = await openMedia(d, actor, caseId, sha256);
      noMediaForProsecutors(actor);
      const validSeconds = pixels.revealSeconds;
      const event = {
        action: 'media.reveal',
        targetType: 'media',
        targetId: sha256,
        caseId: c.id,
        details: { validSeconds },
      };
      const auditId = await audit.record(actor, event);
      return { sha256, auditId, expiresAt: new Date(Date.now() + validSeconds * 1000).toISOString() };
    },
  };
}
