// case.group: brings the case's near-duplicate groups up to date with its newly processed blobs.
import { inTransaction, type Queryable } from '../../storage/db.ts';
import { mediaProjectionRepo } from '../../storage/repositories/media-projection.repository.ts';
import { nearGroupsRepo } from '../../storage/repositories/near-groups.repository.ts';
import { PDQ_MIN_QUALITY, PDQ_NEAR_RADIUS } from '../signals/index.ts';
import { CaseGroupState, CaseGroupStates } from '../ingest/case-group-state.ts';
import { NearGrouping, type GroupChange } from '../ingest/near-grouping.ts';
import { queryPdqs, storedPdqs } from '../matching/pdq-variants.ts';
import { caseVideos, groupVideos, type CaseVideo } from '../video/group-videos.ts';
import type { HandlerDeps, HandlerResult } from './deps.ts';

// Variants (16 hashes a blob at most) are read this many blobs at a time, so a regroup never holds them all.
const VARIANT_PAGE = 5000;
const WRITE_PAGE = 10_000;

/** The grouping state of the cases this process grouped last (see case-group-state.ts). */
const states = new CaseGroupStates();

/**
 * Groups a case's blobs under its grouping lock, in the caller's transaction: only the ungrouped ones, or
 * with `fromScratch` every blob again (the regroup after a change of rule). Returns the rows written
 * (a regroup rewrites only memberships that changed). When this process grouped the case last and nobody wrote
 * since, only the new blobs are read; else the whole case is, and its state kept for the next run.
 */
export async function groupCaseIn(tx: Queryable, caseId: string, fromScratch = false): Promise<number> {
  const repo = nearGroupsRepo(tx);
  await repo.lockCase(caseId);
  const state = fromScratch ? null : states.valid(caseId, await repo.signature(caseId));
  // A case with videos is grouped whole: a new video is compared with every image (workers/video/group-videos.ts).
  const videos = await caseVideos(tx, caseId);
  if (!state || videos.length > 0) return groupWholeCase(tx, caseId, fromScratch, videos);
  const fresh = await repo.ungrouped(caseId, PDQ_MIN_QUALITY);
  if (fresh.length === 0) return 0;
  const variants = new Map<number, string[]>();
  for (let i = 0; i < fresh.length; i += VARIANT_PAGE) {
    for (const b of await repo.variantsOf(fresh.slice(i, i + VARIANT_PAGE).map((f) => f.id)))
      variants.set(b.id, queryPdqs(b));
  }
  const members = fresh.map((b) => ({
    id: b.id,
    sha256: b.sha256,
    hashes: storedPdqs(b),
    variants: variants.get(b.id) ?? [],
  }));
  const written = await writeChanges(tx, caseId, state.link(members, PDQ_NEAR_RADIUS));
  states.resign(caseId, await repo.signature(caseId));
  return written;
}

/** Reads every groupable blob and membership of the case, links the ungrouped ones, and keeps the result. */
async function groupWholeCase(tx: Queryable, caseId: string, fromScratch: boolean, videos: CaseVideo[]) {
  const repo = nearGroupsRepo(tx);
  const members = (await repo.eligible(caseId, PDQ_MIN_QUALITY)).map((b) => ({
    id: b.id,
    sha256: b.sha256,
    hashes: storedPdqs(b),
  }));
  // Videos are members with no hashes of their own: their frames link them (workers/video/group-videos.ts).
  members.push(...videos.map((v) => ({ id: v.id, sha256: v.sha256, hashes: [] as string[] })));
  const memberships = new Map<string, number | null>();
  if (!fromScratch) {
    for (const m of await repo.memberships(caseId))
      memberships.set(m.blob_sha256, m.group_id === null ? null : Number(m.group_id));
  }
  const grouping = new NearGrouping(members, memberships, PDQ_NEAR_RADIUS);
  for (let i = 0; i < grouping.fresh.length; i += VARIANT_PAGE) {
    for (const b of await repo.variantsOf(grouping.fresh.slice(i, i + VARIANT_PAGE))) grouping.link(b.id, queryPdqs(b));
  }
  await groupVideos(
    tx,
    grouping,
    videos,
    members.map((m) => m.id),
    PDQ_NEAR_RADIUS,
  );
  const changes = grouping.changes();
  const written = await writeChanges(tx, caseId, changes);
  for (const c of changes) memberships.set(c.sha256, c.groupId);
  if (videos.length > 0) return written;
  const state = new CaseGroupState();
  for (const m of members) state.addMember(m, memberships.get(m.sha256) ?? null);
  states.keep(caseId, state, await repo.signature(caseId));
  return written;
}

async function writeChanges(tx: Queryable, caseId: string, changes: GroupChange[]): Promise<number> {
  let written = 0;
  for (let i = 0; i < changes.length; i += WRITE_PAGE)
    written += await nearGroupsRepo(tx).upsert(caseId, changes.slice(i, i + WRITE_PAGE));
  return written;
}

export async function groupCase(deps: HandlerDeps, caseId: string): Promise<HandlerResult> {
  const written = await inTransaction(deps.pool, (tx) => groupCaseIn(tx, caseId));
  // Runs after every batch of processed blobs: the grid's projection takes them in, with the new groups.
  await mediaProjectionRepo(deps.pool).drain(caseId);
  return written > 0 ? { status: 'done' } : { status: 'skipped', reason: 'no new blobs' };
}
