// The video part of a case's near-duplicate grouping (called from workers/handlers/group-case.ts, whole-case runs):
// videos whose frames are largely the same footage join one group, and an image joins the group of a video it is a
// frame of. New videos are compared with every video and image of the case; new images with every video's frames.
import type { Queryable } from '../../storage/db.ts';
import { nearGroupsRepo } from '../../storage/repositories/near-groups.repository.ts';
import { videosRepo } from '../../storage/repositories/videos.repository.ts';
import type { NearGrouping } from '../ingest/near-grouping.ts';
import { queryPdqs } from '../matching/pdq-variants.ts';
import { PDQ_MIN_QUALITY, PDQ_NEAR_RADIUS } from '../signals/index.ts';
import { FrameIndex, sameFootage, sharesOf, videosOfImage, type VideoFrames } from './video-links.ts';

const VARIANT_PAGE = 5000;

export type CaseVideo = VideoFrames & { sha256: string };

/** The case's decoded videos with their usable frame hashes (quality as for images). */
export async function caseVideos(db: Queryable, caseId: string): Promise<CaseVideo[]> {
  const repo = videosRepo(db);
  const shas = await repo.videosInCase(caseId);
  return shas.length ? repo.usableFrames(shas, PDQ_MIN_QUALITY) : [];
}

/**
 * Joins videos and images in a whole-case `grouping` whose members include the videos (with no hashes of their own):
 * new videos with alike videos and every image; new images with every video's frames.
 */
export async function groupVideos(
  db: Queryable,
  grouping: NearGrouping,
  videos: CaseVideo[],
  imageIds: number[],
  radius: number,
): Promise<void> {
  if (videos.length === 0) return;
  const fresh = new Set(grouping.fresh);
  const anyFreshVideo = videos.some((v) => fresh.has(v.id));
  const images = anyFreshVideo ? imageIds : imageIds.filter((id) => fresh.has(id));
  await linkFrames(db, grouping, videos, images, radius);
}

/** Records the shares (a < b by content hash) so the detail panel can say how much of each is in the other. */
async function saveShares(db: Queryable, videos: CaseVideo[], shares: ReturnType<typeof sharesOf>) {
  const sha = new Map(videos.map((v) => [v.id, v.sha256]));
  const rows = shares.map((s) => {
    const [a, b] = [sha.get(s.a)!, sha.get(s.b)!];
    return a < b
      ? { aSha256: a, bSha256: b, aShare: s.aShare, bShare: s.bShare }
      : { aSha256: b, bSha256: a, aShare: s.bShare, bShare: s.aShare };
  });
  if (rows.length) await videosRepo(db).saveShares(rows);
}

/** Joins, in `grouping`, new videos with alike videos and with the images any of their frames is. */
async function linkFrames(
  db: Queryable,
  grouping: NearGrouping,
  videos: CaseVideo[],
  images: number[],
  radius = PDQ_NEAR_RADIUS,
) {
  const fresh = new Set(grouping.fresh);
  const index = new FrameIndex(videos);
  const shares = videos.filter((v) => fresh.has(v.id)).flatMap((v) => sharesOf(v, index, radius));
  for (const s of shares) if (sameFootage(s)) grouping.join(s.a, s.b);
  await saveShares(db, videos, shares);
  for (let i = 0; i < images.length; i += VARIANT_PAGE) {
    for (const b of await nearGroupsRepo(db).variantsOf(images.slice(i, i + VARIANT_PAGE)))
      for (const video of videosOfImage(queryPdqs(b), index, radius).keys()) grouping.join(b.id, video);
  }
}
