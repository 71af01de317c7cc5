// Exact in-memory near-neighbour index for 256-bit hashes: multi-index hashing over 16 × 16-bit substrings.
import { HASH_WORDS, hammingWords, popcount32 } from './hamming.ts';
import { BUCKETS, buildChunkTables, chunkMasksWithin, chunkOf, isIdentity, sortPermutation } from './mih-bits.ts';
import { assertIndexId, assertRadius, compareMatches, toHashWords, toPackedHashes } from './near-index.ts';
import type { HashInput, HashListInput, NearIndex, NearMatch } from './near-index.ts';

const TABLES = 16;
const NONE = -1;
const MAX_CHUNK_RADIUS = 2; // 3 flips per chunk means 697 probes per table: a plain scan is cheaper by then
const FETCH_BATCH = 64; // candidates whose cache lines are requested together before any is checked
const FLIP_MASKS = [0, 1, 2].map(chunkMasksWithin);

export interface MihOptions {
  /** Pending adds are folded into the tables once they exceed a quarter of them, clamped to [min, max]. */
  minMergeSize?: number;
  maxMergeSize?: number;
}

/** Slots [0, mainCount) are in 16 CSR tables and sorted by id (binary-search lookup); later adds wait in a linked-list delta. */
export class MihIndex implements NearIndex {
  private words = new Uint32Array(0);
  private ids = new Uint32Array(0);
  private removed = new Uint32Array(0);
  private count = 0;
  private mainCount = 0;
  private removedCount = 0;
  private readonly offsets = new Uint32Array(TABLES * (BUCKETS + 1));
  private readonly postings: Uint32Array[] = Array.from({ length: TABLES }, () => new Uint32Array(0));
  private readonly deltaHeads = new Int32Array(TABLES * BUCKETS).fill(NONE);
  private deltaNext = new Int32Array(0);
  private readonly deltaSlotById = new Map<number, number>();
  private candidates = new Uint32Array(4096);
  private fetchSink = 0;
  private readonly minMergeSize: number;
  private readonly maxMergeSize: number;

  constructor(options: MihOptions = {}) {
    this.minMergeSize = options.minMergeSize ?? 1 << 16;
    this.maxMergeSize = Math.max(options.maxMergeSize ?? 1 << 18, this.minMergeSize);
  }

  get size(): number {
    return this.count - this.removedCount;
  }

  add(id: number, hash: HashInput): void {
    assertIndexId(id);
    const words = toHashWords(hash);
    if (this.findSlot(id) !== NONE)
      throw new Error(`id ${id} is already in the index; remove it before adding another hash`);
    this.ensureCapacity(this.count + 1);
    const slot = this.count++;
    this.writeSlot(slot, id, words, 0);
    this.linkDelta(slot);
    this.deltaSlotById.set(id, slot);
    const pending = this.count - this.mainCount;
    if (pending >= Math.min(Math.max(this.mainCount >> 2, this.minMergeSize), this.maxMergeSize)) this.compact();
  }

  /** The start-up fast path: ids need not be sorted; the batch is checked before anything is stored. */
  bulkLoad(ids: ArrayLike<number>, hashes: HashListInput): void {
    const words = toPackedHashes(ids.length, hashes);
    const keys = new Uint32Array(ids.length);
    for (let i = 0; i < ids.length; i++) {
      assertIndexId(ids[i]);
      keys[i] = ids[i];
    }
    const order = sortPermutation(keys);
    for (let i = 0; i < order.length; i++) {
      const id = keys[order[i]];
      if (i > 0 && id === keys[order[i - 1]]) throw new Error(`bulk load lists id ${id} twice; one hash per id`);
      if (this.findSlot(id) !== NONE) throw new Error(`bulk load id ${id} is already in the index`);
    }
    this.ensureCapacity(this.count + keys.length);
    for (let i = 0; i < order.length; i++) this.writeSlot(this.count++, keys[order[i]], words, order[i] * HASH_WORDS);
    this.compact();
  }

  remove(id: number): boolean {
    const slot = this.findSlot(id);
    if (slot === NONE) return false;
    this.removed[slot >>> 5] |= 1 << (slot & 31);
    this.removedCount++;
    if (slot >= this.mainCount) this.deltaSlotById.delete(id);
    if (this.removedCount > Math.max(this.minMergeSize, this.count >> 2)) this.compact();
    return true;
  }

