// case.group: brings the case's near-duplicate groups up to date with its newly processed blobs.
import { inTransaction } from '../../storage/db.ts';
import { nearGroupsRepo } from '../../storage/repositories/near-groups.repository.ts';
import { PDQ_MIN_QUALITY, PDQ_NEAR_RADIUS } from '../signals/index.ts';
import { computeNearGroups } from '../ingest/near-grouping.ts';
import type { HandlerDeps, HandlerResult } from './deps.ts';

export async function groupCase(deps: HandlerDeps, caseId: string): Promise<HandlerResult> {
  const written = await inTransaction(deps.pool, async (tx) => {
    const repo = nearGroupsRepo(tx);
    await repo.lockCase(caseId);
    const eligible = await repo.eligible(caseId, PDQ_MIN_QUALITY);
    const memberships = new Map(
      (await repo.memberships(caseId)).map((m) => [m.blob_sha256, m.group_id === null ? null : Number(m.group_id)]),
    );
    const changes = computeNearGroups({ eligible, memberships, radius: PDQ_NEAR_RADIUS });
    if (changes.length > 0) await repo.upsert(caseId, changes);
    return changes.length;
  });
  return written > 0 ? { status: 'done' } : { status: 'skipped', reason: 'no new blobs' };
}
