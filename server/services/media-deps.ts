// What the media services share: their dependencies, and opening one item of a case the actor may see.
import type { Pool } from '../../storage/db.ts';
import type { ObjectStore } from '../../storage/object-store/index.ts';
import { mediaGridRepo } from '../../storage/repositories/media-grid.repository.ts';
import { mediaProjectionRepo } from '../../storage/repositories/media-projection.repository.ts';
import { mediaRepo } from '../../storage/repositories/media.repository.ts';
import { NotFound } from '../errors.ts';
import type { Actor } from './actor.ts';
import type { AuditService } from './audit.service.ts';
import type { CasesService } from './cases.service.ts';

export type MediaDeps = {
  pool: Pool;
  store: ObjectStore;
  cases: CasesService;
  audit: AuditService;
  repo: ReturnType<typeof mediaRepo>;
  grid: ReturnType<typeof mediaGridRepo>;
  projection: ReturnType<typeof mediaProjectionRepo>;
};

export function mediaDeps(pool: Pool, store: ObjectStore, cases: CasesService, audit: AuditService): MediaDeps {
  return {
    pool,
    store,
    cases,
    audit,
    repo: mediaRepo(pool),
    grid: mediaGridRepo(pool),
    projection: mediaProjectionRepo(pool),
  };
}

/** Opens the case first, so outsiders get 404; then the content must be part of it. */
export async function openMedia(
  d: MediaDeps,
  actor: Actor,
  caseId: string,
  sha256: string,
  need: 'read' | 'write' = 'read',
) {
  const c = await d.cases.open(actor, { id: caseId }, need);
  const row = await d.repo.inCase(c.id, sha256);
  if (!row) throw new NotFound('This content is not part of the case. Check the hash, or reload the grid.');
  return { c, hasThumbnail: row.has_thumbnail };
}
