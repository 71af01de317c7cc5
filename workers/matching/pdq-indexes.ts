// The in-memory PDQ indexes of one process: hash-set entries and case blobs, each an exact MIH index.
// Loaded lazily from PostgreSQL, then caught up incrementally (new blobs by processed_at, newly
// activated sets). Entries of superseded sets may linger in memory; callers filter hits through SQL
// (only active sets count), so a version swap is atomic for lookups.
import type { Pool } from '../../storage/db.ts';
import { blobsRepo } from '../../storage/repositories/blobs.repository.ts';
import { hashSetsRepo } from '../../storage/repositories/hashsets.repository.ts';
import { PDQ_NEAR_RADIUS } from '../signals/index.ts';
import { MihIndex } from './mih-index.ts';
import type { NearMatch } from './near-index.ts';

const PAGE = 50_000;
const REFRESH_MS = 1000;
// Rows committed slightly out of processed_at order are still caught by re-reading this margin.
const MARGIN_MS = 10_000;

class IdSet {
  private bits = new Uint8Array(1 << 16);
  has(id: number): boolean {
    return id >> 3 < this.bits.length && (this.bits[id >> 3]! & (1 << (id & 7))) !== 0;
  }
  add(id: number): void {
    if (id >> 3 >= this.bits.length) {
      const grown = new Uint8Array(Math.max(this.bits.length * 2, (id >> 3) + 1));
      grown.set(this.bits);
      this.bits = grown;
    }
    this.bits[id >> 3]! |= 1 << (id & 7);
  }
}

type Tracked = { index: MihIndex; ids: IdSet };

export class PdqIndexes {
  private readonly entries: Tracked = { index: new MihIndex(), ids: new IdSet() };
  private readonly blobs: Tracked = { index: new MihIndex(), ids: new IdSet() };
  private blobsSince = new Date(0);
  private setsSince = new Date(0);
  private refreshedAt = 0;
  /** The widest near radius configured on any active hash set (default 31). */
  maxSetRadius = 31;
  private inFlight: Promise<void> | null = null;

  constructor(private readonly pool: Pool) {}

  /**
   * Brings the indexes up to date and resolves when they can be queried. Lookups accept up to a second
   * of staleness; matching passes `fresh` so content processed or sets activated just before are seen.
   */
  async ready(opts: { fresh?: boolean } = {}): Promise<this> {
    if (opts.fresh && this.inFlight) await this.inFlight;
    if (opts.fresh || Date.now() - this.refreshedAt > REFRESH_MS) {
      this.inFlight ??= this.refresh().finally(() => {
        this.inFlight = null;
      });
      await this.inFlight;
    }
    return this;
  }

  get sizes() {
    return { entries: this.entries.index.size, blobs: this.blobs.index.size };
  }

  queryEntries(hashes: string[], radius: number): Map<number, number> {
    return best(this.entries.index, hashes, radius);
  }
  queryBlobs(hashes: string[], radius: number): Map<number, number> {
    return best(this.blobs.index, hashes, radius);
  }

  private async refresh(): Promise<void> {
    const started = new Date(Date.now() - MARGIN_MS);
    await this.loadNewSets();
    await this.loadBlobs();
    this.maxSetRadius = (await hashSetsRepo(this.pool).maxActiveRadius()) ?? PDQ_NEAR_RADIUS;
    this.blobsSince = started;
    this.refreshedAt = Date.now();
  }

  private async loadNewSets(): Promise<void> {
    const repo = hashSetsRepo(this.pool);
    const sinceCheck = new Date();
    if (this.setsSince.getTime() === 0) {
      for (let after = 0; ;) {
        const page = await repo.pdqPage(after, PAGE);
        if (page.length === 0) break;
        addAll(this.entries, page);
        after = page[page.length - 1]!.id;
      }
    } else {
      for (const setId of await repo.activatedSince(new Date(this.setsSince.getTime() - MARGIN_MS))) {
        for (let after = 0; ;) {
          const page = await repo.pdqOfSet(setId, after, PAGE);
          if (page.length === 0) break;
          addAll(this.entries, page);
          after = page[page.length - 1]!.id;
        }
      }
    }
    this.setsSince = sinceCheck;
  }

  private async loadBlobs(): Promise<void> {
    for (let after = 0; ;) {
      const rows = await blobsRepo(this.pool).pdqProcessedSince(this.blobsSince, after, PAGE);
      if (rows.length === 0) return;
      addAll(this.blobs, rows);
      after = rows[rows.length - 1]!.id;
    }
  }
}

function addAll(t: Tracked, rows: Array<{ id: number; pdq: string }>): void {
  const fresh = rows.filter((r) => !t.ids.has(r.id));
  if (fresh.length === 0) return;
  for (const r of fresh) t.ids.add(r.id);
  if (fresh.length > 1000)
    t.index.bulkLoad(
      fresh.map((r) => r.id),
      fresh.map((r) => r.pdq),
    );
  else for (const r of fresh) t.index.add(r.id, r.pdq);
}

/** Smallest distance per id over several query hashes (the 8 dihedral variants). */
function best(index: MihIndex, hashes: string[], radius: number): Map<number, number> {
  const out = new Map<number, number>();
  for (const hash of hashes) {
    for (const { id, distance } of index.query(hash, radius) as NearMatch[]) {
      const seen = out.get(id);
      if (seen === undefined || distance < seen) out.set(id, distance);
    }
  }
  return out;
}