  query(hash: HashInput, radius: number): NearMatch[] {
    const q = toHashWords(hash);
    assertRadius(radius);
    const out: NearMatch[] = [];
    // Pigeonhole: if all 16 chunks differed in more than floor(r/16) bits, the distance would exceed r.
    const chunkRadius = radius >> 4;
    if (chunkRadius > MAX_CHUNK_RADIUS) {
      this.scanAll(q, radius, out);
    } else {
      for (let t = 0; t < TABLES; t++) {
        const n = this.gatherCandidates(t, chunkOf(q, 0, t), FLIP_MASKS[chunkRadius]);
        this.verifyCandidates(t, n, q, radius, chunkRadius, out);
      }
    }
    return out.sort(compareMatches);
  }

  /** Folds pending adds into the tables and drops removed slots. Runs by itself as adds and removes pile up. */
  compact(): void {
    if (this.removedCount === 0 && this.count === this.mainCount) return;
    this.dropRemovedSlots();
    this.mergeDeltaIntoMain();
    buildChunkTables(this.words, this.mainCount, this.offsets, this.postings, this.ids.length);
    this.deltaHeads.fill(NONE);
    this.deltaSlotById.clear();
  }

  memoryBytes(): number {
    let bytes = this.words.byteLength + this.ids.byteLength + this.removed.byteLength + this.candidates.byteLength;
    bytes += this.offsets.byteLength + this.deltaHeads.byteLength + this.deltaNext.byteLength;
    for (const p of this.postings) bytes += p.byteLength;
    return bytes + this.deltaSlotById.size * 32; // Map entries: an estimate, the rest is exact
  }

  /** Collects into `candidates` every slot whose chunk `t` is within the probe masks of the query's chunk. */
  private gatherCandidates(t: number, chunk: number, masks: Uint16Array): number {
    const { offsets, deltaHeads, deltaNext, mainCount } = this;
    const postings = this.postings[t];
    let n = 0;
    for (let m = 0; m < masks.length; m++) {
      const bucket = chunk ^ masks[m];
      const start = offsets[t * (BUCKETS + 1) + bucket];
      const end = offsets[t * (BUCKETS + 1) + bucket + 1];
      if (n + end - start > this.candidates.length) this.growCandidates(n + end - start);
      const candidates = this.candidates;
      for (let p = start; p < end; p++) candidates[n++] = postings[p];
      for (let d = deltaHeads[t * BUCKETS + bucket]; d !== NONE; d = deltaNext[d * TABLES + t]) {
        if (n === this.candidates.length) this.growCandidates(n + 1);
        this.candidates[n++] = mainCount + d;
      }
    }
    return n;
  }

  /** A tight loop first requests a batch's cache lines so the misses overlap: measured 5-8× faster than one by one. */
  private verifyCandidates(
    t: number,
    n: number,
    q: Uint32Array,
    radius: number,
    chunkRadius: number,
    out: NearMatch[],
  ): void {
    const { words, candidates } = this;
    const q0 = q[0],
      q1 = q[1],
      q2 = q[2],
      q3 = q[3],
      q4 = q[4],
      q5 = q[5],
      q6 = q[6],
      q7 = q[7];
    for (let batch = 0; batch < n; batch += FETCH_BATCH) {
      const end = Math.min(n, batch + FETCH_BATCH);
      let fetched = 0;
      for (let i = batch; i < end; i++) fetched |= words[candidates[i] * HASH_WORDS];
      this.fetchSink = fetched; // keeps the fetch loop from being optimised away
      for (let i = batch; i < end; i++) {
        const o = candidates[i] * HASH_WORDS;
        const half =
          popcount32(words[o] ^ q0) +
          popcount32(words[o + 1] ^ q1) +
          popcount32(words[o + 2] ^ q2) +
          popcount32(words[o + 3] ^ q3);
        if (half > radius) continue; // a random candidate differs in ~64 of these 128 bits: skip the rest
        const d =
          half +
          popcount32(words[o + 4] ^ q4) +
          popcount32(words[o + 5] ^ q5) +
          popcount32(words[o + 6] ^ q6) +
          popcount32(words[o + 7] ^ q7);
        if (d <= radius) this.acceptHit(t, candidates[i], d, q, chunkRadius, out);
      }
    }
  }

  /** A hit is reported only from the first table that can find it, so no per-query "seen" set is needed. */
  private acceptHit(
    t: number,
    slot: number,
    distance: number,
    q: Uint32Array,
    chunkRadius: number,
    out: NearMatch[],
  ): void {
    if (this.isRemoved(slot)) return;
    for (let first = 0; first < t; first++) {
      if (popcount32(chunkOf(q, 0, first) ^ chunkOf(this.words, slot, first)) <= chunkRadius) return;
    }
    out.push({ id: this.ids[slot], distance });
  }

