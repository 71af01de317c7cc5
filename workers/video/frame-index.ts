// Every usable video frame of the installation in one in-memory MIH index, for matching across cases (a case's own
// grouping builds a throw-away index instead). One per process and pool; loaded on first use, then caught up with
// frames recorded since (frames are only ever added: a video's rows are written once).
import type { Pool } from '../../storage/db.ts';
import { videosRepo } from '../../storage/repositories/videos.repository.ts';
import { MihIndex } from '../matching/mih-index.ts';
import { PDQ_MIN_QUALITY } from '../signals/index.ts';
import type { FrameLookup } from './video-links.ts';

const PAGE = 50_000;
// Ids are handed out before commit: re-read this many below the highest seen, so a late commit is not skipped.
const ID_MARGIN = 10_000;

export class CrossCaseFrames implements FrameLookup {
  private readonly index = new MihIndex();
  private readonly owner = new Map<number, { video: number; frame: number }>();
  readonly frameCount = new Map<number, number>();
  private highest = 0;
  private inFlight: Promise<void> | null = null;

  constructor(private readonly pool: Pool) {}

  /** Catches up with frames recorded since the last call; matching calls it before each page. */
  async ready(): Promise<this> {
    this.inFlight ??= this.refresh().finally(() => {
      this.inFlight = null;
    });
    await this.inFlight;
    return this;
  }

  query(hash: string, radius: number) {
    return this.index.query(hash, radius).map((m) => ({ ...this.owner.get(m.id)!, distance: m.distance }));
  }

  private async refresh(): Promise<void> {
    for (let after = Math.max(0, this.highest - ID_MARGIN); ;) {
      const rows = await videosRepo(this.pool).framePage(after, PDQ_MIN_QUALITY, PAGE);
      if (rows.length === 0) return;
      for (const r of rows) {
        if (this.owner.has(r.id)) continue;
        const frame = this.frameCount.get(r.blob_id) ?? 0;
        this.frameCount.set(r.blob_id, frame + 1);
        this.owner.set(r.id, { video: r.blob_id, frame });
        this.index.add(r.id, r.pdq);
      }
      after = rows[rows.length - 1]!.id;
      this.highest = Math.max(this.highest, after);
    }
  }
}

const perPool = new WeakMap<Pool, CrossCaseFrames>();

/** This process's index over the frames in this database. */
export function crossCaseFrames(pool: Pool): CrossCaseFrames {
  let index = perPool.get(pool);
  if (!index) perPool.set(pool, (index = new CrossCaseFrames(pool)));
  return index;
}
