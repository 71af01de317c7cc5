// Videos in the workbench: what ffmpeg learnt of one, its strip and explicit playback. Need-to-know first (the case
// opens, else 404), then the audit entry, then the bytes: the safe strip by default, the sharp strip only for the
// caller's own fresh reveal, and the video itself only for the caller's own fresh, audited press of "play".
import type { Readable } from 'node:stream';
import type { Pool } from '../../storage/db.ts';
import { ObjectNotFound, type ObjectStore } from '../../storage/object-store/index.ts';
import { auditRepo } from '../../storage/repositories/audit.repository.ts';
import { blobsRepo } from '../../storage/repositories/blobs.repository.ts';
import { mediaRepo } from '../../storage/repositories/media.repository.ts';
import { videosRepo } from '../../storage/repositories/videos.repository.ts';
import { blobKey } from '../../workers/ingest/content-store.ts';
import { safeStripKey, stripKey } from '../../workers/video/process-video.ts';
import { Forbidden, NotFound } from '../errors.ts';
import { presentVideo } from '../presenters/video.ts';
import type { Actor } from './actor.ts';
import type { AuditService } from './audit.service.ts';
import type { CasesService } from './cases.service.ts';

type Deps = { pool: Pool; store: ObjectStore; cases: CasesService; audit: AuditService; revealSeconds: number };

const notInCase = () =>
  new NotFound({
    nl: 'Deze video hoort niet bij de zaak. Controleer de hash of laad het overzicht opnieuw.',
    en: 'This video is not part of the case. Check the hash, or reload the grid.',
  });
const noStrip = () =>
  new NotFound({
    nl: 'Deze video heeft (nog) geen strook. Wacht tot de verwerking klaar is, of bekijk de reden bij de video.',
    en: 'This video has no strip (yet). Wait for processing to finish, or see the reason given with the video.',
  });
const expired = (what: { nl: string; en: string }) =>
  new Forbidden({
    nl: `U heeft deze video niet (meer) ${what.nl}. Doe dat opnieuw; het wordt vastgelegd in het auditlog.`,
    en: `You have not ${what.en} this video, or that has expired. Do so again; it is recorded in the audit log.`,
  });
const noMediaForProsecutors = (actor: Actor) => {
  if (actor.role === 'prosecutor')
    throw new Forbidden({
      nl: 'Officieren van justitie werken vanuit het dossier; beelden worden aan deze rol niet getoond.',
      en: 'Prosecutors work from the dossier export; media are not shown to this role.',
    });
};

async function open(store: ObjectStore, key: string): Promise<Readable> {
  try {
    return await store.get(key);
  } catch (error) {
    if (error instanceof ObjectNotFound) throw noStrip();
    throw error;
  }
}

/** The case, if the actor may open it and the content is a video of it. */
async function openVideo(d: Deps, actor: Actor, caseId: string, sha256: string) {
  const c = await d.cases.open(actor, { id: caseId });
  if (!(await mediaRepo(d.pool).inCase(c.id, sha256))) throw notInCase();
  const blob = await blobsRepo(d.pool).bySha(sha256);
  if (!blob?.mime?.startsWith('video/')) throw notInCase();
  return { c, mime: blob.mime };
}

/** Whether `entryId` is the actor's own entry of `check` for this video in this case, recent enough. */
async function fresh(
  d: Deps,
  actor: Actor,
  check: 'reveal' | 'play',
  ids: { entryId: number; caseId: string; sha256: string },
) {
  if (!actor.id) return false;
  const repo = auditRepo(d.pool);
  const entry = await (check === 'reveal' ? repo.revealOf : repo.playOf)(ids.entryId, actor.id, ids.caseId, ids.sha256);
  return entry !== null && Date.now() - new Date(entry.at).getTime() <= d.revealSeconds * 1000;
}

export function videoService(d: Deps) {
  return {
    async detail(actor: Actor, caseId: string, sha256: string) {
      const { c } = await openVideo(d, actor, caseId, sha256);
      const repo = videosRepo(d.pool);
      const [[row], frames, shares] = await Promise.all([
        repo.bySha([sha256]),
        repo.framesOf(sha256),
        repo.sharesInCase(c.id, sha256),
      ]);
      await d.audit.record(actor, { action: 'media.video.view', targetType: 'media', targetId: sha256, caseId: c.id });
      return presentVideo(sha256, row ?? null, frames, shares);
    },

    /** The safe strip (audited per fetch), or with `revealId` the sharp one for the caller's own fresh reveal. */
    async strip(actor: Actor, caseId: string, sha256: string, revealId?: number) {
      const { c } = await openVideo(d, actor, caseId, sha256);
      noMediaForProsecutors(actor);
      const revealed = revealId !== undefined;
      if (revealed && !(await fresh(d, actor, 'reveal', { entryId: revealId, caseId: c.id, sha256 })))
        throw expired({ nl: 'onthuld', en: 'revealed' });
      const body = await open(d.store, revealed ? stripKey(sha256) : safeStripKey(sha256));
      const action = revealed ? 'media.strip.revealed' : 'media.strip';
      await d.audit.record(actor, { action, targetType: 'media', targetId: sha256, caseId: c.id }).catch((error) => {
        body.destroy();
        throw error;
      });
      return { body, revealed };
    },

    /** The explicit press of "play": audited, and its entry is the key to the bytes for a short time. */
    async play(actor: Actor, caseId: string, sha256: string) {
      const { c } = await openVideo(d, actor, caseId, sha256);
      noMediaForProsecutors(actor);
      const event = {
        action: 'media.play',
        targetType: 'media',
        targetId: sha256,
        caseId: c.id,
        details: { muted: true },
      };
      const auditId = await d.audit.record(actor, event);
      return { sha256, auditId, expiresAt: new Date(Date.now() + d.revealSeconds * 1000).toISOString() };
    },

    /** The video's bytes, only against the caller's own fresh play entry. */
    async stream(actor: Actor, caseId: string, sha256: string, playId: number) {
      const { c, mime } = await openVideo(d, actor, caseId, sha256);
      noMediaForProsecutors(actor);
      if (!(await fresh(d, actor, 'play', { entryId: playId, caseId: c.id, sha256 })))
        throw expired({ nl: 'afgespeeld', en: 'played' });
      return { body: await d.store.get(blobKey(sha256)), mime };
    },
  };
}
