// Cross-case links through video frames (called from workers/matching/match-blob.ts): a video finds the same
// footage in other cases by its share of frames, an image finds the videos it is a frame of. The links are
// ordinary case matches, so need-to-know and disclosure treat them as they treat image links.
import type { Pool, Queryable } from '../../storage/db.ts';
import { matchesRepo } from '../../storage/repositories/matches.repository.ts';
import { crossCaseFrames } from './frame-index.ts';
import { sameFootage, sharesOf, videosOfImage, type FrameLookup } from './video-links.ts';

export type FrameCaseHit = { caseId: string; sha256: string; kind: 'near'; distance: number };

/** Other cases' videos alike to this content: by frame share (a video) or by any frame (an image's variants). */
export async function findFrameCaseHits(
  db: Queryable,
  index: FrameLookup,
  blob: { id: number; sha256: string; variants: string[]; frames: string[] },
  caseId: string,
  radius: number,
): Promise<FrameCaseHit[]> {
  const near = videosOfImage(blob.variants, index, radius);
  if (blob.frames.length > 0) {
    for (const s of sharesOf({ id: blob.id, frames: blob.frames }, index, radius))
      if (sameFootage(s)) near.set(s.b, Math.min(near.get(s.b) ?? Infinity, s.distance));
  }
  near.delete(blob.id);
  if (near.size === 0) return [];
  const rows = await matchesRepo(db).blobsInOtherCases([...near.keys()], caseId);
  return rows
    .filter((r) => r.sha256 !== blob.sha256)
    .map((r) => ({ caseId: r.case_id, sha256: r.sha256, kind: 'near', distance: near.get(r.id)! }));
}

const NO_CASE = '00000000-0000-0000-0000-000000000000';

/** A lookup's PDQs (a hash, or an uploaded image's variants) against every case's video frames. */
export async function videoFrameHits(pool: Pool, pdqs: string[], exactSha: string | null, radius: number) {
  if (pdqs.length === 0) return [];
  const index = await crossCaseFrames(pool).ready();
  return findFrameCaseHits(pool, index, { id: 0, sha256: exactSha ?? '', variants: pdqs, frames: [] }, NO_CASE, radius);
}
