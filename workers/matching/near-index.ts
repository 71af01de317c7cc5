// The near-match index contract, so an in-memory MIH index, a brute-force scan or a sharded matcher can stand in for each other.
import { HASH_WORDS, hexListToWords, hexToWords } from './hamming.ts';

export interface NearMatch {
  id: number;
  distance: number;
}

/** A 256-bit hash: 64 hex characters, or 8 words as produced by `hexToWords`. */
export type HashInput = Uint32Array | string;

/** Many hashes at once: hex strings, or one packed array of 8 words per hash. */
export type HashListInput = Uint32Array | readonly string[];

export interface NearIndex {
  /** Adds one hash under `id`. One hash per id; several ids may share a hash. */
  add(id: number, hash: HashInput): void;
  /** Adds many hashes at once (the start-up load); `hashes` holds one hash per id. */
  bulkLoad(ids: ArrayLike<number>, hashes: HashListInput): void;
  /** Removes the hash stored under `id`; false when the id is not in the index. */
  remove?(id: number): boolean;
  /** Every stored hash within Hamming distance `radius`, sorted by distance, then id. */
  query(hash: HashInput, radius: number): NearMatch[];
  readonly size: number;
  memoryBytes(): number;
}

/** Ids are stored in a Uint32Array, so they must fit in 32 bits (database serial ids do). */
const MAX_INDEX_ID = 0xffffffff;

export function assertIndexId(id: number): void {
  if (!Number.isInteger(id) || id < 0 || id > MAX_INDEX_ID) {
    throw new RangeError(`index ids must be integers from 0 to ${MAX_INDEX_ID}; got ${id}`);
  }
}

export function assertRadius(radius: number): void {
  if (!Number.isInteger(radius) || radius < 0) {
    throw new RangeError(`radius must be a non-negative integer Hamming distance; got ${radius}`);
  }
}

/** Normalises a query or added hash to 8 words; rejects arrays of the wrong length. */
export function toHashWords(hash: HashInput): Uint32Array {
  if (typeof hash === 'string') return hexToWords(hash);
  if (!(hash instanceof Uint32Array) || hash.length !== HASH_WORDS) {
    throw new TypeError('a hash must be 64 hex characters or a Uint32Array of 8 words');
  }
  return hash;
}

/** Normalises a bulk-load batch to packed words and checks it has one hash per id. */
export function toPackedHashes(count: number, hashes: HashListInput): Uint32Array {
  const words = hashes instanceof Uint32Array ? hashes : hexListToWords(hashes);
  if (words.length !== count * HASH_WORDS) {
    throw new RangeError(`bulk load got ${count} ids but ${words.length / HASH_WORDS} hashes`);
  }
  return words;
}

export function compareMatches(a: NearMatch, b: NearMatch): number {
  return a.distance - b.distance || a.id - b.id;
}
