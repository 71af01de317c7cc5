// Pure helpers of the MIH index: substring extraction, probe masks, an O(n) radix sort by id and the table build.
import { HASH_WORDS, popcount32 } from './hamming.ts';

export const BUCKETS = 1 << 16;

/** The 16-bit chunk `table` of the hash at `slot`: table t is the low (even t) or high half of word t >> 1. */
export function chunkOf(words: Uint32Array, slot: number, table: number): number {
  return (words[slot * HASH_WORDS + (table >> 1)] >>> ((table & 1) << 4)) & 0xffff;
}

/** All 16-bit masks with at most `k` set bits: the probe pattern for one table. */
export function chunkMasksWithin(k: number): Uint16Array {
  const masks: number[] = [];
  for (let m = 0; m < BUCKETS; m++) if (popcount32(m) <= k) masks.push(m);
  return Uint16Array.from(masks);
}

/** Stable LSD radix sort (two 16-bit passes) giving the order of `keys` ascending; O(n), no comparator calls. */
export function sortPermutation(keys: Uint32Array): Uint32Array {
  const order = new Uint32Array(keys.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  let sorted = true;
  for (let i = 1; i < keys.length && sorted; i++) sorted = keys[i - 1] <= keys[i];
  if (sorted) return order;
  const scratch = new Uint32Array(keys.length);
  radixPass(keys, order, scratch, 0);
  radixPass(keys, scratch, order, 16);
  return order;
}

function radixPass(keys: Uint32Array, from: Uint32Array, to: Uint32Array, shift: number): void {
  const starts = new Uint32Array(BUCKETS + 1);
  for (let i = 0; i < from.length; i++) starts[((keys[from[i]] >>> shift) & 0xffff) + 1]++;
  for (let b = 0; b < BUCKETS; b++) starts[b + 1] += starts[b];
  for (let i = 0; i < from.length; i++) to[starts[(keys[from[i]] >>> shift) & 0xffff]++] = from[i];
}

export function isIdentity(order: Uint32Array): boolean {
  for (let i = 0; i < order.length; i++) if (order[i] !== i) return false;
  return true;
}

/**
 * Counting sort of slots [0, n) by chunk into the 16 CSR tables: `offsets` gets each table's bucket starts and
 * `postings[t]` its slots in bucket order; both tables of a word are built in the same two passes.
 */
export function buildChunkTables(
  words: Uint32Array,
  n: number,
  offsets: Uint32Array,
  postings: Uint32Array[],
  capacity: number,
): void {
  for (let w = 0; w < HASH_WORDS; w++) {
    const lo = offsets.subarray(2 * w * (BUCKETS + 1), (2 * w + 1) * (BUCKETS + 1)).fill(0);
    const hi = offsets.subarray((2 * w + 1) * (BUCKETS + 1), (2 * w + 2) * (BUCKETS + 1)).fill(0);
    for (let o = w; o < n * HASH_WORDS; o += HASH_WORDS) {
      lo[(words[o] & 0xffff) + 1]++;
      hi[(words[o] >>> 16) + 1]++;
    }
    for (let b = 0; b < BUCKETS; b++) {
      lo[b + 1] += lo[b];
      hi[b + 1] += hi[b];
    }
    const loNext = lo.slice(0, BUCKETS);
    const hiNext = hi.slice(0, BUCKETS);
    const loPostings = reservePostings(postings, 2 * w, n, capacity);
    const hiPostings = reservePostings(postings, 2 * w + 1, n, capacity);
    for (let s = 0, o = w; s < n; s++, o += HASH_WORDS) {
      loPostings[loNext[words[o] & 0xffff]++] = s;
      hiPostings[hiNext[words[o] >>> 16]++] = s;
    }
  }
}

/** Table `t`'s postings array, regrown to the index's capacity when it cannot hold `n` slots. */
function reservePostings(postings: Uint32Array[], t: number, n: number, capacity: number): Uint32Array {
  if (postings[t].length < n) postings[t] = new Uint32Array(Math.max(n, capacity));
  return postings[t];
}
