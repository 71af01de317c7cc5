// Video frames as matching reads them: a page's videos with their usable frame hashes, and the videos a newly
// activated hash set knows (any frame within its radius of one of the set's PDQ entries).
import type { Pool } from '../../storage/db.ts';
import { videosRepo } from '../../storage/repositories/videos.repository.ts';
import type { NearIndex } from '../matching/near-index.ts';
import { PDQ_MIN_QUALITY } from '../signals/index.ts';

const PAGE = 50_000;

/** Content hash → usable frame hashes, for the videos among these blobs. */
export async function videoFramesOf(pool: Pool, shas: string[]): Promise<Map<string, string[]>> {
  const rows = await videosRepo(pool).usableFrames(shas, PDQ_MIN_QUALITY);
  return new Map(rows.map((r) => [r.sha256, r.frames]));
}

/** Videos with a frame within `radius` of an entry of the set (the set's PDQs in `index`). */
export async function videosKnownToSet(pool: Pool, index: NearIndex, radius: number): Promise<string[]> {
  const found = new Set<string>();
  for (let after = 0; ;) {
    const rows = await videosRepo(pool).framePage(after, PDQ_MIN_QUALITY, PAGE);
    if (rows.length === 0) break;
    for (const r of rows) if (index.query(r.pdq, radius).length > 0) found.add(r.sha256);
    after = rows[rows.length - 1]!.id;
  }
  return [...found];
}