  private scanAll(q: Uint32Array, radius: number, out: NearMatch[]): void {
    for (let slot = 0; slot < this.count; slot++) {
      if (this.isRemoved(slot)) continue;
      const d = hammingWords(q, 0, this.words, slot * HASH_WORDS);
      if (d <= radius) out.push({ id: this.ids[slot], distance: d });
    }
  }

  private isRemoved(slot: number): boolean {
    return ((this.removed[slot >>> 5] >>> (slot & 31)) & 1) === 1;
  }

  private growCandidates(needed: number): void {
    const grown = new Uint32Array(Math.max(needed, this.candidates.length * 2));
    grown.set(this.candidates);
    this.candidates = grown;
  }

  /** Live slot holding `id`, or NONE. */
  private findSlot(id: number): number {
    let lo = 0;
    let hi = this.mainCount - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = this.ids[mid];
      if (v === id) return this.isRemoved(mid) ? (this.deltaSlotById.get(id) ?? NONE) : mid;
      if (v < id) lo = mid + 1;
      else hi = mid - 1;
    }
    return this.deltaSlotById.get(id) ?? NONE;
  }

  private writeSlot(slot: number, id: number, src: Uint32Array, srcOffset: number): void {
    const o = slot * HASH_WORDS;
    for (let i = 0; i < HASH_WORDS; i++) this.words[o + i] = src[srcOffset + i];
    this.ids[slot] = id;
  }

  private moveSlot(from: number, to: number): void {
    this.words.copyWithin(to * HASH_WORDS, from * HASH_WORDS, (from + 1) * HASH_WORDS);
    this.ids[to] = this.ids[from];
  }

  private linkDelta(slot: number): void {
    const d = slot - this.mainCount;
    if ((d + 1) * TABLES > this.deltaNext.length) {
      const grown = new Int32Array(Math.max(1024, (d + 1) * 2) * TABLES);
      grown.set(this.deltaNext);
      this.deltaNext = grown;
    }
    for (let t = 0; t < TABLES; t++) {
      const head = t * BUCKETS + chunkOf(this.words, slot, t);
      this.deltaNext[d * TABLES + t] = this.deltaHeads[head];
      this.deltaHeads[head] = d;
    }
  }

  private ensureCapacity(needed: number): void {
    const capacity = this.ids.length;
    if (needed <= capacity) return;
    const grown = Math.max(needed, capacity + (capacity >> 2), 1024); // 1.25×: memory matters more than copy count
    const words = new Uint32Array(grown * HASH_WORDS);
    words.set(this.words.subarray(0, this.count * HASH_WORDS));
    const ids = new Uint32Array(grown);
    ids.set(this.ids.subarray(0, this.count));
    const removed = new Uint32Array((grown + 31) >>> 5);
    removed.set(this.removed);
    this.words = words;
    this.ids = ids;
    this.removed = removed;
  }

  /** Slides live slots down over removed ones, keeping order (so the main part stays sorted by id). */
  private dropRemovedSlots(): void {
    if (this.removedCount === 0) return;
    let to = 0;
    let liveMain = 0;
    for (let from = 0; from < this.count; from++) {
      if (this.isRemoved(from)) continue;
      if (from < this.mainCount) liveMain++;
      if (from !== to) this.moveSlot(from, to);
      to++;
    }
    this.count = to;
    this.mainCount = liveMain;
    this.removedCount = 0;
    this.removed.fill(0);
  }

  /** Sorts the delta by id and merges it into the main part from the back, in place. */
  private mergeDeltaIntoMain(): void {
    const main = this.mainCount;
    const pending = this.count - main;
    if (pending === 0) return;
    const order = sortPermutation(this.ids.subarray(main, this.count));
    if (isIdentity(order) && (main === 0 || this.ids[main - 1] < this.ids[main])) {
      this.mainCount = this.count;
      return;
    }
    const ids = new Uint32Array(pending);
    const words = new Uint32Array(pending * HASH_WORDS);
    for (let j = 0; j < pending; j++) {
      ids[j] = this.ids[main + order[j]];
      words.set(
        this.words.subarray((main + order[j]) * HASH_WORDS, (main + order[j] + 1) * HASH_WORDS),
        j * HASH_WORDS,
      );
    }
    // Writing from the back never overwrites a main slot that has not moved yet.
    let i = main - 1;
    for (let j = pending - 1, to = this.count - 1; j >= 0; to--) {
      if (i >= 0 && this.ids[i] > ids[j]) this.moveSlot(i--, to);
      else this.writeSlot(to, ids[j], words, j-- * HASH_WORDS);
    }
    this.mainCount = this.count;
  }
}
