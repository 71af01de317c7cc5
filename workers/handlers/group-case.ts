// case.group: brings the case's near-duplicate groups up to date with its newly processed blobs.
import { inTransaction, type Queryable } from '../../storage/db.ts';
import { mediaProjectionRepo } from '../../storage/repositories/media-projection.repository.ts';
import { nearGroupsRepo } from '../../storage/repositories/near-groups.repository.ts';
import { PDQ_MIN_QUALITY, PDQ_NEAR_RADIUS } from '../signals/index.ts';
import { NearGrouping } from '../ingest/near-grouping.ts';
import { queryPdqs, storedPdqs } from '../matching/pdq-variants.ts';
import type { HandlerDeps, HandlerResult } from './deps.ts';

// Variants (16 hashes a blob at most) are read this many blobs at a time, so a regroup never holds them all.
const VARIANT_PAGE = 5000;
const WRITE_PAGE = 10_000;

/**
 * Groups a case's blobs under its grouping lock, in the caller's transaction: only the ungrouped ones, or
 * with `fromScratch` every blob again (the regroup after a change of rule). Returns the rows written
 * (a regroup rewrites only memberships that changed).
 */
export async function groupCaseIn(tx: Queryable, caseId: string, fromScratch = false): Promise<number> {
  const repo = nearGroupsRepo(tx);
  await repo.lockCase(caseId);
  const members = (await repo.eligible(caseId, PDQ_MIN_QUALITY)).map((b) => ({
    id: b.id,
    sha256: b.sha256,
    hashes: storedPdqs(b),
  }));
  const memberships = new Map<string, number | null>();
  if (!fromScratch) {
    for (const m of await repo.memberships(caseId))
      memberships.set(m.blob_sha256, m.group_id === null ? null : Number(m.group_id));
  }
  const grouping = new NearGrouping(members, memberships, PDQ_NEAR_RADIUS);
  if (grouping.fresh.length === 0) return 0;
  for (let i = 0; i < grouping.fresh.length; i += VARIANT_PAGE) {
    for (const b of await repo.variantsOf(grouping.fresh.slice(i, i + VARIANT_PAGE))) grouping.link(b.id, queryPdqs(b));
  }
  const changes = grouping.changes();
  let written = 0;
  for (let i = 0; i < changes.length; i += WRITE_PAGE)
    written += await repo.upsert(caseId, changes.slice(i, i + WRITE_PAGE));
  return written;
}

export async function groupCase(deps: HandlerDeps, caseId: string): Promise<HandlerResult> {
  const written = await inTransaction(deps.pool, (tx) => groupCaseIn(tx, caseId));
  // Runs after every batch of processed blobs: the grid's projection takes them in, with the new groups.
  await mediaProjectionRepo(deps.pool).drain(caseId);
  return written > 0 ? { status: 'done' } : { status: 'skipped', reason: 'no new blobs' };
}
