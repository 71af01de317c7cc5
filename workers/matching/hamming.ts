// Pure helpers for 256-bit PDQ hashes held as 8 × 32-bit words (word 0 = the first 8 hex characters).

import { pdq } from '../signals/index.ts';

export const HASH_WORDS = 8;

// Either case: hash lists from other tools write upper-case hex, and bulk loads must not copy strings.
const PDQ_HEX = new RegExp(pdq.pattern, 'i');

/** True when `hex` is a 256-bit hash written as 64 hex characters (either case). */
function isHashHex(hex: unknown): hex is string {
  return typeof hex === 'string' && PDQ_HEX.test(hex);
}

/** Parses 64 hex characters into 8 words; throws a TypeError on anything else. */
export function hexToWords(hex: string): Uint32Array {
  const out = new Uint32Array(HASH_WORDS);
  hexToWordsInto(hex, out, 0);
  return out;
}

/** Parses 64 hex characters into `out[offset .. offset + 8)`, so bulk loads avoid a small array per hash. */
function hexToWordsInto(hex: string, out: Uint32Array, offset: number): void {
  if (!isHashHex(hex))
    throw new TypeError(`a 256-bit hash must be 64 hex characters (0-9, a-f); got ${describeValue(hex)}`);
  for (let i = 0; i < HASH_WORDS; i++) out[offset + i] = parseInt(hex.slice(i * 8, i * 8 + 8), 16);
}

/** Parses a list of hex hashes into one packed array of 8 words per hash; validates every entry first. */
export function hexListToWords(hexes: readonly string[]): Uint32Array {
  const out = new Uint32Array(hexes.length * HASH_WORDS);
  for (let i = 0; i < hexes.length; i++) hexToWordsInto(hexes[i], out, i * HASH_WORDS);
  return out;
}

/** Formats the 8 words at `offset` as 64 lower-case hex characters. */
export function wordsToHex(words: Uint32Array, offset = 0): string {
  if (offset < 0 || offset + HASH_WORDS > words.length) {
    throw new RangeError(`need 8 words at offset ${offset}, but the array holds ${words.length}`);
  }
  let hex = '';
  for (let i = 0; i < HASH_WORDS; i++) hex += words[offset + i].toString(16).padStart(8, '0');
  return hex;
}

/** Number of set bits in a 32-bit value (SWAR bit trick; no lookup table, no BigInt). */
export function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** Hamming distance between the 256-bit hashes at `a[aOff..aOff+8)` and `b[bOff..bOff+8)`. Hot path: no checks. */
export function hammingWords(a: Uint32Array, aOff: number, b: Uint32Array, bOff: number): number {
  return (
    popcount32(a[aOff] ^ b[bOff]) +
    popcount32(a[aOff + 1] ^ b[bOff + 1]) +
    popcount32(a[aOff + 2] ^ b[bOff + 2]) +
    popcount32(a[aOff + 3] ^ b[bOff + 3]) +
    popcount32(a[aOff + 4] ^ b[bOff + 4]) +
    popcount32(a[aOff + 5] ^ b[bOff + 5]) +
    popcount32(a[aOff + 6] ^ b[bOff + 6]) +
    popcount32(a[aOff + 7] ^ b[bOff + 7])
  );
}

/** Hamming distance between two hex hashes; validates both. */
export function hammingHex(a: string, b: string): number {
  return hammingWords(hexToWords(a), 0, hexToWords(b), 0);
}

// Describes bad input without echoing it in full: hashes may come from untrusted files.
function describeValue(value: unknown): string {
  if (typeof value !== 'string') return value === null ? 'null' : `a ${typeof value}`;
  return value.length === 64
    ? 'a 64-character string with a non-hex character'
    : `a string of ${value.length} characters`;
}
