// case.match: matches the case's not-yet-matched content against hash sets and other cases.
// hashset.rematch: after a new set version is active, re-matches every case holding content it knows.
import { appendAuditEntry } from '../../storage/audit-chain.ts';
import { inTransaction } from '../../storage/db.ts';
import { blobsRepo } from '../../storage/repositories/blobs.repository.ts';
import { casesRepo } from '../../storage/repositories/cases.repository.ts';
import { hashSetsRepo } from '../../storage/repositories/hashsets.repository.ts';
import { mediaProjectionRepo } from '../../storage/repositories/media-projection.repository.ts';
import { matchesRepo } from '../../storage/repositories/matches.repository.ts';
import { enqueue } from '../jobs.ts';
import { PDQ_MIN_QUALITY } from '../signals/index.ts';
import { exactIndexFor } from '../matching/index-for.ts';
import { matchBlobInCase } from '../matching/match-blob.ts';
import { queryPdqs } from '../matching/pdq-variants.ts';
import type { PdqIndexes } from '../matching/pdq-indexes.ts';
import { crossCaseFrames } from '../video/frame-index.ts';
import { videoFramesOf, videosKnownToSet } from '../video/video-frames.ts';
import type { HandlerDeps, HandlerResult } from './deps.ts';

const PAGE = 200;

export async function matchCase(deps: HandlerDeps, indexes: PdqIndexes, caseId: string): Promise<HandlerResult> {
  const kase = await casesRepo(deps.pool).byId(caseId);
  if (!kase) return { status: 'skipped', reason: 'case deleted' };
  let matched = 0;
  for (;;) {
    const shas = await matchesRepo(deps.pool).unmatchedInCase(caseId, PAGE);
    if (shas.length === 0) break;
    await indexes.ready({ fresh: true });
    const blobs = await matchesRepo(deps.pool).blobsForMatching(shas);
    const frames = await videoFramesOf(deps.pool, shas);
    const frameIndex = await crossCaseFrames(deps.pool).ready();
    await inTransaction(deps.pool, async (tx) => {
      await matchesRepo(tx).lockCase(caseId);
      const categorised: Record<string, string | null> = {};
      for (const blob of blobs) {
        const video = { ...blob, frames: frames.get(blob.sha256) };
        const change = await matchBlobInCase(tx, indexes, kase, video, frameIndex);
        if (change) categorised[blob.sha256] = change.category;
      }
      // Automatic categorisations are categorisations too: one audit entry per page, in the same transaction.
      if (Object.keys(categorised).length > 0) {
        await appendAuditEntry(tx, deps.auditKey, {
          actorId: null,
          actorName: 'system:hashset-matcher',
          action: 'media.categorise.auto',
          targetType: 'case',
          caseId,
          details: { categorised },
        });
      }
      await matchesRepo(tx).stamp(caseId, shas);
    });
    matched += shas.length;
  }
  // Hash-set categories and known flags reach the grid's projection now, not on the next read.
  if (matched > 0) await mediaProjectionRepo(deps.pool).drain(caseId);
  return matched > 0 ? { status: 'done' } : { status: 'skipped', reason: 'nothing new' };
}

/** Content the new set knows: exact hash joins in SQL, near via an index of the set's own PDQs. */
async function blobsKnownToSet(deps: HandlerDeps, setId: string, radius: number): Promise<string[]> {
  const repo = hashSetsRepo(deps.pool);
  const found = new Set(await repo.exactBlobsForSet(setId));
  const entries: Array<{ id: number; pdq: string }> = [];
  for (let after = 0; ;) {
    const page = await repo.pdqOfSet(setId, after, 50_000);
    if (page.length === 0) break;
    entries.push(...page);
    after = page[page.length - 1]!.id;
  }
  if (entries.length === 0) return [...found];
  const index = exactIndexFor(entries.length);
  index.bulkLoad(
    entries.map((e) => e.id),
    entries.map((e) => e.pdq),
  );
  for (let after = 0; ;) {
    const rows = await blobsRepo(deps.pool).usablePdqPage(PDQ_MIN_QUALITY, after, 5000);
    if (rows.length === 0) break;
    for (const b of rows) if (queryPdqs(b).some((h) => index.query(h, radius).length > 0)) found.add(b.sha256);
    after = rows[rows.length - 1]!.id;
  }
  for (const sha of await videosKnownToSet(deps.pool, index, radius)) found.add(sha);
  return [...found];
}

export async function rematchForSet(deps: HandlerDeps, setId: string): Promise<HandlerResult> {
  const set = await hashSetsRepo(deps.pool).byId(setId);
  if (!set || set.status !== 'active') return { status: 'skipped', reason: 'set not active' };
  // What the new version knows, plus what an older version of the same set had categorised.
  const shas = [
    ...new Set([
      ...(await blobsKnownToSet(deps, setId, set.near_radius)),
      ...(await matchesRepo(deps.pool).categorisedBySet(set.name)),
    ]),
  ];
  for (let i = 0; i < shas.length; i += 1000) {
    const chunk = shas.slice(i, i + 1000);
    const cases = await blobsRepo(deps.pool).casesOf(chunk);
    for (const caseId of cases) {
      // Under the case's matching lock, so an in-flight run cannot stamp these again after we clear them.
      await inTransaction(deps.pool, async (tx) => {
        await matchesRepo(tx).lockCase(caseId);
        await matchesRepo(tx).unstampInCase(caseId, chunk);
      });
      await enqueue(deps.boss, 'case.match', { caseId });
    }
  }
  return { status: 'done' };
}
