// Brute-force reference index: one popcount pass over every stored hash. Tests and benchmarks compare MIH against it.
import { HASH_WORDS, popcount32 } from './hamming.ts';
import {
  assertIndexId,
  assertRadius,
  compareMatches,
  toHashWords,
  toPackedHashes,
  type HashInput,
  type HashListInput,
  type NearIndex,
  type NearMatch,
} from './near-index.ts';

/** Dense storage (removal fills the hole with the last hash); trusts callers on one hash per id, as a check costs a scan. */
export class LinearIndex implements NearIndex {
  private words = new Uint32Array(0);
  private ids = new Uint32Array(0);
  private count = 0;

  get size(): number {
    return this.count;
  }

  add(id: number, hash: HashInput): void {
    assertIndexId(id);
    const words = toHashWords(hash);
    this.ensureCapacity(this.count + 1);
    this.words.set(words, this.count * HASH_WORDS);
    this.ids[this.count++] = id;
  }

  bulkLoad(ids: ArrayLike<number>, hashes: HashListInput): void {
    const words = toPackedHashes(ids.length, hashes);
    for (let i = 0; i < ids.length; i++) assertIndexId(ids[i]);
    this.ensureCapacity(this.count + ids.length);
    this.words.set(words, this.count * HASH_WORDS);
    for (let i = 0; i < ids.length; i++) this.ids[this.count + i] = ids[i];
    this.count += ids.length;
  }

  remove(id: number): boolean {
    const slot = this.ids.subarray(0, this.count).indexOf(id);
    if (slot < 0) return false;
    const last = --this.count;
    this.ids[slot] = this.ids[last];
    this.words.copyWithin(slot * HASH_WORDS, last * HASH_WORDS, (last + 1) * HASH_WORDS);
    return true;
  }

  query(hash: HashInput, radius: number): NearMatch[] {
    const q = toHashWords(hash);
    assertRadius(radius);
    const out: NearMatch[] = [];
    const words = this.words;
    const q0 = q[0],
      q1 = q[1],
      q2 = q[2],
      q3 = q[3],
      q4 = q[4],
      q5 = q[5],
      q6 = q[6],
      q7 = q[7];
    const n = this.count;
    for (let s = 0, o = 0; s < n; s++, o += HASH_WORDS) {
      // Inlined and unrolled with the query in locals: this loop is the scan-speed floor the benchmark reports.
      const d =
        popcount32(words[o] ^ q0) +
        popcount32(words[o + 1] ^ q1) +
        popcount32(words[o + 2] ^ q2) +
        popcount32(words[o + 3] ^ q3) +
        popcount32(words[o + 4] ^ q4) +
        popcount32(words[o + 5] ^ q5) +
        popcount32(words[o + 6] ^ q6) +
        popcount32(words[o + 7] ^ q7);
      if (d <= radius) out.push({ id: this.ids[s], distance: d });
    }
    return out.sort(compareMatches);
  }

  memoryBytes(): number {
    return this.words.byteLength + this.ids.byteLength;
  }

  private ensureCapacity(needed: number): void {
    if (needed <= this.ids.length) return;
    const capacity = Math.max(needed, Math.ceil(this.ids.length * 1.5), 1024);
    const words = new Uint32Array(capacity * HASH_WORDS);
    words.set(this.words.subarray(0, this.count * HASH_WORDS));
    const ids = new Uint32Array(capacity);
    ids.set(this.ids.subarray(0, this.count));
    this.words = words;
    this.ids = ids;
  }
}
